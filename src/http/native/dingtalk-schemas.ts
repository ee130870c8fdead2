// TypeBox schemas of the DingTalk catalog (org, apps, users, conferences, recordings,
// transcripts) under /v1/tenants/:tenantId/dingtalk, re-exported by schemas.ts.
import { CONFERENCE_TITLE } from '../../core/fields.ts'
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox'
import { KEY_STATUSES } from '../../core/model.ts'

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const Closed = { additionalProperties: false } as const
/** Free text: anything but NUL, which PostgreSQL's text type refuses. */
const Text = (maxLength: number, minLength = 1) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000]*$' })
/** Ids in paths: bounded, URL-safe (Fastify's router caps path params at 100). */
const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })
const OwnId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })
const UnionId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' })
const Scope = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9_.]{0,127}$',
  description: 'A DingTalk permission code, e.g. VideoConference.Conference.Read.',
})
const Scopes = Type.Array(Scope, { maxItems: 200 })
const Millis = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })

export const DingtalkTenantParams = Type.Object({ tenantId: Id })
export const DingtalkAppParams = Type.Object({ tenantId: Id, id: Id })
export const DingtalkUserParams = Type.Object({ tenantId: Id, unionId: UnionId })
export const ConferenceParams = Type.Object({ tenantId: Id, conferenceId: Id })
export const RecordingParams = Type.Object({ tenantId: Id, conferenceId: Id, id: Id })

// ---- org ----

export const DingtalkOrg = Type.Object({
  tenantId: Type.String(),
  corpId: Type.String({ description: "The org's DingTalk corpId (unique across tenants)." }),
  name: Type.String(),
})
export type DingtalkOrg = Static<typeof DingtalkOrg>
export const PutDingtalkOrgBody = Type.Object({ corpId: Text(128), name: Text(256) }, Closed)

// ---- apps ----

export const DingtalkApp = Type.Object({
  id: Type.String({ description: 'The access key id.' }),
  tenantId: Type.String(),
  appKey: Type.String(),
  status: Type.Enum(KEY_STATUSES),
  description: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: IsoDate,
})
export type DingtalkApp = Static<typeof DingtalkApp>
export const CreatedDingtalkApp = Type.Object({
  ...DingtalkApp.properties,
  appSecret: Type.String({ description: 'Shown once, in this response only.' }),
})
export const CreateDingtalkAppBody = Type.Object(
  {
    appKey: Type.Optional(
      Type.String({ minLength: 4, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$' }),
    ),
    appSecret: Type.Optional(
      Type.String({ minLength: 8, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' }),
    ),
    description: Type.Optional(Text(500, 0)),
    scopes: Type.Optional(Scopes),
  },
  Closed,
)
export const UpdateDingtalkAppBody = Type.Object(
  {
    scopes: Type.Optional(Scopes),
    status: Type.Optional(Type.Enum(KEY_STATUSES)),
    description: Type.Optional(Text(500, 0)),
  },
  Closed,
)

// ---- users ----

export const DingtalkUser = Type.Object({
  tenantId: Type.String(),
  unionId: Type.String(),
  userId: Type.String(),
  name: Type.String(),
})
export type DingtalkUser = Static<typeof DingtalkUser>
export const PutDingtalkUserBody = Type.Object({ userId: Text(128), name: Text(256) }, Closed)

// ---- conferences ----

export const Conference = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  title: Type.String(),
  hostUnionId: Type.String(),
  participants: Type.Array(Type.String(), { description: 'Always includes the host.' }),
  startedAt: IsoDate,
  endedAt: Nullable(IsoDate),
})
export type Conference = Static<typeof Conference>
const ConferenceFields = {
  title: Text(CONFERENCE_TITLE.maxLength),
  hostUnionId: UnionId,
  participants: Type.Array(UnionId, { maxItems: 1000 }),
  startedAt: IsoDate,
  endedAt: Nullable(IsoDate),
}
export const CreateConferenceBody = Type.Object(
  {
    id: Type.Optional(OwnId),
    title: ConferenceFields.title,
    hostUnionId: ConferenceFields.hostUnionId,
    participants: Type.Optional(ConferenceFields.participants),
    startedAt: Type.Optional(ConferenceFields.startedAt),
    endedAt: Type.Optional(ConferenceFields.endedAt),
  },
  Closed,
)
export const UpdateConferenceBody = Type.Partial(Type.Object(ConferenceFields), Closed)

// ---- recordings ----

export const Recording = Type.Object({
  id: Type.String({ description: "getVideos' recordId." }),
  conferenceId: Type.String(),
  videoId: Type.String({ description: 'The catalog video it plays.' }),
  mediaId: Type.String(),
  regionId: Type.String(),
  unionId: Type.String(),
  startedAt: IsoDate,
  endedAt: IsoDate,
  durationMs: Type.Integer(),
  fileSize: Type.Integer({ description: 'Bytes.' }),
})
export type Recording = Static<typeof Recording>
const RecordingFields = {
  videoId: Id,
  mediaId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' }),
  regionId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  unionId: UnionId,
  startedAt: IsoDate,
  endedAt: IsoDate,
  durationMs: Millis,
  fileSize: Millis,
}
export const CreateRecordingBody = Type.Object(
  {
    id: Type.Optional(OwnId),
    videoId: RecordingFields.videoId,
    mediaId: Type.Optional(RecordingFields.mediaId),
    regionId: RecordingFields.regionId,
    unionId: RecordingFields.unionId,
    startedAt: RecordingFields.startedAt,
    endedAt: RecordingFields.endedAt,
    durationMs: Type.Optional(RecordingFields.durationMs),
    fileSize: Type.Optional(RecordingFields.fileSize),
  },
  Closed,
)
export const UpdateRecordingBody = Type.Partial(Type.Object(RecordingFields), Closed)

// ---- transcripts ----

const Word = Type.Object(
  { word: Type.String({ maxLength: 256 }), wordId: Text(64), startTime: Millis, endTime: Millis },
  Closed,
)
const Sentence = Type.Object(
  {
    sentence: Type.String({ maxLength: 8192 }),
    startTime: Millis,
    endTime: Millis,
    unionId: UnionId,
    wordList: Type.Array(Word, { maxItems: 2000 }),
  },
  Closed,
)
export const TranscriptParagraphInput = Type.Object(
  {
    recordId: Millis,
    unionId: UnionId,
    nickName: Type.String({ maxLength: 256 }),
    paragraph: Type.String({ maxLength: 65_536 }),
    startTime: Millis,
    endTime: Millis,
    status: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    sentenceList: Type.Array(Sentence, { maxItems: 2000 }),
  },
  Closed,
)
export const TranscriptParagraph = Type.Object({
  seq: Type.Integer({ description: "1-based, in time order: getTexts' nextTtoken." }),
  ...TranscriptParagraphInput.properties,
})
export const Transcript = Type.Object({
  conferenceId: Type.String(),
  paragraphs: Type.Array(TranscriptParagraph),
})
export type Transcript = Static<typeof Transcript>
export const PutTranscriptBody = Type.Object(
  { paragraphs: Type.Array(TranscriptParagraphInput, { maxItems: 10_000 }) },
  Closed,
)
