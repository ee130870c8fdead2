// Import of one video: its row, vendor aliases, streams (matched to stored ones by format and
// definition) and play password, inside the importer's transaction. Unchanged rows are not
// written, so importing the same file again writes nothing. The catalog rows are counted (one
// audit event per tenant); the password goes through its service (audited, old unlocks revoked).
import { newId } from '../core/ids.ts'
import type { Stream, Video } from '../core/model.ts'
import {
  findVideo,
  listStreams,
  upsertStream,
  upsertVideo,
} from '../storage/repositories/videos.ts'
import { writeAlias } from './import-catalog.ts'
import type { PlannedVideo } from './import-plan.ts'
import type { SectionWrite } from './import-section.ts'
import { outcomeOf } from './outcome.ts'
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

/** Videos written in a transaction, not yet forgotten by the caches (one entry per import). */
const written = new WeakMap<SectionWrite['writes'], Set<string>>()

/**
 * A video's row was written: once the transaction commits, every replica forgets its cached
 * copy. One invalidation for all of an import's videos (a long list becomes one of every video).
 */
export async function forgetAfterCommit(
  ctx: Pick<SectionWrite, 'writes' | 'services'>,
  id: string,
): Promise<void> {
  const pending = written.get(ctx.writes)
  if (pending) {
    pending.add(id)
    return
  }
  const ids = new Set([id])
  written.set(ctx.writes, ids)
  await ctx.writes.afterCommit(() => {
    // Outside a transaction this runs at once: the next write registers again.
    written.delete(ctx.writes)
    return ctx.services.videos.forget([...ids])
  })
}

const pick = <T, K extends keyof T>(value: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>

export async function writeVideo(ctx: SectionWrite, planned: PlannedVideo): Promise<void> {
  const { tenantId, now, count } = ctx
  const db = ctx.writes.db
  const deps = ctx.deps
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
  if (outcome !== 'unchanged') {
    await upsertVideo(db, video, v.createdAt !== undefined)
    await forgetAfterCommit(ctx, video.id)
  }
  count('videos', outcome)
  for (const ref of v.aliases ?? [])
    count('aliases', await writeAlias(db, tenantId, planned.id, ref, now))

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

  if (v.password !== undefined)
    count(
      'passwords',
      await ctx.services.playPasswords.put(ctx.writes, tenantId, planned.id, v.password),
    )
}
