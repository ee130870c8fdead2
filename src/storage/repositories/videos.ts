// Videos and their streams (renditions).
import type {
  Definition,
  Stream,
  StreamFormat,
  StreamStatus,
  Video,
  VideoStatus,
} from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { StreamRow, VideoRow, VideoTable } from '../tables.ts'
import { compiledOnce } from './compiled.ts'
import { guardConflict, selectPage, parseJson, type Page, type PageOf } from './shared.ts'

function toVideo(row: VideoRow): Video {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    referenceId: row.reference_id,
    title: row.title,
    description: row.description,
    tags: parseJson<string[]>(row.tags, []),
    coverUrl: row.cover_url,
    duration: Number(row.duration),
    size: Number(row.size),
    status: row.status as VideoStatus,
    auditStatus: row.audit_status,
    settings: parseJson<Record<string, string>>(row.settings, {}),
    playDomain: row.play_domain,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  }
}

function videoRow(video: Video): VideoTable {
  return {
    id: video.id,
    tenant_id: video.tenantId,
    reference_id: video.referenceId,
    title: video.title,
    description: video.description,
    tags: JSON.stringify(video.tags),
    cover_url: video.coverUrl,
    duration: video.duration,
    size: video.size,
    status: video.status,
    audit_status: video.auditStatus,
    settings: JSON.stringify(video.settings),
    play_domain: video.playDomain,
    created_at: video.createdAt.getTime(),
    updated_at: video.updatedAt.getTime(),
  }
}

/** Whether a unique violation is the tenant's ReferenceId (SQLite names columns, PostgreSQL the constraint). */
function takesReferenceId(violation: unknown): boolean {
  const e = violation as { constraint?: unknown; message?: unknown }
  return (
    e.constraint === 'videos_tenant_reference' ||
    (typeof e.message === 'string' && e.message.includes('videos.reference_id'))
  )
}

export async function insertVideo(db: Db, video: Video): Promise<Video> {
  const what = (violation: unknown) =>
    takesReferenceId(violation)
      ? `video with ReferenceId ${video.referenceId ?? ''}`
      : `video ${video.id}`
  await guardConflict(what, () => db.insertInto('videos').values(videoRow(video)).execute())
  return video
}

/**
 * Inserts, or replaces every field but created_at (import is idempotent); with `withCreatedAt`
 * the creation time too (a file that states it).
 */
export async function upsertVideo(db: Db, video: Video, withCreatedAt = false): Promise<void> {
  const { id: _id, created_at: createdAt, ...fields } = videoRow(video)
  const rest = withCreatedAt ? { ...fields, created_at: createdAt } : fields
  await guardConflict(`video with ReferenceId ${video.referenceId ?? ''}`, () =>
    db
      .insertInto('videos')
      .values(videoRow(video))
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute(),
  )
}

const selectVideo = compiledOnce((db) => db.selectFrom('videos').selectAll().where('id', '=', ''))

/** Every credential and play request reads its video by id: compiled once. */
export async function findVideo(db: Db, id: string): Promise<Video | undefined> {
  const row = (await selectVideo(db, [id])).rows[0]
  return row && toVideo(row)
}

export async function findVideoByReference(
  db: Db,
  tenantId: string,
  referenceId: string,
): Promise<Video | undefined> {
  const row = await db
    .selectFrom('videos')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('reference_id', '=', referenceId)
    .executeTakeFirst()
  return row && toVideo(row)
}

export interface VideoFilter {
  readonly tenantId?: string
  readonly status?: VideoStatus
}

export async function listVideos(db: Db, filter: VideoFilter, page: Page): Promise<PageOf<Video>> {
  let base = db.selectFrom('videos')
  if (filter.tenantId !== undefined) base = base.where('tenant_id', '=', filter.tenantId)
  if (filter.status !== undefined) base = base.where('status', '=', filter.status)
  return selectPage(
    base,
    (q) => q.selectAll().orderBy('created_at', 'desc').orderBy('id'),
    page,
    toVideo,
  )
}

export async function updateVideo(db: Db, video: Video): Promise<void> {
  const { id, created_at: _created, ...rest } = videoRow(video)
  await guardConflict(`video with ReferenceId ${video.referenceId ?? ''}`, () =>
    db.updateTable('videos').set(rest).where('id', '=', id).execute(),
  )
}

export async function deleteVideo(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('videos').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}

function toStream(row: StreamRow): Stream {
  return {
    id: row.id,
    videoId: row.video_id,
    format: row.format as StreamFormat,
    definition: row.definition as Definition,
    width: row.width,
    height: row.height,
    bitrate: Number(row.bitrate),
    fps: Number(row.fps),
    size: Number(row.size),
    duration: Number(row.duration),
    location: row.location,
    status: row.status as StreamStatus,
    encrypted: row.encrypted === 1,
    createdAt: new Date(Number(row.created_at)),
  }
}

function streamRow(stream: Stream): StreamRow {
  return {
    id: stream.id,
    video_id: stream.videoId,
    format: stream.format,
    definition: stream.definition,
    width: stream.width,
    height: stream.height,
    bitrate: stream.bitrate,
    fps: stream.fps,
    size: stream.size,
    duration: stream.duration,
    location: stream.location,
    status: stream.status,
    encrypted: stream.encrypted ? 1 : 0,
    created_at: stream.createdAt.getTime(),
  }
}

export async function insertStream(db: Db, stream: Stream): Promise<Stream> {
  await guardConflict(
    `a ${stream.format} ${stream.definition} stream of video ${stream.videoId}`,
    () => db.insertInto('streams').values(streamRow(stream)).execute(),
  )
  return stream
}

/** Inserts, or replaces the stream with the same video, format and definition. */
export async function upsertStream(db: Db, stream: Stream): Promise<void> {
  const {
    id: _id,
    video_id: _v,
    format: _f,
    definition: _d,
    created_at: _c,
    ...rest
  } = streamRow(stream)
  await guardConflict(`stream ${stream.id}`, () =>
    db
      .insertInto('streams')
      .values(streamRow(stream))
      .onConflict((oc) => oc.columns(['video_id', 'format', 'definition']).doUpdateSet(rest))
      .execute(),
  )
}

export async function listStreams(db: Db, videoId: string): Promise<Stream[]> {
  const rows = await db
    .selectFrom('streams')
    .selectAll()
    .where('video_id', '=', videoId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toStream)
}

export async function findStream(db: Db, id: string): Promise<Stream | undefined> {
  const row = await db.selectFrom('streams').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toStream(row)
}

export async function deleteStream(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('streams').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}
