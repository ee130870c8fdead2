// DingTalk video conferences as an app sees them (dingtalk.md §4): create, start and stop cloud
// recording, close, and read recordings and transcripts, with DingTalk's access rules: the host
// and participants may read a conference's recordings, only the host may change it.
import { CONFERENCE_TITLE } from '../core/fields.ts'
import { AppError, notFound, notFoundSaying, quoteId } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { Conference, ConferenceState, Recording, TranscriptParagraph } from '../core/model.ts'
import {
  findConferenceState,
  upsertConferenceState,
} from '../storage/repositories/conference-states.ts'
import {
  findConference,
  findDingtalkUser,
  findRecordingByMediaId,
  listRecordings,
  upsertConference,
} from '../storage/repositories/dingtalk.ts'
import { pageTranscript } from '../storage/repositories/transcripts.ts'
import type { ServiceDeps } from './deps.ts'

/** `confTitle`: longer is cut to this many characters… */
export const TITLE_KEPT = CONFERENCE_TITLE.kept
/** …and longer than this is refused (dingtalk.md §4.1). */
export const TITLE_MAX = CONFERENCE_TITLE.maxLength
/** getTexts `maxResults`: at most 2000; 20 when absent (as the SDK's example pages). */
export const TEXTS_MAX_RESULTS = 2000
export const TEXTS_DEFAULT_RESULTS = 20
/** Most recordings one getVideos answer lists. */
export const VIDEOS_MAX = 1000
/** Most invitees one CreateVideoConference takes. */
export const INVITEES_MAX = 500

export interface CreateConferenceInput {
  /** The initiator's unionId (the API's `userId`). */
  readonly unionId: string
  readonly title: string
  readonly inviteUnionIds?: readonly string[] | undefined
}

export interface CloudRecordInput {
  readonly unionId: string
  readonly mode?: string | undefined
  readonly smallWindowPosition?: string | undefined
}

export interface TextsQuery {
  readonly unionId: string
  readonly startTime?: number | undefined
  /** '0' ascending (default), '1' descending. */
  readonly direction?: string | undefined
  readonly maxResults?: number | undefined
  readonly nextToken?: number | undefined
}

const missing = (parameter: string) =>
  new AppError('MISSING_PARAMETER', `${parameter} is required`, { details: { parameter } })
const invalid = (parameter: string, why: string) =>
  new AppError('INVALID_PARAMETER', `${parameter} ${why}`, { details: { parameter } })
/** Unknown, another org's, or not the caller's: one answer, so ids cannot be probed. */
const noAccess = (conferenceId: string, why: string) =>
  new AppError('FORBIDDEN', `conference ${conferenceId}: ${why}`, {
    details: { resource: 'conference' },
  })

export function createDingtalkConferences(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>) {
  async function requireUser(tenantId: string, unionId: string, parameter = 'unionId') {
    if (unionId === '') throw missing(parameter)
    const user = await findDingtalkUser(deps.db, tenantId, unionId)
    if (!user) throw notFound('user', unionId, { parameter })
    return user
  }

  /** The conference, if `unionId` (a known user) is its host or a participant. */
  async function visible(tenantId: string, conferenceId: string, unionId: string) {
    await requireUser(tenantId, unionId)
    const conference = await findConference(deps.db, conferenceId)
    if (!conference || conference.tenantId !== tenantId)
      throw noAccess(conferenceId, 'not in this org')
    if (conference.hostUnionId !== unionId && !conference.participants.includes(unionId))
      throw noAccess(conferenceId, `${unionId} is neither host nor participant`)
    return conference
  }

  /** The open conference, if `unionId` is its host. */
  async function hosted(tenantId: string, conferenceId: string, unionId: string) {
    const conference = await visible(tenantId, conferenceId, unionId)
    if (conference.hostUnionId !== unionId) throw noAccess(conferenceId, `${unionId} is not host`)
    if (conference.endedAt !== null)
      throw new AppError('CONFLICT', `conference ${conferenceId} has ended`, {
        details: { resource: 'conference' },
      })
    const state = (await findConferenceState(deps.db, conferenceId)) ?? {
      conferenceId,
      roomCode: null,
      recording: null,
    }
    return { conference, state }
  }

  return {
    /** CreateVideoConference: the initiator hosts; invitees (known users) participate. */
    async create(
      tenantId: string,
      input: CreateConferenceInput,
    ): Promise<{ conference: Conference; state: ConferenceState }> {
      if (input.title === '') throw missing('confTitle')
      if ([...input.title].length > TITLE_MAX)
        throw invalid('confTitle', `is longer than ${TITLE_MAX} characters`)
      const invitees = input.inviteUnionIds ?? []
      if (invitees.length > INVITEES_MAX)
        throw invalid('inviteUserIds', `lists more than ${INVITEES_MAX} users`)
      await requireUser(tenantId, input.unionId, 'userId')
      for (const unionId of invitees) await requireUser(tenantId, unionId, 'inviteUserIds')
      const conference: Conference = {
        id: toHex(deps.crypto.randomBytes(12)),
        tenantId,
        title: [...input.title].slice(0, TITLE_KEPT).join(''),
        hostUnionId: input.unionId,
        participants: [...new Set([input.unionId, ...invitees])],
        startedAt: new Date(deps.clock.now()),
        endedAt: null,
      }
      const state: ConferenceState = {
        conferenceId: conference.id,
        roomCode: String(100_000_000 + (readUint32(deps.crypto.randomBytes(4)) % 900_000_000)),
        recording: null,
      }
      await deps.db.transaction().execute(async (tx) => {
        await upsertConference(tx, conference)
        await upsertConferenceState(tx, state)
      })
      return { conference, state }
    },

    /** StartCloudRecord by the host of an open conference; starting a running one is a no-op. */
    async startRecording(tenantId: string, conferenceId: string, input: CloudRecordInput) {
      const { state } = await hosted(tenantId, conferenceId, input.unionId)
      if (state.recording) return
      await upsertConferenceState(deps.db, {
        ...state,
        recording: {
          startedAt: new Date(deps.clock.now()),
          unionId: input.unionId,
          mode: input.mode ?? null,
          smallWindowPosition: input.smallWindowPosition ?? null,
        },
      })
    },

    /** StopCloudRecord by the host of an open conference; stopping a stopped one is a no-op. */
    async stopRecording(tenantId: string, conferenceId: string, unionId: string) {
      const { state } = await hosted(tenantId, conferenceId, unionId)
      if (!state.recording) return
      await upsertConferenceState(deps.db, { ...state, recording: null })
    },

    /** CloseVideoConference by its host: it ends now, and any cloud recording stops. */
    async close(tenantId: string, conferenceId: string, unionId: string) {
      const { conference, state } = await hosted(tenantId, conferenceId, unionId)
      await deps.db.transaction().execute(async (tx) => {
        await upsertConference(tx, { ...conference, endedAt: new Date(deps.clock.now()) })
        await upsertConferenceState(tx, { ...state, recording: null })
      })
    },

    /** getVideos: the conference's recordings, oldest first. */
    async recordings(tenantId: string, conferenceId: string, unionId: string) {
      await visible(tenantId, conferenceId, unionId)
      const page = await listRecordings(deps.db, conferenceId, { page: 1, pageSize: VIDEOS_MAX })
      return page.items
    },

    /** getPlayInfos' lookup: the recording `mediaId` of a conference the caller may see. */
    async recording(
      tenantId: string,
      conferenceId: string,
      input: { unionId: string; mediaId: string; regionId: string },
    ): Promise<Recording> {
      if (input.mediaId === '') throw missing('mediaId')
      if (input.regionId === '') throw missing('regionId')
      await visible(tenantId, conferenceId, input.unionId)
      const recording = await findRecordingByMediaId(deps.db, conferenceId, input.mediaId)
      // A mediaId of another region is not that recording.
      if (!recording || recording.regionId !== input.regionId)
        throw notFoundSaying(
          'recording',
          `conference ${quoteId(conferenceId)} has no recording ${quoteId(input.mediaId)}`,
        )
      return recording
    },

    /**
     * getTexts: a page of the transcript. `nextToken` is the `nextTtoken` of the last paragraph
     * seen (0 or absent starts over); descending with `startTime` 0 starts from the end.
     */
    async texts(
      tenantId: string,
      conferenceId: string,
      q: TextsQuery,
    ): Promise<{ paragraphs: TranscriptParagraph[]; hasMore: boolean }> {
      const direction = q.direction ?? '0'
      if (direction !== '0' && direction !== '1') throw invalid('direction', 'must be "0" or "1"')
      const limit = q.maxResults ?? TEXTS_DEFAULT_RESULTS
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > TEXTS_MAX_RESULTS)
        throw invalid('maxResults', `must be 1 to ${TEXTS_MAX_RESULTS}`)
      const startTime = q.startTime ?? 0
      if (!Number.isSafeInteger(startTime) || startTime < 0)
        throw invalid('startTime', 'must be a non-negative integer')
      const after = q.nextToken ?? 0
      if (!Number.isSafeInteger(after) || after < 0)
        throw invalid('nextToken', 'must be a non-negative integer')
      await visible(tenantId, conferenceId, q.unionId)
      const page = await pageTranscript(deps.db, conferenceId, {
        descending: direction === '1',
        after,
        startTime,
        limit,
      })
      return { paragraphs: page.items, hasMore: page.hasMore }
    },
  }
}

function readUint32(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
}

export type DingtalkConferences = ReturnType<typeof createDingtalkConferences>
