// Import of one video: its row, vendor aliases, streams (matched to stored ones by format and
// definition) and play password, inside the importer's transaction. Unchanged rows are not
// written, so importing the same file again writes nothing.
import { newId } from '../core/ids.ts'
import type { Stream, Video } from '../core/model.ts'
import {
  clearPlayPassword,
  findPlayPassword,
  setPlayPassword,
} from '../storage/repositories/play-passwords.ts'
import {
  findVideo,
  listStreams,
  upsertStream,
  upsertVideo,
} from '../storage/repositories/videos.ts'
import { writeAliases } from './import-catalog.ts'
import { outcomeOf, type Outcome } from './import-compare.ts'
import type { PlannedVideo } from './import-plan.ts'
import type { ImportKind, WriteDeps } from './import.ts'
import { normalizeHost } from './play-domains.ts'

const STREAM_FIELDS = [
  'location',
  'status',
  'encrypted',
  'width',
  'height',
  'bitrate',
  'fps',
  'size',
  'duration',
] as const

const VIDEO_FIELDS = [
  'tenantId',
  'referenceId',
  'title',
  'description',
  'tags',
  'coverUrl',
  'status',
  'auditStatus',
  'settings',
  'playDomain',
  'duration',
  'size',
  'createdAt',
] as const

const pick = <T, K extends keyof T>(value: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>

export async function writeVideo(
  deps: WriteDeps,
  tenantId: string,
  planned: PlannedVideo,
  now: Date,
  count: (kind: ImportKind, outcome: Outcome) => void,
): Promise<void> {
  const { db } = deps
  const v = planned.doc
  const stored = await findVideo(db, planned.id)
  const storedStreams = stored ? await listStreams(db, planned.id) : []

  const streams: Stream[] = planned.streams.map((s) => {
    const existing = storedStreams.find(
      (e) => e.format === s.format && e.definition === s.definition,
    )
    return {
      id: existing?.id ?? newId(deps.crypto, 'stream'),
      videoId: planned.id,
      format: s.format,
      definition: s.definition,
      width: s.info.width,
      height: s.info.height,
      // Rounded as the catalog rounds them, so re-probing the same file compares equal.
      bitrate: Math.round(s.info.bitrate),
      fps: Math.round(s.info.fps * 1000) / 1000,
      size: s.info.size,
      duration: Math.round(s.info.duration * 1000) / 1000,
      location: s.doc.location,
      status: s.doc.status ?? 'Normal',
      encrypted: s.doc.encrypted ?? false,
      createdAt: existing?.createdAt ?? now,
    }
  })
  // A video's duration and size follow its largest stream, including ones the file leaves out.
  const all = [...storedStreams.filter((e) => !streams.some((s) => s.id === e.id)), ...streams]
  const video: Video = {
    id: planned.id,
    tenantId,
    referenceId: v.referenceId ?? null,
    title: v.title,
    description: v.description ?? '',
    tags: v.tags ?? [],
    coverUrl: v.coverUrl ?? null,
    // Until a stream has a duration (none yet, or origin URLs only), the file's stands.
    duration: Math.max(0, ...all.map((s) => s.duration)) || (v.duration ?? 0),
    size: Math.max(0, ...all.map((s) => s.size)),
    status: v.status ?? 'Normal',
    auditStatus: v.auditStatus ?? 'Normal',
    settings: v.settings ?? {},
    playDomain: v.playDomain ? normalizeHost(v.playDomain) : null,
    createdAt: v.createdAt ? new Date(v.createdAt) : (stored?.createdAt ?? now),
    updatedAt: now,
  }
  const outcome = outcomeOf(stored, stored && pick(stored, VIDEO_FIELDS), pick(video, VIDEO_FIELDS))
  if (outcome !== 'unchanged') await upsertVideo(db, video, v.createdAt !== undefined)
  count('videos', outcome)
  await writeAliases(db, tenantId, planned.id, v.aliases ?? [], now, (o) => count('aliases', o))

  for (const stream of streams) {
    const existing = storedStreams.find((e) => e.id === stream.id)
    const streamOutcome = outcomeOf(
      existing,
      existing && pick(existing, STREAM_FIELDS),
      pick(stream, STREAM_FIELDS),
    )
    if (streamOutcome !== 'unchanged') await upsertStream(db, stream)
    count('streams', streamOutcome)
  }

  if (v.password === undefined) return
  const current = await findPlayPassword(db, deps.box, planned.id)
  if (v.password === '') {
    if (current !== undefined) await clearPlayPassword(db, planned.id)
    count('passwords', current === undefined ? 'unchanged' : 'updated')
    return
  }
  const passwordOutcome = outcomeOf(current, current, v.password)
  if (passwordOutcome !== 'unchanged')
    await setPlayPassword(db, deps.box, planned.id, v.password, now)
  count('passwords', passwordOutcome)
}
