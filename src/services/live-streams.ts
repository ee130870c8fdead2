// Live streams of play domains: create, change, list, remove; resolve by (domain, AppName,
// StreamName) for the edge and the origin callbacks through a short cache; mint play and push URLs.
import { AppError, notFound } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { LiveStream, LiveStreamWithKey } from '../core/model.ts'
import { signLivePush } from '../core/schemes/tencent-live/sign.ts'
import {
  deleteLiveStream,
  findLiveStreamWithKey,
  insertLiveStream,
  listLiveStreams,
  updateLiveStream,
  upsertLiveStream,
} from '../storage/repositories/live-streams.ts'
import { findVideo } from '../storage/repositories/videos.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './outcome.ts'
import { toPage } from './pages.ts'
import type { PlayDomains } from './play-domains.ts'
import { domainBase, type PlayUrls } from './play-urls.ts'
import { randomString } from './secrets.ts'
import type { Writes } from './writes.ts'

/**
 * How long a replica reuses what it read about a stream (found or not). Changes made through
 * this process apply at once; changes made elsewhere within this time. Not found is remembered
 * too, so probing unknown stream names does not become one database read per request.
 */
export const LIVE_STREAM_CACHE_MS = 1000

/** Letters, digits, `_`, `-` and inner dots (RTMP names may hold dots), at most 128 characters. */
const NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,126}[A-Za-z0-9_-])?$/
/** The extensions the edge cuts from a last path segment (tencent-live/canonical.ts). */
const STREAM_EXTENSION = /\.(flv|m3u8|mpd|mp4)$/i

export interface NewLiveStreamInput {
  readonly tenantId: string
  readonly playDomainId: string
  readonly appName?: string
  readonly streamName: string
  readonly location: string
  readonly videoId?: string | null
  readonly enabled?: boolean
  /** A push key, `null` for none (publishing refused), or absent to generate one. */
  readonly pushKey?: string | null
}

export type LiveStreamChanges = Partial<
  Pick<LiveStreamWithKey, 'location' | 'videoId' | 'enabled' | 'pushKey'>
>

export interface LiveUrls {
  /** The play domain. */
  readonly host: string
  readonly m3u8: string
  readonly flv: string
  readonly rtmp: string
  readonly webrtc: string
  /** Present when the stream has a push key: `rtmp://…?txSecret=md5(pushKey+Stream+txTime)`. */
  readonly push?: string
  /** Unix seconds. */
  readonly expiresAt: number
}

function invalid(parameter: string, message: string): AppError {
  return new AppError('INVALID_PARAMETER', message, { details: { parameter } })
}

export function checkStreamName(value: string, parameter: string): string {
  if (!NAME.test(value) || value.includes('..') || STREAM_EXTENSION.test(value))
    throw invalid(parameter, `${parameter} must be letters, digits, _ - and inner dots`)
  return value
}

/**
 * A playlist location: an http(s) URL without credentials, or a relative media path that stays
 * under the root (no `..`, no leading `/`). The file need not exist yet: the origin writes it
 * once publishing starts.
 */
export function checkLiveLocation(value: string): string {
  if (/^https?:\/\//i.test(value)) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw invalid('location', 'location is not a valid URL')
    }
    if (url.username !== '' || url.password !== '')
      throw invalid('location', 'location must not carry credentials')
    return url.href
  }
  const segments = value.split('/')
  if (
    value === '' ||
    value.length > 1024 ||
    value.startsWith('/') ||
    /[\\\0?#]/.test(value) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  )
    throw invalid(
      'location',
      'location must be an http(s) URL or a relative path under the media root',
    )
  return value
}

export function createLiveStreams(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock' | 'config'> &
    Partial<Pick<ServiceDeps, 'state'>>,
  others: { readonly playDomains: PlayDomains; readonly playUrls: PlayUrls },
  caches: Caches = createCaches(deps),
) {
  const byName = caches.named<LiveStreamWithKey | undefined>('live-streams', {
    ttlMs: LIVE_STREAM_CACHE_MS,
  })
  // While storage does not answer, the last copy keeps the edge serving (stale if error).
  const presence = caches.named<boolean>('live-stream-presence', {
    ttlMs: LIVE_STREAM_CACHE_MS,
    staleIfError: true,
  })
  const cacheKey = (domainId: string, app: string, stream: string) =>
    `${domainId}\n${app}\n${stream}`
  /** The streams changed (each as it was and as it is): drop their lookups on every replica. */
  const changed = (...streams: readonly LiveStream[]) =>
    Promise.all([
      byName.invalidate(...streams.map((s) => cacheKey(s.playDomainId, s.appName, s.streamName))),
      presence.invalidate(...streams.map((s) => s.playDomainId)),
    ])
  const invalidate = () => Promise.all([byName.invalidateAll(), presence.invalidateAll()])

  async function getWithKey(id: string, tenantId?: string): Promise<LiveStreamWithKey> {
    const stream = await findLiveStreamWithKey(deps.db, deps.box, { id })
    if (!stream || (tenantId !== undefined && stream.tenantId !== tenantId))
      throw notFound('liveStream', id)
    return stream
  }

  async function checkVideo(tenantId: string, videoId: string | null | undefined): Promise<void> {
    if (videoId === null || videoId === undefined) return
    const video = await findVideo(deps.db, videoId)
    if (!video || video.tenantId !== tenantId)
      throw notFound('video', videoId, { parameter: 'videoId' })
  }

  return {
    async create(input: NewLiveStreamInput): Promise<LiveStreamWithKey> {
      const domain = await others.playDomains.getWithKeys(input.playDomainId)
      if (domain.tenantId !== input.tenantId)
        throw notFound('playDomain', input.playDomainId, { parameter: 'playDomainId' })
      await checkVideo(input.tenantId, input.videoId)
      const now = new Date(deps.clock.now())
      const stream: LiveStreamWithKey = {
        id: newId(deps.crypto, 'liveStream'),
        tenantId: input.tenantId,
        playDomainId: domain.id,
        appName: checkStreamName(input.appName ?? 'live', 'appName'),
        streamName: checkStreamName(input.streamName, 'streamName'),
        location: checkLiveLocation(input.location),
        videoId: input.videoId ?? null,
        enabled: input.enabled ?? true,
        pushKey: input.pushKey === undefined ? randomString(deps.crypto, 32) : input.pushKey,
        createdAt: now,
        updatedAt: now,
      }
      await insertLiveStream(deps.db, deps.box, stream)
      await changed(stream)
      return stream
    },
    getWithKey,
    /**
     * Creates or replaces the stream of this domain, AppName and StreamName through `w` (an
     * import's transaction; domain and video checked by the caller). A push key left out is kept
     * (generated for a new stream); null refuses publishing.
     */
    async put(
      w: Writes,
      input: Omit<LiveStreamWithKey, 'id' | 'createdAt' | 'updatedAt' | 'pushKey'> & {
        pushKey?: string | null
      },
    ): Promise<Outcome> {
      const key = {
        playDomainId: input.playDomainId,
        appName: checkStreamName(input.appName, 'appName'),
        streamName: checkStreamName(input.streamName, 'streamName'),
      }
      const stored = await findLiveStreamWithKey(w.db, deps.box, key)
      const now = new Date(deps.clock.now())
      const next: LiveStreamWithKey = {
        ...input,
        ...key,
        id: stored?.id ?? newId(deps.crypto, 'liveStream'),
        location: checkLiveLocation(input.location),
        pushKey:
          input.pushKey !== undefined
            ? input.pushKey
            : (stored?.pushKey ?? randomString(deps.crypto, 32)),
        createdAt: stored?.createdAt ?? now,
        updatedAt: now,
      }
      const state = (s: LiveStreamWithKey) => [
        s.tenantId,
        s.location,
        s.videoId,
        s.enabled,
        s.pushKey,
      ]
      const outcome = outcomeOf(stored, stored && state(stored), state(next))
      if (outcome === 'unchanged') return outcome
      await upsertLiveStream(w.db, deps.box, next)
      await w.afterCommit(() => changed(...(stored ? [stored, next] : [next])))
      return outcome
    },
    async get(id: string, tenantId?: string): Promise<LiveStream> {
      const { pushKey: _k, ...stream } = await getWithKey(id, tenantId)
      return stream
    },
    list: (
      filter: { tenantId?: string; playDomainId?: string },
      page?: number,
      pageSize?: number,
    ) => listLiveStreams(deps.db, filter, toPage(page, pageSize)),
    async update(
      id: string,
      changes: LiveStreamChanges,
      tenantId?: string,
    ): Promise<LiveStreamWithKey> {
      const current = await getWithKey(id, tenantId)
      await checkVideo(current.tenantId, changes.videoId)
      const next: LiveStreamWithKey = {
        ...current,
        ...changes,
        ...(changes.location !== undefined
          ? { location: checkLiveLocation(changes.location) }
          : {}),
        updatedAt: new Date(deps.clock.now()),
      }
      await updateLiveStream(deps.db, deps.box, next)
      await changed(current, next)
      return next
    },
    async remove(id: string, tenantId?: string): Promise<void> {
      const current = await getWithKey(id, tenantId)
      await deleteLiveStream(deps.db, id)
      await changed(current)
    },
    /** Forgets cached lookups on every replica (for writers outside this service). */
    invalidate,
    /** Whether the domain has any live stream (the edge skips live routing when not), cached. */
    hasStreams(domainId: string): Promise<boolean> {
      return presence.get(domainId, async () => {
        const page = await listLiveStreams(deps.db, { playDomainId: domainId }, toPage(1, 1))
        return page.total > 0
      })
    },
    /** Whether hasStreams would answer false from its cache (a domain known to have none). */
    knownWithoutStreams(domainId: string): boolean {
      return presence.peek(domainId, (has) => !has) === false
    },
    /** The stream `appName/streamName` of a domain, cached {@link LIVE_STREAM_CACHE_MS}. */
    resolve(
      domainId: string,
      appName: string,
      streamName: string,
    ): Promise<LiveStreamWithKey | undefined> {
      return byName.get(cacheKey(domainId, appName, streamName), () =>
        findLiveStreamWithKey(deps.db, deps.box, { playDomainId: domainId, appName, streamName }),
      )
    },
    /**
     * Play URLs in the four forms (signed with the domain's scheme and primary key, valid for
     * `ttlSeconds` or the domain's AuthDelta) and, with a push key, the push URL.
     */
    async mintUrls(
      id: string,
      options: { tenantId?: string; ttlSeconds?: number; pushTtlSeconds?: number } = {},
    ): Promise<LiveUrls> {
      const stream = await getWithKey(id, options.tenantId)
      // The edge and the origin callbacks refuse it: a URL for it would only fail.
      if (!stream.enabled)
        throw new AppError('MEDIA_NOT_READY', `live stream ${id} is disabled`, {
          details: { resource: 'liveStream' },
        })
      const domain = await others.playDomains.getWithKeys(stream.playDomainId)
      const ttl = options.ttlSeconds ?? Math.max(domain.ttlSeconds, 1)
      const path = `/${stream.appName}/${stream.streamName}`
      const base = domainBase(domain, deps.config)
      const sign = (target: string, prefix = '') =>
        others.playUrls.signTarget(
          domain,
          target,
          ttl,
          { expiresAt: Math.floor(deps.clock.now() / 1000) + ttl },
          prefix,
        )
      const bare = sign(path)
      const urls: LiveUrls = {
        host: domain.host,
        m3u8: base.origin + sign(`${path}.m3u8`, base.prefix).target,
        flv: base.origin + sign(`${path}.flv`, base.prefix).target,
        rtmp: `rtmp://${domain.host}${bare.target}`,
        webrtc: `webrtc://${domain.host}${bare.target}`,
        expiresAt: bare.expiresAt,
      }
      if (stream.pushKey === null) return urls
      const pushExpiry = Math.floor(deps.clock.now() / 1000) + (options.pushTtlSeconds ?? 86_400)
      return { ...urls, push: `rtmp://${domain.host}${pushTarget(stream, pushExpiry)}` }
    },
  }

  function pushTarget(stream: LiveStreamWithKey, expiresAt: number): string {
    return signLivePush({ ...stream, pushKey: stream.pushKey ?? '', expiresAt }, deps.crypto)
  }
}

export type LiveStreams = ReturnType<typeof createLiveStreams>
