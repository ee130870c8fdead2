// TypeBox schemas of every native request and response: camelCase JSON, dates as ISO strings.
// The OpenAPI document is generated from these, and the web console `import type`s the Static
// types, so a change here is a change of the public contract.
import { Type, type Static } from '@fastify/type-provider-typebox'
import {
  AUDIT_KINDS,
  DEFINITIONS,
  KEY_STATUSES,
  PROTOCOLS,
  STREAM_FORMATS,
  STREAM_STATUSES,
  TENANT_STATUSES,
  VIDEO_STATUSES,
} from '../../core/model.ts'
import {
  ACCESS_KEY_DESCRIPTION,
  VIDEO_COUNTS,
  VIDEO_FIELDS,
  textSchema,
  type TextRule,
} from '../../core/fields.ts'
import {
  CustomId,
  ErrorBody,
  Id,
  IsoDate,
  Name,
  Nullable,
  PageQuery,
  Text,
} from './common-schemas.ts'

// ---- tenants ----

export const TenantStatus = Type.Enum(TENANT_STATUSES)
export const Tenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: TenantStatus,
  createdAt: IsoDate,
})
export type Tenant = Static<typeof Tenant>

export const CreateTenantBody = Type.Object(
  { id: Type.Optional(CustomId), name: Name, status: Type.Optional(TenantStatus) },
  { additionalProperties: false },
)
export type CreateTenantBody = Static<typeof CreateTenantBody>

export const UpdateTenantBody = Type.Object(
  { name: Type.Optional(Name), status: Type.Optional(TenantStatus) },
  { additionalProperties: false },
)
export type UpdateTenantBody = Static<typeof UpdateTenantBody>

// ---- access keys ----

export const Protocol = Type.Enum(PROTOCOLS)
export const KeyStatus = Type.Enum(KEY_STATUSES)
export const AccessKey = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  protocol: Protocol,
  keyId: Type.String({ description: 'The public half: AccessKeyId, SecretId, appKey, userid.' }),
  status: KeyStatus,
  description: Type.String(),
  createdAt: IsoDate,
})
export type AccessKey = Static<typeof AccessKey>

export const IssuedAccessKey = Type.Object({
  ...AccessKey.properties,
  secret: Type.String({ description: 'Shown once, in this response only.' }),
})
export type IssuedAccessKey = Static<typeof IssuedAccessKey>

export const TenantParams = Type.Object({ tenantId: Id })
export type TenantParams = Static<typeof TenantParams>
export const TenantKeyParams = Type.Object({ tenantId: Id, id: Id })
export type TenantKeyParams = Static<typeof TenantKeyParams>

export const CreateAccessKeyBody = Type.Object(
  {
    protocol: Protocol,
    keyId: Type.Optional(
      Type.String({ minLength: 4, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$' }),
    ),
    secret: Type.Optional(
      Type.String({ minLength: 8, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' }),
    ),
    description: Type.Optional(Text(ACCESS_KEY_DESCRIPTION)),
  },
  { additionalProperties: false },
)
export type CreateAccessKeyBody = Static<typeof CreateAccessKeyBody>

export const UpdateAccessKeyBody = Type.Object(
  { status: Type.Optional(KeyStatus), description: Type.Optional(Text(ACCESS_KEY_DESCRIPTION)) },
  { additionalProperties: false },
)
export type UpdateAccessKeyBody = Static<typeof UpdateAccessKeyBody>

// ---- videos ----

export const VideoStatus = Type.Enum(VIDEO_STATUSES)
/** A video field by its one rule (core/fields.ts); UTF-8 byte limits are checked by the service. */
const Field = (rule: TextRule) => Type.String({ pattern: '^[^\\u0000]*$', ...textSchema(rule) })
const Title = Field(VIDEO_FIELDS.title)
const Description = Field(VIDEO_FIELDS.description)
const Tags = Type.Array(Field(VIDEO_FIELDS.tag), { maxItems: VIDEO_COUNTS.tags })
const CoverUrl = Field(VIDEO_FIELDS.coverUrl)
const ReferenceId = Field(VIDEO_FIELDS.referenceId)
const Settings = Type.Record(Type.String(), Field(VIDEO_FIELDS.settingValue), {
  maxProperties: VIDEO_COUNTS.settings,
  propertyNames: textSchema(VIDEO_FIELDS.settingName),
})

export const Video = Type.Object({
  id: Type.String({ description: '32 lower-case hex, as Aliyun VOD issues them.' }),
  tenantId: Type.String(),
  referenceId: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  tags: Type.Array(Type.String()),
  coverUrl: Nullable(Type.String()),
  duration: Type.Number({ description: 'Seconds.' }),
  size: Type.Number({ description: 'Bytes.' }),
  status: VideoStatus,
  auditStatus: Type.String(),
  settings: Type.Record(Type.String(), Type.String()),
  playDomain: Nullable(
    Type.String({
      description: "Host of the video's own play domain; null: the tenant's default.",
    }),
  ),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export type Video = Static<typeof Video>
const PlayDomainHost = Type.String({
  minLength: 1,
  maxLength: 253,
  description: "One of the tenant's play domains; null: the tenant's default.",
})
const Seconds = Type.Number({ minimum: 0, maximum: 31_536_000, description: 'Seconds.' })

export const VideoListQuery = Type.Object({
  ...PageQuery.properties,
  tenantId: Type.Optional(Id),
  status: Type.Optional(VideoStatus),
})
export type VideoListQuery = Static<typeof VideoListQuery>

export const CreateVideoBody = Type.Object(
  {
    tenantId: Id,
    id: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
    referenceId: Type.Optional(Nullable(ReferenceId)),
    title: Title,
    description: Type.Optional(Description),
    tags: Type.Optional(Tags),
    coverUrl: Type.Optional(Nullable(CoverUrl)),
    status: Type.Optional(VideoStatus),
    settings: Type.Optional(Settings),
    playDomain: Type.Optional(Nullable(PlayDomainHost)),
    createdAt: Type.Optional(IsoDate),
    duration: Type.Optional({ ...Seconds, description: 'Until a stream says otherwise.' }),
  },
  { additionalProperties: false },
)
export type CreateVideoBody = Static<typeof CreateVideoBody>

export const UpdateVideoBody = Type.Object(
  {
    referenceId: Type.Optional(Nullable(ReferenceId)),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    tags: Type.Optional(Tags),
    coverUrl: Type.Optional(Nullable(CoverUrl)),
    status: Type.Optional(VideoStatus),
    auditStatus: Type.Optional(Field(VIDEO_FIELDS.auditStatus)),
    settings: Type.Optional(Settings),
    playDomain: Type.Optional(Nullable(PlayDomainHost)),
    duration: Type.Optional(Seconds),
  },
  { additionalProperties: false },
)
export type UpdateVideoBody = Static<typeof UpdateVideoBody>

// ---- streams ----

export const StreamFormat = Type.Enum(STREAM_FORMATS)
export const Definition = Type.Enum(DEFINITIONS)
export const StreamStatus = Type.Enum(STREAM_STATUSES)
export const Stream = Type.Object({
  id: Type.String(),
  videoId: Type.String(),
  format: StreamFormat,
  definition: Definition,
  width: Type.Integer(),
  height: Type.Integer(),
  bitrate: Type.Number({ description: 'kbit/s.' }),
  fps: Type.Number(),
  size: Type.Number({ description: 'Bytes (HLS: every file).' }),
  duration: Type.Number({ description: 'Seconds.' }),
  location: Type.String(),
  status: StreamStatus,
  encrypted: Type.Boolean(),
  createdAt: IsoDate,
})
export type Stream = Static<typeof Stream>

export const CreateStreamBody = Type.Object(
  {
    location: Text({
      minLength: 1,
      maxLength: 2048,
      description:
        'A path relative to the media root (probed for duration, size, resolution), or an http(s) origin URL.',
    }),
    definition: Type.Optional(Definition),
    format: Type.Optional(StreamFormat),
    status: Type.Optional(StreamStatus),
    encrypted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CreateStreamBody = Static<typeof CreateStreamBody>

export const StreamParams = Type.Object({ id: Id, streamId: Id })
export type StreamParams = Static<typeof StreamParams>

// ---- play passwords ----

export const PlayPassword = Type.Object({
  videoId: Type.String(),
  password: Nullable(Type.String({ description: 'null when the video has no password.' })),
})
export type PlayPassword = Static<typeof PlayPassword>

export const SetPlayPasswordBody = Type.Object(
  { password: Text({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
)
export type SetPlayPasswordBody = Static<typeof SetPlayPasswordBody>

// ---- audit ----

export const AuditKind = Type.Enum(AUDIT_KINDS)
export const AuditEvent = Type.Object({
  id: Type.String(),
  tenantId: Nullable(Type.String()),
  kind: AuditKind,
  subject: Type.String(),
  reason: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  at: IsoDate,
})
export type AuditEvent = Static<typeof AuditEvent>

export const AuditListQuery = Type.Object({
  ...PageQuery.properties,
  tenantId: Type.Optional(Id),
  kind: Type.Optional(AuditKind),
  subject: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: 'A video id, domain id, key id…' }),
  ),
  outcome: Type.Optional(
    Type.Union([Type.Literal('allowed'), Type.Literal('denied')], {
      description: 'Denied events carry a reason.',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive, ISO 8601.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive, ISO 8601.' })),
})
export type AuditListQuery = Static<typeof AuditListQuery>

// ---- responses every route shares ----

/** Error bodies for OpenAPI; also what the error handler's replies are serialized with. */
export const ErrorResponses = { '4xx': ErrorBody, '5xx': ErrorBody }
export const NoContent = Type.Null({ description: 'No content.' })
export { ErrorBody, IdParams, PageOf, PageQuery } from './common-schemas.ts'
export * from './play-domain-schemas.ts'
export * from './viewer-schemas.ts'
export * from './live-schemas.ts'
export * from './password-schemas.ts'
export * from './dingtalk-schemas.ts'
export * from './catalog-schemas.ts'
