// Import of a tenant's DingTalk section: the org, app scopes, users, conferences with their
// recordings and transcripts: checked against the file and the store (checkDingtalk), then
// written inside the importer's transaction, after keys and videos.
import type { Static } from '@sinclair/typebox'
import type { SecretBox } from '../core/secret-box.ts'
import type { Db } from '../storage/db.ts'
import { findAccessKeyWithSecret } from '../storage/repositories/access-keys.ts'
import { findDingtalkApp, upsertDingtalkApp } from '../storage/repositories/dingtalk-apps.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import {
  findConference,
  findDingtalkOrg,
  findDingtalkUser,
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
import { outcomeOf, same, type Outcome } from './import-compare.ts'
import type {
  DingtalkDocSchema,
  RecordingDoc,
  TranscriptParagraphDocSchema,
} from './import-document.ts'
import type { CheckDeps, PlannedRecording } from './import-plan.ts'
import type { Salvaged, VideoIndex } from './import-salvage.ts'

type Add = (path: string, message: string) => void
type Unique = (scope: string, key: string, path: string, what: string) => boolean

type DingtalkDoc = Static<typeof DingtalkDocSchema>
type TranscriptParagraphDoc = Static<typeof TranscriptParagraphDocSchema>
type DingtalkKind =
  'dingtalkOrgs' | 'dingtalkApps' | 'dingtalkUsers' | 'conferences' | 'recordings' | 'transcripts'

export async function writeDingtalk(
  deps: { readonly db: Db; readonly box: SecretBox },
  tenantId: string,
  dt: DingtalkDoc,
  recordings: ReadonlyMap<string, readonly PlannedRecording[]>,
  count: (kind: DingtalkKind, outcome: Outcome) => void,
): Promise<void> {
  const { db, box } = deps
  const org = { tenantId, corpId: dt.corpId, name: dt.name }
  const storedOrg = await findDingtalkOrg(db, tenantId)
  const orgOutcome = outcomeOf(storedOrg, storedOrg, org)
  if (orgOutcome !== 'unchanged') await upsertDingtalkOrg(db, org)
  count('dingtalkOrgs', orgOutcome)

  for (const a of dt.apps ?? []) {
    // Planned: the key is this tenant's, in the file (written above) or stored.
    const key = (await findAccessKeyWithSecret(db, box, 'dingtalk', a.appKey))!
    const stored = await findDingtalkApp(db, key.id)
    const app = { accessKeyId: key.id, scopes: [...new Set(a.scopes)].sort() }
    const outcome = outcomeOf(stored, stored, app)
    if (outcome !== 'unchanged') await upsertDingtalkApp(db, app)
    count('dingtalkApps', outcome)
  }

  for (const u of dt.users ?? []) {
    const user = { tenantId, unionId: u.unionId, userId: u.userId, name: u.name }
    const stored = await findDingtalkUser(db, tenantId, u.unionId)
    const outcome = outcomeOf(stored, stored, user)
    if (outcome !== 'unchanged') await upsertDingtalkUser(db, user)
    count('dingtalkUsers', outcome)
  }

  for (const c of dt.conferences ?? []) {
    const conference = {
      id: c.id,
      tenantId,
      title: c.title,
      hostUnionId: c.hostUnionId,
      participants: c.participants ?? [],
      startedAt: new Date(c.startedAt),
      endedAt: c.endedAt ? new Date(c.endedAt) : null,
    }
    const stored = await findConference(db, c.id)
    const outcome = outcomeOf(stored, stored, conference)
    if (outcome !== 'unchanged') await upsertConference(db, conference)
    count('conferences', outcome)
    if (c.transcript) await writeTranscript(db, tenantId, c.id, c.transcript, count)

    const existing = (await listRecordings(db, c.id, { page: 1, pageSize: 1_000_000 })).items
    for (const r of recordings.get(c.id) ?? []) {
      const recording = {
        id: r.doc.id,
        conferenceId: c.id,
        videoId: r.videoId,
        mediaId: r.mediaId,
        regionId: r.doc.regionId,
        unionId: r.doc.unionId,
        startedAt: new Date(r.doc.startedAt),
        endedAt: new Date(r.doc.endedAt),
        durationMs: r.durationMs,
        fileSize: r.fileSize,
      }
      const stored = existing.find((e) => e.id === recording.id)
      const outcome = outcomeOf(stored, stored, recording)
      if (outcome !== 'unchanged') await upsertRecording(db, recording)
      count('recordings', outcome)
    }
  }
}

async function writeTranscript(
  db: Db,
  tenantId: string,
  conferenceId: string,
  doc: readonly TranscriptParagraphDoc[],
  count: (kind: DingtalkKind, outcome: Outcome) => void,
): Promise<void> {
  // A paragraph without a nickName shows its speaker's name, as DingTalk's transcripts do.
  const names = new Map<string, string>()
  for (const p of doc)
    if (p.nickName === undefined && !names.has(p.unionId))
      names.set(p.unionId, (await findDingtalkUser(db, tenantId, p.unionId))?.name ?? '')
  const wanted = doc
    .map((p) => toParagraph(p, names.get(p.unionId) ?? ''))
    .sort((a, b) => a.startTime - b.startTime || a.endTime - b.endTime)
  const total = await countTranscript(db, conferenceId)
  const stored =
    total === 0
      ? []
      : (
          await pageTranscript(db, conferenceId, {
            descending: false,
            after: 0,
            startTime: 0,
            limit: total,
          })
        ).items.map(({ conferenceId: _c, seq: _s, ...rest }) => rest)
  const outcome: Outcome =
    total === 0
      ? wanted.length === 0
        ? 'unchanged'
        : 'created'
      : same(stored, wanted)
        ? 'unchanged'
        : 'updated'
  if (outcome !== 'unchanged') await replaceTranscript(db, conferenceId, wanted)
  count('transcripts', outcome)
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

export async function checkDingtalk(
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
