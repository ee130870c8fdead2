// Import of a tenant's DingTalk section: the org, app scopes, users, conferences with their
// recordings and transcripts: checked against the file and the store, then written inside the
// importer's transaction, after keys and videos, through the DingTalk catalog and apps services
// (their rules: a recording's defaults, a conference's users, a transcript's times).
import type { Static } from '@sinclair/typebox'
import { findAccessKeyWithSecret } from '../storage/repositories/access-keys.ts'
import { findConference, findDingtalkUser } from '../storage/repositories/dingtalk.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import type { TranscriptParagraphInput } from '../storage/repositories/transcripts.ts'
import { createDingtalkApps } from './dingtalk-apps.ts'
import { createDingtalkCatalog } from './dingtalk-catalog.ts'
import {
  ConferenceDocSchema,
  DingtalkAppDocSchema,
  DingtalkDocSchema,
  DingtalkUserDocSchema,
  RecordingDocSchema,
  type RecordingDoc,
  type TenantDoc,
  type TranscriptParagraphDocSchema,
} from './import-document.ts'
import { each, isRecord, nested, valid, type VideoIndex } from './import-salvage.ts'
import { section, type Add, type SectionCheck, type SectionWrite } from './import-section.ts'
import { createVideos } from './videos.ts'

type TranscriptParagraphDoc = Static<typeof TranscriptParagraphDocSchema>

/** A recording of the file and the video it points at (in the file or stored). */
interface PlannedRecording {
  readonly doc: RecordingDoc
  readonly videoId: string
}
/** By conference id. */
type Plan = ReadonlyMap<string, readonly PlannedRecording[]>

/** The section as far as its shape is right: one bad item hides no other's problems. */
function salvageDingtalk(dt: Record<string, unknown>) {
  return {
    corpId: valid(DingtalkDocSchema.properties.corpId, dt.corpId),
    apps: each(DingtalkAppDocSchema, dt.apps),
    users: each(DingtalkUserDocSchema, dt.users),
    conferences: nested(dt.conferences, ConferenceDocSchema, 'recordings', RecordingDocSchema),
  }
}

async function writeDingtalk(doc: TenantDoc, recordings: Plan, ctx: SectionWrite): Promise<void> {
  const dt = doc.dingtalk
  if (!dt) return
  const { tenantId, count } = ctx
  // The services over the transaction: no cache or signal of theirs to defer.
  const deps = { ...ctx.deps, db: ctx.writes.db }
  const catalog = createDingtalkCatalog(deps, {
    videos: createVideos({ ...deps, mediaProbe: NO_PROBE, resolveMedia: NO_MEDIA }),
  })
  const apps = createDingtalkApps(deps, ctx.services.accessKeys)
  count('dingtalkOrgs', await catalog.putOrg(tenantId, { corpId: dt.corpId, name: dt.name }))
  // Planned: each app's key is this tenant's, in the file (written above) or stored.
  for (const a of dt.apps ?? [])
    count('dingtalkApps', await apps.putScopes(tenantId, a.appKey, a.scopes))
  for (const u of dt.users ?? [])
    count('dingtalkUsers', (await catalog.putUser(tenantId, u)).outcome)

  for (const c of dt.conferences ?? []) {
    const conference = {
      id: c.id,
      title: c.title,
      hostUnionId: c.hostUnionId,
      participants: c.participants ?? [],
      startedAt: new Date(c.startedAt),
      endedAt: c.endedAt ? new Date(c.endedAt) : null,
    }
    count('conferences', await catalog.putConference(tenantId, conference))
    if (c.transcript) {
      const paragraphs = await transcriptOf(deps.db, tenantId, c.transcript)
      count('transcripts', await catalog.putTranscript(tenantId, c.id, paragraphs))
    }
    for (const r of recordings.get(c.id) ?? []) {
      const recording = {
        id: r.doc.id,
        videoId: r.videoId,
        mediaId: r.doc.mediaId,
        regionId: r.doc.regionId,
        unionId: r.doc.unionId,
        startedAt: new Date(r.doc.startedAt),
        endedAt: new Date(r.doc.endedAt),
        durationMs: r.doc.durationMs,
        fileSize: r.doc.fileSize,
      }
      count('recordings', await catalog.putRecording(tenantId, c.id, recording))
    }
  }
}

/** Media is never probed while writing: the planner probed every stream. */
const NO_PROBE = {
  probe: () => Promise.reject(new TypeError('no media is probed while an import writes')),
}
const NO_MEDIA = () => Promise.reject(new TypeError('no media is read while an import writes'))

/** The paragraphs in time order; one without a nickName shows its speaker's name. */
async function transcriptOf(
  db: SectionWrite['writes']['db'],
  tenantId: string,
  doc: readonly TranscriptParagraphDoc[],
): Promise<TranscriptParagraphInput[]> {
  const names = new Map<string, string>()
  for (const p of doc)
    if (p.nickName === undefined && !names.has(p.unionId))
      names.set(p.unionId, (await findDingtalkUser(db, tenantId, p.unionId))?.name ?? '')
  return doc
    .map((p) => toParagraph(p, names.get(p.unionId) ?? ''))
    .sort((a, b) => a.startTime - b.startTime || a.endTime - b.endTime)
}

function toParagraph(p: TranscriptParagraphDoc, speaker: string): TranscriptParagraphInput {
  return {
    recordId: p.recordId ?? 0,
    unionId: p.unionId,
    nickName: p.nickName ?? speaker,
    paragraph: p.paragraph,
    startTime: p.startTime,
    endTime: p.endTime,
    status: p.status ?? 1,
    sentenceList: (p.sentences ?? []).map((s) => ({
      sentence: s.sentence,
      startTime: s.startTime,
      endTime: s.endTime,
      unionId: s.unionId ?? p.unionId,
      wordList: (s.words ?? []).map((w, i) => ({
        word: w.word,
        wordId: w.wordId ?? String(i + 1),
        startTime: w.startTime,
        endTime: w.endTime,
      })),
    })),
  }
}

async function checkDingtalk(ctx: SectionCheck): Promise<Plan> {
  const { deps, tenant, path, add, unique, videos } = ctx
  const recordings = new Map<string, PlannedRecording[]>()
  if (!isRecord(ctx.raw.dingtalk)) return recordings
  const dt = salvageDingtalk(ctx.raw.dingtalk)
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
    for (const [ri, rec] of entry.items.entries()) {
      if (!rec) continue
      const rAt = `${cAt}.recordings[${ri}]`
      if (!unique('recording', rec.id, `${rAt}.id`, `recording id "${rec.id}"`)) continue
      await requireUser(rec.unionId, `${rAt}.unionId`)
      const started = Date.parse(rec.startedAt)
      const ended = Date.parse(rec.endedAt)
      if (ended < started) add(`${rAt}.endedAt`, 'must not be before startedAt')
      const videoId = await recordingVideo(deps, tenant.id, rec, rAt, add, videos)
      if (videoId !== undefined) planned.push({ doc: rec, videoId })
    }
  }
  return recordings
}

async function recordingVideo(
  deps: SectionCheck['deps'],
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

export const dingtalkSection = section({
  field: 'dingtalk',
  check: checkDingtalk,
  count(doc, recordings: Plan) {
    const dt = doc.dingtalk
    if (!dt) return 0
    let n = 1 + (dt.apps?.length ?? 0) + (dt.users?.length ?? 0)
    for (const c of dt.conferences ?? []) n += c.transcript ? 2 : 1
    for (const list of recordings.values()) n += list.length
    return n
  },
  write: writeDingtalk,
})
