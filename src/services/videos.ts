// The catalog: videos and their streams. Stream metadata is read from the media itself.
import { AppError, isAppError, notFound } from '../core/errors.ts'
import { videoFieldProblem } from '../core/fields.ts'
import { newId, newVideoId } from '../core/ids.ts'
import type {
  Definition,
  Stream,
  StreamFormat,
  StreamStatus,
  Video,
  VideoStatus,
} from '../core/model.ts'
import {
  deleteStream,
  deleteVideo,
  findStream,
  findVideo,
  findVideoByReference,
  insertStream,
  insertVideo,
  listStreams,
  listVideos,
  updateVideo,
  type VideoFilter,
} from '../storage/repositories/videos.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import type { Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'
import { normalizeHost } from './play-domains.ts'
import { createVideoAliases } from './video-aliases.ts'

export interface NewVideoInput {
  readonly tenantId: string
  readonly id?: string
  readonly referenceId?: string | null
  readonly title: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly coverUrl?: string | null
  readonly status?: VideoStatus
  readonly settings?: Record<string, string>
  /** Host of one of the tenant's play domains; null (default) plays on the tenant's default. */
  readonly playDomain?: string | null
  /** When the video was made (a migration keeps the vendor's); now by default. */
  readonly createdAt?: Date
  /** Seconds, for a video without streams yet; its largest stream's once it has one. */
  readonly duration?: number
}

export type VideoChanges = Partial<
  Pick<
    Video,
    | 'referenceId'
    | 'title'
    | 'description'
    | 'tags'
    | 'coverUrl'
    | 'status'
    | 'auditStatus'
    | 'settings'
    | 'playDomain'
    | 'duration'
  >
>

export interface NewStreamInput {
  readonly videoId: string
  /** Relative to the media root, or an http(s) origin URL (then nothing is probed). */
  readonly location: string
  readonly definition?: Definition
  readonly format?: StreamFormat
  readonly status?: StreamStatus
  readonly encrypted?: boolean
}

/**
 * How long a replica reuses a video read by id (every credential and play request reads one)
 * without being told of a change. Every write through the services (catalog, import, a tenant's
 * removal) drops it at once here and, published, on every replica; this bounds only a message
 * lost while Redis was unreachable, or a write behind the services' back.
 */
export const VIDEO_CACHE_MS = 1000

/** More changed videos than this are forgotten all at once (one short message, not a list). */
const FORGET_ALL_ABOVE = 1000

/**
 * The catalog. With `caches` (the runtime's), videos read by id are cached and every write
 * invalidates them; without (a service over an import's transaction, the planner's probe), every
 * read goes to `deps.db`.
 */
export function createVideos(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock' | 'mediaProbe' | 'resolveMedia'>,
  caches?: Caches,
) {
  // Only found videos are kept: a video created later needs no invalidation to be seen.
  const byId = caches?.named<Video | undefined>('videos', { ttlMs: VIDEO_CACHE_MS })
  const found = (video: Video | undefined) => video !== undefined
  const read = (id: string) =>
    byId ? byId.get(id, () => findVideo(deps.db, id), found) : findVideo(deps.db, id)

  /** The stored row, never a cached copy: what a write starts from. */
  async function stored(id: string): Promise<Video> {
    const video = await findVideo(deps.db, id)
    if (!video) throw notFound('video', id)
    return video
  }

  async function get(id: string): Promise<Video> {
    const video = await read(id)
    if (!video) throw notFound('video', id)
    return video
  }

  /** Drops changed videos here at once and on every replica (after the write is committed). */
  async function forget(ids: readonly string[]): Promise<void> {
    if (!byId || ids.length === 0) return
    await (ids.length > FORGET_ALL_ABOVE ? byId.invalidateAll() : byId.invalidate(...ids))
  }

  /** A video's own play domain, normalised: it must be one of the tenant's. */
  async function ownDomain(tenantId: string, host: string | null | undefined) {
    if (host === undefined || host === null) return host
    const normal = normalizeHost(host)
    const domain = await findPlayDomainWithKeys(deps.db, deps.box, { host: normal })
    if (domain?.tenantId !== tenantId)
      throw new AppError('INVALID_PARAMETER', `play domain ${normal} is not the tenant's`, {
        details: { parameter: 'playDomain' },
      })
    return normal
  }

  /** The catalog's one field rule (core/fields.ts), for every API and the import alike. */
  function checkFields(fields: Parameters<typeof videoFieldProblem>[0]): void {
    const problem = videoFieldProblem(fields)
    if (!problem) return
    const parameter = problem.at.join('.')
    throw new AppError('INVALID_PARAMETER', `${parameter} ${problem.message}`, {
      details: { parameter },
    })
  }

  function checkDuration(duration: number | undefined): void {
    if (duration !== undefined && !(Number.isFinite(duration) && duration >= 0))
      throw new AppError('INVALID_PARAMETER', `duration ${duration} is not a number of seconds`, {
        details: { parameter: 'duration' },
      })
  }

  /** Reads format, duration, size, resolution, bitrate and fps of a stream location. */
  async function probeLocation(location: string, format?: StreamFormat) {
    if (/^https?:\/\//i.test(location)) {
      const guessed = format ?? (/\.m3u8(\?|$)/i.test(location) ? 'm3u8' : 'mp4')
      return { format: guessed, duration: 0, size: 0, width: 0, height: 0, bitrate: 0, fps: 0 }
    }
    const absolute = await deps.resolveMedia(location)
    const info = await deps.mediaProbe.probe(absolute).catch((error: unknown) => {
      // Name the field, so every API can tell the caller which input the media problem is in.
      if (isAppError(error) && error.details.parameter === undefined)
        throw new AppError(error.code, error.message, {
          details: { ...error.details, parameter: 'location' },
          cause: error,
        })
      throw error
    })
    if (format !== undefined && format !== info.format)
      throw new AppError('INVALID_PARAMETER', `${location} is ${info.format}, not ${format}`, {
        details: { parameter: 'format' },
      })
    return info
  }

  return {
    async create(input: NewVideoInput): Promise<Video> {
      const now = new Date(deps.clock.now())
      checkFields(input)
      checkDuration(input.duration)
      const playDomain = (await ownDomain(input.tenantId, input.playDomain)) ?? null
      return insertVideo(deps.db, {
        id: input.id ?? newVideoId(deps.crypto),
        tenantId: input.tenantId,
        referenceId: input.referenceId ?? null,
        title: input.title,
        description: input.description ?? '',
        tags: input.tags ?? [],
        coverUrl: input.coverUrl ?? null,
        duration: input.duration ?? 0,
        size: 0,
        status: input.status ?? 'Normal',
        auditStatus: 'Normal',
        settings: input.settings ?? {},
        playDomain,
        createdAt: input.createdAt ?? now,
        updatedAt: now,
      })
    },
    get,
    async getForTenant(tenantId: string, id: string): Promise<Video> {
      const video = await read(id)
      // Another tenant's video is reported exactly like a missing one.
      if (!video || video.tenantId !== tenantId) throw notFound('video', id)
      return video
    },
    async getByReference(tenantId: string, referenceId: string): Promise<Video> {
      const video = await findVideoByReference(deps.db, tenantId, referenceId)
      if (!video) throw notFound('video', referenceId)
      return video
    },
    list: (filter: VideoFilter, page?: number, pageSize?: number) =>
      listVideos(deps.db, filter, toPage(page, pageSize)),
    async update(id: string, changes: VideoChanges): Promise<Video> {
      const before = await stored(id)
      checkFields(changes)
      checkDuration(changes.duration)
      const playDomain = await ownDomain(before.tenantId, changes.playDomain)
      const video = {
        ...before,
        ...changes,
        playDomain: playDomain === undefined ? before.playDomain : playDomain,
        updatedAt: new Date(deps.clock.now()),
      }
      await updateVideo(deps.db, video)
      await forget([id])
      return video
    },
    async remove(id: string): Promise<void> {
      const deleted = await deleteVideo(deps.db, id)
      await forget([id])
      if (!deleted) throw notFound('video', id)
    },
    forget,
    /** Every video, here and on every replica (a tenant's removal took its videos with it). */
    forgetAll: async (): Promise<void> => {
      await byId?.invalidateAll()
    },
    ...createVideoAliases(deps, get),
    streams: (videoId: string) => listStreams(deps.db, videoId),
    probeLocation,
    /** Registers a rendition; the video's duration and size follow its largest stream. */
    async addStream(input: NewStreamInput): Promise<Stream> {
      const video = await stored(input.videoId)
      const info = await probeLocation(input.location, input.format)
      const stream = await insertStream(deps.db, {
        id: newId(deps.crypto, 'stream'),
        videoId: video.id,
        format: info.format,
        definition: input.definition ?? definitionFor(info.height),
        width: info.width,
        height: info.height,
        bitrate: Math.round(info.bitrate),
        fps: Math.round(info.fps * 1000) / 1000,
        size: info.size,
        duration: Math.round(info.duration * 1000) / 1000,
        location: input.location,
        status: input.status ?? 'Normal',
        encrypted: input.encrypted ?? false,
        createdAt: new Date(deps.clock.now()),
      })
      await updateVideo(deps.db, {
        ...video,
        duration: Math.max(video.duration, stream.duration),
        size: Math.max(video.size, stream.size),
        updatedAt: new Date(deps.clock.now()),
      })
      await forget([video.id])
      return stream
    },
    async removeStream(videoId: string, streamId: string): Promise<void> {
      const stream = await findStream(deps.db, streamId)
      if (!stream || stream.videoId !== videoId || !(await deleteStream(deps.db, streamId)))
        throw notFound('stream', streamId)
    },
  }
}

/** Aliyun's definition ladder by frame height. */
export function definitionFor(height: number): Definition {
  if (height === 0) return 'OD'
  if (height <= 240) return 'FD'
  if (height <= 360) return 'LD'
  if (height <= 540) return 'SD'
  if (height <= 720) return 'HD'
  if (height <= 1080) return 'OD'
  if (height <= 1440) return '2K'
  return '4K'
}

export type Videos = ReturnType<typeof createVideos>
