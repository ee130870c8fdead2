// The DingTalk side of the catalog as an operator manages it (native API): a tenant's org (its
// corpId), users, conferences with host and participants, their recordings (each pointing at a
// video of the tenant) and transcripts. The same records import writes; the dialect only reads
// them (and creates conferences through the vendor API).
import { AppError, notFound, notFoundSaying, quoteId } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { Conference, DingtalkOrg, DingtalkUser, Recording } from '../core/model.ts'
import {
  deleteConference,
  deleteDingtalkUser,
  deleteRecording,
  findConference,
  findDingtalkOrg,
  findDingtalkUser,
  findRecording,
  listConferences,
  listDingtalkUsers,
  listRecordings,
  upsertConference,
  upsertDingtalkOrg,
  upsertDingtalkUser,
  upsertRecording,
} from '../storage/repositories/dingtalk.ts'
import {
  countTranscript,
  pageTranscript,
  replaceTranscript,
  type TranscriptParagraphInput,
} from '../storage/repositories/transcripts.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, same, type Outcome } from './outcome.ts'
import { toPage } from './pages.ts'
import type { Videos } from './videos.ts'

export interface ConferenceInput {
  readonly id?: string | undefined
  readonly title: string
  readonly hostUnionId: string
  readonly participants?: readonly string[] | undefined
  readonly startedAt?: Date | undefined
  readonly endedAt?: Date | null | undefined
}

export type ConferenceChanges = Partial<Omit<ConferenceInput, 'id'>>

export interface RecordingInput {
  readonly id?: string | undefined
  readonly videoId: string
  /** DingTalk's mediaId; the video id by default. */
  readonly mediaId?: string | undefined
  readonly regionId: string
  readonly unionId: string
  readonly startedAt: Date
  readonly endedAt: Date
  /** Milliseconds; endedAt − startedAt by default. */
  readonly durationMs?: number | undefined
  /** Bytes; the video's size by default. */
  readonly fileSize?: number | undefined
}

export type RecordingChanges = Partial<Omit<RecordingInput, 'id'>>

const noOrg = (tenantId: string) =>
  notFoundSaying('dingtalkOrg', `tenant ${quoteId(tenantId)} has no DingTalk org`)
const invalid = (parameter: string, hint: string) =>
  new AppError('INVALID_PARAMETER', `${parameter}: ${hint}`, { details: { parameter, hint } })

export function createDingtalkCatalog(
  deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>,
  parts: { readonly videos: Pick<Videos, 'getForTenant'> },
) {
  const { db } = deps

  async function requireUsers(tenantId: string, unionIds: readonly string[], parameter: string) {
    for (const unionId of new Set(unionIds))
      if (!(await findDingtalkUser(db, tenantId, unionId)))
        throw invalid(parameter, `unknown DingTalk user "${unionId}": add it under users first`)
  }

  async function conference(tenantId: string, id: string): Promise<Conference> {
    const found = await findConference(db, id)
    // Another tenant's conference is reported exactly like a missing one.
    if (!found || found.tenantId !== tenantId) throw notFound('conference', id)
    return found
  }

  /** A conference as given, with its defaults (started now, not ended, no other participant). */
  const newConference = (tenantId: string, id: string, input: ConferenceInput): Conference => ({
    id,
    tenantId,
    title: input.title,
    hostUnionId: input.hostUnionId,
    participants: input.participants ?? [],
    startedAt: input.startedAt ?? new Date(deps.clock.now()),
    endedAt: input.endedAt ?? null,
  })

  async function checkedConference(c: Conference): Promise<Conference> {
    if (c.endedAt && c.endedAt.getTime() < c.startedAt.getTime())
      throw invalid('endedAt', 'must not be before startedAt')
    await requireUsers(c.tenantId, [c.hostUnionId], 'hostUnionId')
    await requireUsers(c.tenantId, c.participants, 'participants')
    return { ...c, participants: [...new Set([c.hostUnionId, ...c.participants])] }
  }

  async function recording(tenantId: string, conferenceId: string, id: string) {
    await conference(tenantId, conferenceId)
    const found = await findRecording(db, id)
    if (!found || found.conferenceId !== conferenceId) throw notFound('recording', id)
    return found
  }

  /** A recording whose video is the tenant's and whose times and user make sense. */
  async function checkedRecording(
    tenantId: string,
    r: Omit<Recording, 'durationMs' | 'fileSize' | 'mediaId'> & {
      durationMs?: number | undefined
      fileSize?: number | undefined
      mediaId?: string | undefined
    },
  ): Promise<Recording> {
    const video = await parts.videos.getForTenant(tenantId, r.videoId).catch(() => {
      throw invalid('videoId', `no video ${r.videoId} in this tenant`)
    })
    const span = r.endedAt.getTime() - r.startedAt.getTime()
    if (span < 0) throw invalid('endedAt', 'must not be before startedAt')
    await requireUsers(tenantId, [r.unionId], 'unionId')
    return {
      ...r,
      mediaId: r.mediaId ?? video.id,
      durationMs: r.durationMs ?? span,
      fileSize: r.fileSize ?? video.size,
    }
  }

  /** The whole transcript in time order (paragraphs numbered from 1). */
  async function transcript(tenantId: string, conferenceId: string) {
    await conference(tenantId, conferenceId)
    const total = await countTranscript(db, conferenceId)
    if (total === 0) return []
    const q = { descending: false, after: 0, startTime: 0, limit: total }
    return (await pageTranscript(db, conferenceId, q)).items
  }

  /** Replaces the transcript as a whole unless it is the same; whether that changed it. */
  async function putTranscript(
    tenantId: string,
    conferenceId: string,
    paragraphs: readonly TranscriptParagraphInput[],
  ): Promise<Outcome> {
    const stored = (await transcript(tenantId, conferenceId)).map(
      ({ conferenceId: _c, seq: _s, ...rest }) => rest,
    )
    if (stored.length === 0 && paragraphs.length === 0) return 'unchanged'
    if (same(stored, paragraphs)) return 'unchanged'
    for (const [i, p] of paragraphs.entries())
      if (p.endTime < p.startTime)
        throw invalid(`paragraphs[${i}].endTime`, 'must not be before startTime')
    await requireUsers(
      tenantId,
      paragraphs.map((p) => p.unionId),
      'unionId',
    )
    await replaceTranscript(db, conferenceId, paragraphs)
    return stored.length === 0 ? 'created' : 'updated'
  }

  return {
    async getOrg(tenantId: string): Promise<DingtalkOrg> {
      const org = await findDingtalkOrg(db, tenantId)
      if (!org) throw noOrg(tenantId)
      return org
    },
    /** Creates or replaces the tenant's org; a corpId another tenant holds is CONFLICT. */
    async setOrg(tenantId: string, input: { corpId: string; name: string }) {
      await upsertDingtalkOrg(db, { tenantId, ...input })
      return (await findDingtalkOrg(db, tenantId))!
    },
    /** Creates or replaces the tenant's org (an import's); whether that changed it. */
    async putOrg(tenantId: string, input: { corpId: string; name: string }): Promise<Outcome> {
      const org = { tenantId, corpId: input.corpId, name: input.name }
      const stored = await findDingtalkOrg(db, tenantId)
      const outcome = outcomeOf(stored, stored, org)
      if (outcome !== 'unchanged') await upsertDingtalkOrg(db, org)
      return outcome
    },
    async removeOrg(tenantId: string): Promise<void> {
      const result = await db
        .deleteFrom('dingtalk_orgs')
        .where('tenant_id', '=', tenantId)
        .execute()
      if (Number(result[0]?.numDeletedRows ?? 0) === 0) throw noOrg(tenantId)
    },

    listUsers: (tenantId: string, page?: number, pageSize?: number) =>
      listDingtalkUsers(db, tenantId, toPage(page, pageSize)),
    async getUser(tenantId: string, unionId: string): Promise<DingtalkUser> {
      const user = await findDingtalkUser(db, tenantId, unionId)
      if (!user) throw notFound('dingtalkUser', unionId)
      return user
    },
    /** Creates or replaces a user by unionId; `created` says which, `outcome` whether it changed. */
    async putUser(tenantId: string, input: Omit<DingtalkUser, 'tenantId'>) {
      const user = { tenantId, unionId: input.unionId, userId: input.userId, name: input.name }
      const stored = await findDingtalkUser(db, tenantId, user.unionId)
      const outcome = outcomeOf(stored, stored, user)
      if (outcome !== 'unchanged') await upsertDingtalkUser(db, user)
      return { user, created: !stored, outcome }
    },
    async removeUser(tenantId: string, unionId: string): Promise<void> {
      if (!(await deleteDingtalkUser(db, tenantId, unionId)))
        throw notFound('dingtalkUser', unionId)
    },

    listConferences: (tenantId: string, page?: number, pageSize?: number) =>
      listConferences(db, tenantId, toPage(page, pageSize)),
    getConference: conference,
    async createConference(tenantId: string, input: ConferenceInput): Promise<Conference> {
      const id = input.id ?? newId(deps.crypto, 'conference')
      if (await findConference(db, id))
        throw new AppError('CONFLICT', `conference ${id} exists`, {
          details: { resource: 'conference' },
        })
      const created = await checkedConference(newConference(tenantId, id, input))
      await upsertConference(db, created)
      return created
    },
    async updateConference(tenantId: string, id: string, changes: ConferenceChanges) {
      const current = await conference(tenantId, id)
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      ) as ConferenceChanges
      const updated = await checkedConference({ ...current, ...defined })
      await upsertConference(db, updated)
      return updated
    },
    /** Creates or replaces a conference of the tenant by id (an import's), checked alike. */
    async putConference(tenantId: string, input: ConferenceInput & { id: string }) {
      const stored = await findConference(db, input.id)
      if (stored && stored.tenantId !== tenantId) throw notFound('conference', input.id)
      const wanted = await checkedConference(newConference(tenantId, input.id, input))
      const outcome = outcomeOf(stored, stored, wanted)
      if (outcome !== 'unchanged') await upsertConference(db, wanted)
      return outcome
    },
    /** Deletes the conference with its recordings and transcript (never the videos). */
    async removeConference(tenantId: string, id: string): Promise<void> {
      await conference(tenantId, id)
      await deleteConference(db, id)
    },

    async listRecordings(tenantId: string, conferenceId: string, page?: number, size?: number) {
      await conference(tenantId, conferenceId)
      return listRecordings(db, conferenceId, toPage(page, size))
    },
    getRecording: recording,
    async createRecording(tenantId: string, conferenceId: string, input: RecordingInput) {
      await conference(tenantId, conferenceId)
      const id = input.id ?? newId(deps.crypto, 'recording')
      if (await findRecording(db, id))
        throw new AppError('CONFLICT', `recording ${id} exists`, {
          details: { resource: 'recording' },
        })
      const created = await checkedRecording(tenantId, { ...input, id, conferenceId })
      await upsertRecording(db, created)
      return created
    },
    async updateRecording(
      tenantId: string,
      conferenceId: string,
      id: string,
      changes: RecordingChanges,
    ) {
      const current = await recording(tenantId, conferenceId, id)
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      ) as RecordingChanges
      const updated = await checkedRecording(tenantId, { ...current, ...defined })
      await upsertRecording(db, updated)
      return updated
    },
    /** Creates or replaces a recording of the conference by id (an import's), checked alike. */
    async putRecording(
      tenantId: string,
      conferenceId: string,
      input: RecordingInput & { id: string },
    ): Promise<Outcome> {
      await conference(tenantId, conferenceId)
      const stored = await findRecording(db, input.id)
      if (stored && stored.conferenceId !== conferenceId) throw notFound('recording', input.id)
      const wanted = await checkedRecording(tenantId, { ...input, conferenceId })
      const outcome = outcomeOf(stored, stored, wanted)
      if (outcome !== 'unchanged') await upsertRecording(db, wanted)
      return outcome
    },
    async removeRecording(tenantId: string, conferenceId: string, id: string) {
      await recording(tenantId, conferenceId, id)
      await deleteRecording(db, id)
    },

    getTranscript: transcript,
    /** Replaces the transcript as a whole; every speaker must be a user of the org. */
    async replaceTranscript(
      tenantId: string,
      conferenceId: string,
      paragraphs: readonly TranscriptParagraphInput[],
    ) {
      await putTranscript(tenantId, conferenceId, paragraphs)
      return transcript(tenantId, conferenceId)
    },
    putTranscript,
    async removeTranscript(tenantId: string, conferenceId: string): Promise<void> {
      await conference(tenantId, conferenceId)
      await replaceTranscript(db, conferenceId, [])
    },
  }
}

export type DingtalkCatalog = ReturnType<typeof createDingtalkCatalog>
