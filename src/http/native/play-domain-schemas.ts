// TypeBox schemas of play domains and their key rings, re-exported by schemas.ts.
import { Type, type Static } from '@fastify/type-provider-typebox'
import { ALLOWED_ORIGIN, ALLOWED_ORIGINS_MAX, textSchema } from '../../core/fields.ts'
import { URL_SCHEME_NAMES } from '../../core/schemes/url-scheme.ts'
import { ChosenSecret, Id, IsoDate, Nullable, PageQuery } from './common-schemas.ts'

export const UrlScheme = Type.Enum(URL_SCHEME_NAMES)
export const PlayDomain = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  host: Type.String(),
  scheme: UrlScheme,
  authEnabled: Type.Boolean(),
  ttlSeconds: Type.Integer(),
  allowedOrigins: Type.Array(Type.String()),
  isDefault: Type.Boolean(),
  createdAt: IsoDate,
})
export type PlayDomain = Static<typeof PlayDomain>

const RingKey = Type.Object({ id: Type.String(), secret: Type.String() })
export const KeyRing = Type.Object({
  primary: RingKey,
  backup: Nullable(RingKey),
  rotatedAt: Nullable(IsoDate),
})
export type KeyRing = Static<typeof KeyRing>

export const PlayDomainWithKeys = Type.Object({ ...PlayDomain.properties, keys: KeyRing })
export type PlayDomainWithKeys = Static<typeof PlayDomainWithKeys>

const Host = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern:
    '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?(:[0-9]{1,5})?$',
  description: 'Host name playback URLs are issued for; lower-cased, port dropped.',
})
const TtlSeconds = Type.Integer({ minimum: 1, maximum: 31_536_000 })
const Origins = Type.Array(Type.String(textSchema(ALLOWED_ORIGIN)), {
  minItems: 1,
  maxItems: ALLOWED_ORIGINS_MAX,
})

export const PlayDomainListQuery = Type.Object({
  ...PageQuery.properties,
  tenantId: Type.Optional(Id),
})
export type PlayDomainListQuery = Static<typeof PlayDomainListQuery>

/** What both creating and updating a domain may set, each optional in both. */
const PlayDomainSettings = {
  authEnabled: Type.Optional(Type.Boolean()),
  ttlSeconds: Type.Optional(TtlSeconds),
  allowedOrigins: Type.Optional(Origins),
  isDefault: Type.Optional(Type.Boolean()),
  primaryKey: Type.Optional(ChosenSecret),
  backupKey: Type.Optional(Nullable(ChosenSecret)),
}

export const CreatePlayDomainBody = Type.Object(
  { tenantId: Id, host: Host, scheme: UrlScheme, ...PlayDomainSettings },
  { additionalProperties: false },
)
export type CreatePlayDomainBody = Static<typeof CreatePlayDomainBody>

export const UpdatePlayDomainBody = Type.Object(
  { scheme: Type.Optional(UrlScheme), ...PlayDomainSettings },
  { additionalProperties: false },
)
export type UpdatePlayDomainBody = Static<typeof UpdatePlayDomainBody>

export const RotateKeysBody = Type.Object(
  { primaryKey: Type.Optional(ChosenSecret) },
  { additionalProperties: false },
)
export type RotateKeysBody = Static<typeof RotateKeysBody>
