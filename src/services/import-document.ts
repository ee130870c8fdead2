// The declarative import format (docs/import.md): its TypeBox schema. Reading JSON or YAML text
// and wording schema violations as Problems is import-text.ts (re-exported here).
import { Type, type Static } from '@sinclair/typebox'
import {
  ACCESS_KEY_DESCRIPTION,
  ACCOUNT_NUMBER,
  ALLOWED_ORIGIN,
  ALLOWED_ORIGINS_MAX,
  CONFERENCE_TITLE,
  PLAY_PASSWORD,
  REGION_RULE,
  TENANT_NAME,
  VIDEO_COUNTS,
  VIDEO_FIELDS,
  textSchema,
  type TextRule,
} from '../core/fields.ts'
import {
  ALIAS_VENDORS,
  DEFINITIONS,
  KEY_STATUSES,
  PROTOCOLS,
  STREAM_FORMATS,
  STREAM_STATUSES,
  TENANT_STATUSES,
  VIDEO_STATUSES,
} from '../core/model.ts'
import { URL_SCHEME_NAMES } from '../core/schemes/url-scheme.ts'
import { PolyvDocSchema } from './import-polyv.ts'
import { ViewerControlsDocSchema } from './import-viewer.ts'
import { LiveStreamDocSchema } from './import-live.ts'

/** One thing wrong with an import document, at a path like `tenants[0].videos[2].title`. */
export interface Problem {
  /** Where in the document; '' for the document as a whole. */
  readonly path: string
  readonly message: string
}

const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)))

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })
/** A field by its one rule (core/fields.ts); UTF-8 byte limits are checked by the planner. */
const Field = (rule: TextRule) =>
  Type.String({ ...textSchema(rule), ...(rule.problem ? { problem: rule.problem } : {}) })

/** Stable ids we keep as given: tenants, conferences, recordings. */
const Id = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
  problem: 'must be 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
})

const Time = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$',
  problem: 'must be an ISO 8601 time with a zone, e.g. 2026-01-05T09:00:00Z',
})

const Closed = { additionalProperties: false } as const

export const AccessKeyDocSchema = Type.Object(
  {
    protocol: oneOf(PROTOCOLS),
    keyId: Text(128),
    secret: Text(256),
    status: Type.Optional(oneOf(KEY_STATUSES)),
    description: Type.Optional(Field(ACCESS_KEY_DESCRIPTION)),
  },
  Closed,
)

export const PlayDomainDocSchema = Type.Object(
  {
    host: Text(253),
    scheme: oneOf(URL_SCHEME_NAMES),
    authEnabled: Type.Optional(Type.Boolean()),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 31_536_000 })),
    allowedOrigins: Type.Optional(
      Type.Array(Field(ALLOWED_ORIGIN), { minItems: 1, maxItems: ALLOWED_ORIGINS_MAX }),
    ),
    isDefault: Type.Optional(Type.Boolean()),
    primaryKey: Type.Optional(Text(256)),
    backupKey: Type.Optional(Type.Union([Text(256), Type.Null()])),
  },
  Closed,
)

export const StreamDocSchema = Type.Object(
  {
    location: Text(1024),
    format: Type.Optional(oneOf(STREAM_FORMATS)),
    definition: Type.Optional(oneOf(DEFINITIONS)),
    status: Type.Optional(oneOf(STREAM_STATUSES)),
    encrypted: Type.Optional(Type.Boolean()),
  },
  Closed,
)

/** A vendor's id of the video; its shape is checked per vendor (core/fields.ts ALIAS_RULES). */
export const AliasDocSchema = Type.Object(
  { vendor: oneOf(ALIAS_VENDORS), alias: Text(256) },
  Closed,
)

export const VideoDocSchema = Type.Object(
  {
    id: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{32}$', problem: 'must be 32 lower-case hex characters' }),
    ),
    referenceId: Type.Optional(Field(VIDEO_FIELDS.referenceId)),
    title: Field(VIDEO_FIELDS.title),
    description: Type.Optional(Field(VIDEO_FIELDS.description)),
    tags: Type.Optional(Type.Array(Field(VIDEO_FIELDS.tag), { maxItems: VIDEO_COUNTS.tags })),
    coverUrl: Type.Optional(Type.Union([Field(VIDEO_FIELDS.coverUrl), Type.Null()])),
    status: Type.Optional(oneOf(VIDEO_STATUSES)),
    auditStatus: Type.Optional(Field(VIDEO_FIELDS.auditStatus)),
    settings: Type.Optional(
      Type.Record(
        Type.String(textSchema(VIDEO_FIELDS.settingName)),
        Field(VIDEO_FIELDS.settingValue),
        {
          maxProperties: VIDEO_COUNTS.settings,
        },
      ),
    ),
    /** A host of the tenant's play domains; null: the tenant's default. */
    playDomain: Type.Optional(Type.Union([Text(253), Type.Null()])),
    createdAt: Type.Optional(Time),
    /** Seconds, while no stream says otherwise. */
    duration: Type.Optional(Type.Number({ minimum: 0, maximum: 31_536_000 })),
    aliases: Type.Optional(Type.Array(AliasDocSchema, { maxItems: 100 })),
    /** Absent leaves a stored password alone; '' removes it. */
    password: Type.Optional(Field(PLAY_PASSWORD)),
    streams: Type.Optional(Type.Array(StreamDocSchema)),
  },
  Closed,
)

export const DingtalkUserDocSchema = Type.Object(
  { unionId: Text(128), userId: Text(128), name: Text(256) },
  Closed,
)

export const RecordingDocSchema = Type.Object(
  {
    id: Id,
    videoId: Type.Optional(Text(64)),
    videoReferenceId: Type.Optional(Text(128)),
    mediaId: Type.Optional(Text(128)),
    regionId: Text(64),
    unionId: Text(128),
    startedAt: Time,
    endedAt: Time,
    durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    fileSize: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  Closed,
)

/** Milliseconds into the recording (transcript times). */
const Offset = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })

export const TranscriptWordDocSchema = Type.Object(
  {
    word: Type.String({ maxLength: 256 }),
    wordId: Type.Optional(Text(64)),
    startTime: Offset,
    endTime: Offset,
  },
  Closed,
)

export const TranscriptSentenceDocSchema = Type.Object(
  {
    sentence: Type.String({ maxLength: 8192 }),
    startTime: Offset,
    endTime: Offset,
    unionId: Type.Optional(Text(128)),
    words: Type.Optional(Type.Array(TranscriptWordDocSchema, { maxItems: 2000 })),
  },
  Closed,
)

export const TranscriptParagraphDocSchema = Type.Object(
  {
    unionId: Text(128),
    /** The speaker's name as shown; the user's name by default. */
    nickName: Type.Optional(Type.String({ maxLength: 256 })),
    paragraph: Type.String({ maxLength: 65_536 }),
    startTime: Offset,
    endTime: Offset,
    /** DingTalk's numeric `recordId` of the paragraph; 0 by default. */
    recordId: Type.Optional(Offset),
    status: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    sentences: Type.Optional(Type.Array(TranscriptSentenceDocSchema, { maxItems: 2000 })),
  },
  Closed,
)

export const ConferenceDocSchema = Type.Object(
  {
    id: Id,
    title: Field(CONFERENCE_TITLE),
    hostUnionId: Text(128),
    participants: Type.Optional(Type.Array(Text(128))),
    startedAt: Time,
    endedAt: Type.Optional(Type.Union([Time, Type.Null()])),
    recordings: Type.Optional(Type.Array(RecordingDocSchema)),
    /** The whole transcript (replaces a stored one); absent leaves a stored one alone. */
    transcript: Type.Optional(Type.Array(TranscriptParagraphDocSchema, { maxItems: 100_000 })),
  },
  Closed,
)

/** A DingTalk app: one of the tenant's `dingtalk` access keys and the API scopes it holds. */
export const DingtalkAppDocSchema = Type.Object(
  {
    appKey: Text(128),
    scopes: Type.Array(
      Type.String({
        pattern: '^[A-Za-z][A-Za-z0-9_.]{0,127}$',
        problem: 'must be a DingTalk permission code such as VideoConference.Conference.Read',
      }),
      { maxItems: 200 },
    ),
  },
  Closed,
)

export const DingtalkDocSchema = Type.Object(
  {
    corpId: Text(128),
    name: Text(256),
    apps: Type.Optional(Type.Array(DingtalkAppDocSchema)),
    users: Type.Optional(Type.Array(DingtalkUserDocSchema)),
    conferences: Type.Optional(Type.Array(ConferenceDocSchema)),
  },
  Closed,
)

const Region = Type.String(REGION_RULE)
const AccountNumber = Type.Integer(ACCOUNT_NUMBER)

/** Facts of the tenant's vendor accounts; a vendor left out keeps its stored facts. */
export const AccountsDocSchema = Type.Object(
  {
    aliyun: Type.Optional(
      Type.Object(
        { customerId: Type.Optional(AccountNumber), region: Type.Optional(Region) },
        Closed,
      ),
    ),
    tencent: Type.Optional(
      Type.Object({ appId: Type.Optional(AccountNumber), region: Type.Optional(Region) }, Closed),
    ),
  },
  Closed,
)

export const TenantDocSchema = Type.Object(
  {
    id: Id,
    name: Field(TENANT_NAME),
    status: Type.Optional(oneOf(TENANT_STATUSES)),
    accounts: Type.Optional(AccountsDocSchema),
    accessKeys: Type.Optional(Type.Array(AccessKeyDocSchema)),
    playDomains: Type.Optional(Type.Array(PlayDomainDocSchema)),
    videos: Type.Optional(Type.Array(VideoDocSchema)),
    dingtalk: Type.Optional(DingtalkDocSchema),
    viewerControls: Type.Optional(ViewerControlsDocSchema),
    liveStreams: Type.Optional(Type.Array(LiveStreamDocSchema)),
    polyv: Type.Optional(PolyvDocSchema),
  },
  Closed,
)

export const ImportDocumentSchema = Type.Object(
  {
    version: Type.Optional(Type.Literal(1)),
    tenants: Type.Array(TenantDocSchema),
  },
  Closed,
)

export type ImportDocument = Static<typeof ImportDocumentSchema>
export type TenantDoc = Static<typeof TenantDocSchema>
export type VideoDoc = Static<typeof VideoDocSchema>
export type StreamDoc = Static<typeof StreamDocSchema>
export type ConferenceDoc = Static<typeof ConferenceDocSchema>
export type RecordingDoc = Static<typeof RecordingDocSchema>

export {
  parseImportText,
  schemaProblems,
  syntaxOf,
  toProblemPath,
  type ParsedText,
} from './import-text.ts'
