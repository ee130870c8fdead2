// Checks a whole import document (schema, references, the database, the media) without writing,
// and turns a clean one into a Plan: normalised records with their media already probed.
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { toHex } from '../core/encoding/bytes.ts'
import type { MediaInfo } from '../core/media.ts'
import type { Definition, StreamFormat } from '../core/model.ts'
import type { Crypto } from '../core/ports.ts'
import { findAccessKeyWithSecret } from '../storage/repositories/access-keys.ts'
import { findConference, findDingtalkUser } from '../storage/repositories/dingtalk.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'
import {
  AccessKeyDocSchema,
  ConferenceDocSchema,
  DingtalkAppDocSchema,
  DingtalkDocSchema,
  DingtalkUserDocSchema,
  ImportDocumentSchema,
  PlayDomainDocSchema,
  RecordingDocSchema,
  StreamDocSchema,
  TenantDocSchema,
  VideoDocSchema,
  schemaProblems,
  type ConferenceDoc,
  type Problem,
  type RecordingDoc,
  type StreamDoc,
  type TenantDoc,
  type VideoDoc,
} from './import-document.ts'
import { checkVideoCatalog } from './import-catalog.ts'
import { locationProblem, probeAll } from './import-media.ts'
import { checkPolyv } from './import-polyv.ts'
import { checkViewerControls } from './import-viewer.ts'
import { checkLiveStreams, salvageLiveStreams, type LiveStreamDoc } from './import-live.ts'
import { normalizeHost } from './play-domains.ts'
import { createVideos, definitionFor } from './videos.ts'

export interface PlannedStream {
  readonly doc: StreamDoc
  readonly format: StreamFormat
  readonly definition: Definition
  readonly info: MediaInfo
}

export interface PlannedVideo {
  readonly id: string
  readonly doc: VideoDoc
  readonly streams: readonly PlannedStream[]
}

export interface PlannedRecording {
  readonly doc: RecordingDoc
  readonly videoId: string
  readonly mediaId: string
  readonly durationMs: number
  readonly fileSize: number
}

export interface PlannedTenant {
  readonly doc: TenantDoc
  readonly videos: readonly PlannedVideo[]
  /** By conference id. */
  readonly recordings: ReadonlyMap<string, readonly PlannedRecording[]>
}

export interface Plan {
  readonly tenants: readonly PlannedTenant[]
}

export interface CheckProgress {
  readonly done: number
  readonly total: number
}

export interface CheckOptions {
  /** Media probes in flight; DEFAULT_PROBE_CONCURRENCY when absent. */
  readonly probeConcurrency?: number
  readonly onProgress?: (p: CheckProgress) => void
}

type CheckDeps = Pick<
  ServiceDeps,
  'db' | 'box' | 'crypto' | 'clock' | 'mediaProbe' | 'resolveMedia'
>

/**
 * The id a video without one gets: stable for a tenant and ReferenceId, so importing the same
 * file twice updates the video instead of creating a second one.
 */
export function importedVideoId(crypto: Crypto, tenantId: string, referenceId: string): string {
  return toHex(crypto.hash('sha256', `playgate-import\0${tenantId}\0${referenceId}`)).slice(0, 32)
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

type Maybe<T> = T | undefined
type AccessKeyDoc = Static<typeof AccessKeyDocSchema>
type PlayDomainDoc = Static<typeof PlayDomainDocSchema>
type DingtalkUserDoc = Static<typeof DingtalkUserDocSchema>
type DingtalkAppDoc = Static<typeof DingtalkAppDocSchema>

/**
 * A tenant as far as its shape is right. An item whose own fields are wrong becomes a hole
 * (undefined), so the others keep their indexes (and paths) and are still cross-checked: one bad
 * field does not hide the rest of the file's problems.
 */
interface Salvaged {
  readonly id: string
  readonly accessKeys: Maybe<AccessKeyDoc>[]
  readonly playDomains: Maybe<PlayDomainDoc>[]
  /** `doc` is undefined when the video's own fields are wrong; its streams are still checked. */
  readonly videos: Maybe<{ doc: Maybe<VideoDoc>; streams: Maybe<StreamDoc>[] }>[]
  /** id and referenceId of videos whose own fields are wrong, so references to them stay quiet. */
  readonly brokenVideos: { id?: unknown; referenceId?: unknown }[]
  readonly liveStreams: Maybe<LiveStreamDoc>[]
  readonly dingtalk?: {
    readonly corpId?: string
    readonly apps: Maybe<DingtalkAppDoc>[]
    readonly users: Maybe<DingtalkUserDoc>[]
    readonly conferences: Maybe<{ doc: Maybe<ConferenceDoc>; recordings: Maybe<RecordingDoc>[] }>[]
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function valid<T extends TSchema>(schema: T, value: unknown): Maybe<Static<T>> {
  return Value.Check(schema, value) ? value : undefined
}

/** `value` checked against `schema` with its nested lists emptied (they are salvaged apart). */
function shell<T extends TSchema>(schema: T, value: unknown, lists: string[]): Maybe<Static<T>> {
  if (!isRecord(value)) return undefined
  const emptied = { ...value, ...Object.fromEntries(lists.map((l) => [l, []])) }
  return Value.Check(schema, emptied) ? value : undefined
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

function salvage(raw: unknown): Maybe<Salvaged> {
  if (!isRecord(raw) || !Value.Check(TenantDocSchema.properties.id, raw.id)) return undefined
  const dt = raw.dingtalk
  return {
    id: raw.id,
    accessKeys: list(raw.accessKeys).map((k) => valid(AccessKeyDocSchema, k)),
    playDomains: list(raw.playDomains).map((d) => valid(PlayDomainDocSchema, d)),
    videos: list(raw.videos).map((v) =>
      isRecord(v)
        ? {
            doc: shell(VideoDocSchema, v, ['streams']),
            streams: list(v.streams).map((s) => valid(StreamDocSchema, s)),
          }
        : undefined,
    ),
    brokenVideos: list(raw.videos).filter(
      (v): v is Record<string, unknown> => isRecord(v) && !shell(VideoDocSchema, v, ['streams']),
    ),
    liveStreams: salvageLiveStreams(raw.liveStreams),
    ...(isRecord(dt)
      ? {
          dingtalk: {
            corpId: valid(DingtalkDocSchema.properties.corpId, dt.corpId),
            apps: list(dt.apps).map((a) => valid(DingtalkAppDocSchema, a)),
            users: list(dt.users).map((u) => valid(DingtalkUserDocSchema, u)),
            conferences: list(dt.conferences).map((c) =>
              isRecord(c)
                ? {
                    doc: shell(ConferenceDocSchema, c, ['recordings']),
                    recordings: list(c.recordings).map((r) => valid(RecordingDocSchema, r)),
                  }
                : undefined,
            ),
          },
        }
      : {}),
  }
}

type Add = (path: string, message: string) => void
type Unique = (scope: string, key: string, path: string, what: string) => boolean

interface Draft {
  readonly videos: { id: string; doc: VideoDoc; streams: PlannedStream[] }[]
  readonly recordings: Map<string, PlannedRecording[]>
}

/** Checks everything; returns every problem, and the plan when there are none. */
export async function planImport(
  deps: CheckDeps,
  doc: unknown,
  options: CheckOptions = {},
): Promise<{ problems: Problem[]; plan?: Plan }> {
  const problems: Problem[] = schemaProblems(ImportDocumentSchema, doc)
  const add: Add = (path, message) => problems.push({ path, message })
  const tenantsRaw = isRecord(doc) ? list(doc.tenants) : []

  const firstSeen = new Map<string, string>()
  const unique: Unique = (scope, key, path, what) => {
    const seenAt = firstSeen.get(`${scope}\0${key}`)
    if (seenAt !== undefined) add(path, `duplicate ${what} (first at ${seenAt})`)
    else firstSeen.set(`${scope}\0${key}`, path)
    return seenAt === undefined
  }
  const videos = createVideoIndex()
  const streamJobs: {
    path: string
    videoPath: string
    /** Where the probed stream goes: the planned video's list (a throwaway for a broken one). */
    streams: PlannedStream[]
    doc: StreamDoc
  }[] = []
  const drafts: Draft[] = []

  for (const [ti, raw] of tenantsRaw.entries()) {
    const path = `tenants[${ti}]`
    const draft: Draft = { videos: [], recordings: new Map() }
    drafts.push(draft)
    const tenant = salvage(raw)
    if (!tenant) continue
    for (const broken of tenant.brokenVideos) videos.addBroken(tenant.id, broken)
    unique('tenant', tenant.id, `${path}.id`, `tenant id "${tenant.id}"`)
    await checkKeysAndDomains(deps, tenant, path, add, unique)
    const hosts = new Set(tenant.playDomains.flatMap((d) => (d ? [normalizeHost(d.host)] : [])))

    for (const [vi, video] of tenant.videos.entries()) {
      if (!video) continue
      const at = `${path}.videos[${vi}]`
      const doc = video.doc
      const id = doc && (await resolveVideoId(deps, tenant.id, doc, at, add))
      const ref = doc?.referenceId
      const what = `referenceId "${ref}"`
      const streams: PlannedStream[] = []
      if (
        doc &&
        id !== undefined &&
        (ref === undefined || unique(`ref\0${tenant.id}`, ref, `${at}.referenceId`, what)) &&
        unique('video', id, `${at}.id`, `video id "${id}"`)
      ) {
        const entry = { id, doc, streams }
        draft.videos.push(entry)
        videos.add(tenant.id, ref, entry)
        await checkVideoCatalog(deps, { id: tenant.id, hosts }, entry, at, add, unique)
      }
      // A video that cannot be written still has its media checked, for a complete report.
      for (const [si, stream] of video.streams.entries()) {
        if (!stream) continue
        const problem = locationProblem(stream.location)
        const streamAt = `${at}.streams[${si}]`
        if (problem) add(`${streamAt}.location`, problem)
        else streamJobs.push({ path: streamAt, videoPath: at, streams, doc: stream })
      }
    }

    await checkLiveStreams(deps, tenant, path, add, unique, videos)
    if (tenant.dingtalk)
      await checkDingtalk(deps, tenant, path, add, unique, videos, draft.recordings)
    if (isRecord(raw)) await checkViewerControls(deps, { ...raw, id: tenant.id }, path, add)
    if (isRecord(raw)) await checkPolyv(deps, { ...raw, id: tenant.id }, path, add)
  }

  // Media last: it is the slow part, and the caller shows progress for it.
  const outcomes = await probeAll(streamJobs, createVideos(deps).probeLocation, {
    concurrency: options.probeConcurrency,
    onProgress: options.onProgress,
  })
  await deps.mediaProbe.flush?.()
  for (const [n, job] of streamJobs.entries()) {
    const outcome = outcomes[n]!
    if (!outcome.ok) {
      add(outcome.path, outcome.message)
      continue
    }
    const { info } = outcome
    const definition = job.doc.definition ?? definitionFor(info.height)
    const key = `${info.format} ${definition}`
    if (unique(`stream\0${job.videoPath}`, key, job.path, `${key} stream of this video`))
      job.streams.push({ doc: job.doc, format: info.format, definition, info })
  }

  if (problems.length > 0) return { problems: sortProblems(problems) }
  // No problems: every tenant passed the schema whole, so the raw documents are TenantDocs.
  const tenants = drafts.map((draft, i) => {
    // Recording sizes default to their video's, known only once its streams are probed.
    for (const recordings of draft.recordings.values()) {
      recordings.forEach((r, j) => {
        if (r.doc.fileSize === undefined)
          recordings[j] = { ...r, fileSize: videos.sizeOf(r.videoId) ?? r.fileSize }
      })
    }
    return { doc: tenantsRaw[i] as TenantDoc, ...draft }
  })
  return { problems: [], plan: { tenants } }
}

async function checkKeysAndDomains(
  deps: CheckDeps,
  tenant: Salvaged,
  path: string,
  add: Add,
  unique: Unique,
): Promise<void> {
  for (const [ki, key] of tenant.accessKeys.entries()) {
    if (!key) continue
    const at = `${path}.accessKeys[${ki}].keyId`
    const what = `${key.protocol} access key "${key.keyId}"`
    if (!unique('key', `${key.protocol}\0${key.keyId}`, at, what)) continue
    const stored = await findAccessKeyWithSecret(deps.db, deps.box, key.protocol, key.keyId)
    if (stored && stored.tenantId !== tenant.id)
      add(at, `${what} belongs to another tenant (${stored.tenantId})`)
  }

  let defaultAt: string | undefined
  for (const [di, domain] of tenant.playDomains.entries()) {
    if (!domain) continue
    const at = `${path}.playDomains[${di}]`
    const host = normalizeHost(domain.host)
    if (!HOST.test(host)) {
      add(`${at}.host`, 'must be a host name such as media.example.com')
      continue
    }
    if (domain.isDefault) {
      if (defaultAt)
        add(`${at}.isDefault`, `only one default play domain per tenant (${defaultAt})`)
      defaultAt ??= at
    }
    if (!unique('host', host, `${at}.host`, `play domain host "${host}"`)) continue
    const stored = await findPlayDomainWithKeys(deps.db, deps.box, { host })
    if (stored && stored.tenantId !== tenant.id)
      add(`${at}.host`, `play domain "${host}" belongs to another tenant (${stored.tenantId})`)
  }
}

async function resolveVideoId(
  deps: CheckDeps,
  tenantId: string,
  video: VideoDoc,
  at: string,
  add: Add,
): Promise<string | undefined> {
  const byReference =
    video.referenceId === undefined
      ? undefined
      : await findVideoByReference(deps.db, tenantId, video.referenceId)
  if (video.id === undefined) {
    if (video.referenceId === undefined) {
      add(at, 'needs an id or a referenceId, so that importing it again updates it')
      return undefined
    }
    return byReference?.id ?? importedVideoId(deps.crypto, tenantId, video.referenceId)
  }
  const stored = await findVideo(deps.db, video.id)
  if (stored && stored.tenantId !== tenantId) {
    add(`${at}.id`, `video ${video.id} belongs to another tenant (${stored.tenantId})`)
    return undefined
  }
  if (byReference && byReference.id !== video.id) {
    add(
      `${at}.referenceId`,
      `referenceId "${video.referenceId}" is already used by video ${byReference.id}`,
    )
    return undefined
  }
  return video.id
}

type IndexedVideo = { readonly id: string; readonly streams: readonly PlannedStream[] }
type VideoIndex = ReturnType<typeof createVideoIndex>

/** Videos of the file, by tenant and id or ReferenceId, for recordings to point at. */
function createVideoIndex() {
  const byKey = new Map<string, IndexedVideo>()
  const byId = new Map<string, IndexedVideo>()
  const broken = new Set<string>()
  return {
    add(tenantId: string, referenceId: string | undefined, video: IndexedVideo) {
      byKey.set(`${tenantId}\0id\0${video.id}`, video)
      if (referenceId !== undefined) byKey.set(`${tenantId}\0ref\0${referenceId}`, video)
      byId.set(video.id, video)
    },
    addBroken(tenantId: string, video: { id?: unknown; referenceId?: unknown }) {
      if (typeof video.id === 'string') broken.add(`${tenantId}\0id\0${video.id}`)
      if (typeof video.referenceId === 'string')
        broken.add(`${tenantId}\0ref\0${video.referenceId}`)
    },
    find: (tenantId: string, by: 'id' | 'ref', value: string) =>
      byKey.get(`${tenantId}\0${by}\0${value}`),
    /** True for a video of the file that is already reported as wrong. */
    isBroken: (tenantId: string, by: 'id' | 'ref', value: string) =>
      broken.has(`${tenantId}\0${by}\0${value}`),
    /** The size a video of the file will have: its largest stream's. */
    sizeOf(id: string): number | undefined {
      const video = byId.get(id)
      return video && Math.max(0, ...video.streams.map((s) => s.info.size))
    },
  }
}

async function checkDingtalk(
  deps: CheckDeps,
  tenant: Salvaged,
  path: string,
  add: Add,
  unique: Unique,
  videos: VideoIndex,
  recordings: Map<string, PlannedRecording[]>,
): Promise<void> {
  const dt = tenant.dingtalk!
  const at = `${path}.dingtalk`
  if (dt.corpId !== undefined)
    unique('corp', dt.corpId, `${at}.corpId`, `DingTalk corpId "${dt.corpId}"`)
  const users = new Set<string>()
  for (const [ui, user] of dt.users.entries()) {
    if (!user) continue
    const what = `unionId "${user.unionId}"`
    if (unique(`user\0${tenant.id}`, user.unionId, `${at}.users[${ui}].unionId`, what))
      users.add(user.unionId)
  }
  const requireUser = async (unionId: string, where: string) => {
    if (users.has(unionId)) return
    // Remembered: a transcript names the same few speakers thousands of times.
    if (await findDingtalkUser(deps.db, tenant.id, unionId)) return void users.add(unionId)
    add(where, `unknown DingTalk user "${unionId}" (add it under dingtalk.users)`)
  }

  for (const [ai, app] of dt.apps.entries()) {
    if (!app) continue
    const aAt = `${at}.apps[${ai}].appKey`
    if (!unique(`app\0${tenant.id}`, app.appKey, aAt, `app "${app.appKey}"`)) continue
    const inFile = tenant.accessKeys.some(
      (k) => k?.protocol === 'dingtalk' && k.keyId === app.appKey,
    )
    const stored = await findAccessKeyWithSecret(deps.db, deps.box, 'dingtalk', app.appKey)
    if (!inFile && stored?.tenantId !== tenant.id)
      add(aAt, `unknown app "${app.appKey}" (add it under accessKeys with protocol dingtalk)`)
  }

  for (const [ci, entry] of dt.conferences.entries()) {
    if (!entry) continue
    const conf = entry.doc
    const cAt = `${at}.conferences[${ci}]`
    // A conference whose own fields are wrong still has its recordings checked.
    const planned: PlannedRecording[] = []
    if (conf && unique('conference', conf.id, `${cAt}.id`, `conference id "${conf.id}"`)) {
      const stored = await findConference(deps.db, conf.id)
      if (stored && stored.tenantId !== tenant.id)
        add(`${cAt}.id`, `conference ${conf.id} belongs to another tenant (${stored.tenantId})`)
      await requireUser(conf.hostUnionId, `${cAt}.hostUnionId`)
      for (const [pi, unionId] of (conf.participants ?? []).entries())
        await requireUser(unionId, `${cAt}.participants[${pi}]`)
      if (conf.endedAt && Date.parse(conf.endedAt) < Date.parse(conf.startedAt))
        add(`${cAt}.endedAt`, 'must not be before startedAt')
      for (const [pi, p] of (conf.transcript ?? []).entries()) {
        const pAt = `${cAt}.transcript[${pi}]`
        await requireUser(p.unionId, `${pAt}.unionId`)
        if (p.endTime < p.startTime) add(`${pAt}.endTime`, 'must not be before startTime')
      }
      recordings.set(conf.id, planned)
    }
    for (const [ri, rec] of entry.recordings.entries()) {
      if (!rec) continue
      const rAt = `${cAt}.recordings[${ri}]`
      if (!unique('recording', rec.id, `${rAt}.id`, `recording id "${rec.id}"`)) continue
      await requireUser(rec.unionId, `${rAt}.unionId`)
      const started = Date.parse(rec.startedAt)
      const ended = Date.parse(rec.endedAt)
      if (ended < started) add(`${rAt}.endedAt`, 'must not be before startedAt')
      const videoId = await recordingVideo(deps, tenant.id, rec, rAt, add, videos)
      if (videoId === undefined) continue
      planned.push({
        doc: rec,
        videoId,
        mediaId: rec.mediaId ?? videoId,
        durationMs: rec.durationMs ?? Math.max(0, ended - started),
        fileSize: rec.fileSize ?? (await findVideo(deps.db, videoId))?.size ?? 0,
      })
    }
  }
}

async function recordingVideo(
  deps: CheckDeps,
  tenantId: string,
  rec: RecordingDoc,
  at: string,
  add: Add,
  videos: VideoIndex,
): Promise<string | undefined> {
  if ((rec.videoId === undefined) === (rec.videoReferenceId === undefined)) {
    add(at, 'needs exactly one of videoId and videoReferenceId')
    return undefined
  }
  if (rec.videoId !== undefined) {
    const inFile = videos.find(tenantId, 'id', rec.videoId)
    if (inFile) return inFile.id
    const stored = await findVideo(deps.db, rec.videoId)
    if (stored?.tenantId === tenantId) return stored.id
    if (!videos.isBroken(tenantId, 'id', rec.videoId))
      add(`${at}.videoId`, `unknown video "${rec.videoId}" (not in this tenant's videos)`)
    return undefined
  }
  const ref = rec.videoReferenceId!
  const inFile = videos.find(tenantId, 'ref', ref)
  if (inFile) return inFile.id
  const stored = await findVideoByReference(deps.db, tenantId, ref)
  if (stored) return stored.id
  if (!videos.isBroken(tenantId, 'ref', ref))
    add(
      `${at}.videoReferenceId`,
      `unknown video referenceId "${ref}" (not in this tenant's videos)`,
    )
  return undefined
}

/** Field names in the order the format declares them, to sort problems the way files read. */
const FIELD_ORDER = (() => {
  const names: string[] = []
  const walk = (schema: TSchema) => {
    const inner = (schema.items ?? schema) as TSchema
    for (const [name, child] of Object.entries(
      (inner.properties ?? {}) as Record<string, TSchema>,
    )) {
      if (!names.includes(name)) names.push(name)
      walk(child)
    }
  }
  walk(ImportDocumentSchema)
  return new Map(names.map((n, i) => [n, i]))
})()

/** In file order: list indexes as numbers, fields as the format declares them, unknown ones last. */
function sortProblems(problems: Problem[]): Problem[] {
  const key = (path: string) =>
    (path.match(/\[\d+\]|[^.[\]]+/g) ?? []).map((part) =>
      part.startsWith('[') ? Number(part.slice(1, -1)) : (FIELD_ORDER.get(part) ?? 1e6),
    )
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
    return a.length - b.length
  }
  return problems
    .map((p, i) => ({ p, i, k: key(p.path) }))
    .sort((a, b) => compare(a.k, b.k) || a.i - b.i)
    .map((x) => x.p)
}
