// TypeBox schemas of the viewer-control resources (policies, revocations, sessions), re-exported
// by schemas.ts so the console's `import type` finds them in one place.
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox'
import { MAX_RULE_ENTRIES, MAX_RULES } from '../../core/policy/rules.ts'
import { USER_AGENT_CLASSES } from '../../core/policy/user-agent.ts'
import { REVOCATION_KINDS } from '../../core/policy/viewer-policy.ts'

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Entries = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
    minItems: 1,
    maxItems: MAX_RULE_ENTRIES,
    description,
  })

export const ViewerRule = Type.Object(
  {
    action: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
    ip: Type.Optional(Entries('Client addresses or CIDR ranges, IPv4 or IPv6.')),
    referrer: Type.Optional(
      Entries('Referrer hosts: `example.com`, `*.example.com`, or `none` (no Referer header).'),
    ),
    userAgent: Type.Optional(
      Type.Array(Type.Enum(USER_AGENT_CLASSES), {
        minItems: 1,
        maxItems: USER_AGENT_CLASSES.length,
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Matches when every condition given matches; no condition matches every request.',
  },
)

const Cap = (minimum: number, maximum: number, description: string) =>
  Type.Optional(Nullable(Type.Integer({ minimum, maximum, description })))

export const ViewerCaps = Type.Object(
  {
    maxIpsPerCredential: Cap(1, 1000, 'Distinct client addresses one credential may play from.'),
    maxSessionsPerViewer: Cap(1, 1000, 'Concurrent sessions per viewer (the credential’s uid).'),
    idleSeconds: Cap(5, 86400, 'A session with no request for this long frees its slot (60).'),
  },
  { additionalProperties: false },
)

export const AuthCallbackSettings = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000 }),
    timeoutMs: Type.Integer({ minimum: 50, maximum: 10000, default: 1000 }),
    failOpen: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
)

export const PutViewerPolicyBody = Type.Object(
  {
    rules: Type.Optional(Type.Array(ViewerRule, { maxItems: MAX_RULES })),
    caps: Type.Optional(ViewerCaps),
    callback: Type.Optional(Nullable(AuthCallbackSettings)),
  },
  { additionalProperties: false },
)
export type PutViewerPolicyBody = Static<typeof PutViewerPolicyBody>

export const ViewerPolicy = Type.Object({
  scope: Type.Union([Type.Literal('domain'), Type.Literal('video')]),
  scopeId: Type.String(),
  tenantId: Type.String(),
  rules: Type.Array(ViewerRule),
  caps: Type.Object({
    maxIpsPerCredential: Nullable(Type.Integer()),
    maxSessionsPerViewer: Nullable(Type.Integer()),
    idleSeconds: Nullable(Type.Integer()),
  }),
  callback: Nullable(AuthCallbackSettings),
  updatedAt: IsoDate,
})
export type ViewerPolicy = Static<typeof ViewerPolicy>

const RevocationKind = Type.Enum(REVOCATION_KINDS)
const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\u0000]*$' })

export const CreateRevocationBody = Type.Object(
  {
    kind: Type.Optional(RevocationKind),
    value: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1000,
        pattern: '^[^\\u0000]*$',
        description: 'Credential id (cr_…), viewer id, video id, path prefix or ring key id.',
      }),
    ),
    url: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 8000,
        description: 'A leaked signed URL: revokes its credential (instead of kind and value).',
      }),
    ),
    reason: Reason,
    domainId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    expiresAt: Type.Optional(
      Type.Integer({
        description: 'Unix seconds; by default when every URL signed so far expired.',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CreateRevocationBody = Static<typeof CreateRevocationBody>

export const Revocation = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  domainId: Nullable(Type.String()),
  kind: RevocationKind,
  value: Type.String(),
  reason: Type.String(),
  expiresAt: IsoDate,
  createdAt: IsoDate,
})
export type Revocation = Static<typeof Revocation>

export const RevocationListQuery = Type.Object({
  domainId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
})

export const IdentifyCredentialBody = Type.Object(
  { url: Type.String({ minLength: 8, maxLength: 8000 }) },
  { additionalProperties: false },
)

export const CredentialIdentity = Type.Object({
  domainId: Type.String(),
  credentialId: Type.String(),
  viewerId: Nullable(Type.String()),
  expiresAt: Type.Integer({ description: 'Unix seconds, skew included.' }),
})

export const ViewerSession = Type.Object({
  id: Type.String(),
  domainId: Type.String(),
  credentialId: Type.String(),
  viewerId: Nullable(Type.String()),
  videoId: Nullable(Type.String()),
  clientIp: Type.String(),
  userAgent: Type.String(),
  startedAt: IsoDate,
  lastSeenAt: IsoDate,
  path: Type.String(),
  bytes: Type.Integer({
    minimum: 0,
    description: 'Body bytes of the playlists, segments and files the edge sent in this session',
  }),
})
export type ViewerSession = Static<typeof ViewerSession>
