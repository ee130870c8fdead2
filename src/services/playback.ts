// Vendor-neutral playback, used by every dialect and the native API: resolve a video, check it
// is playable, pick the play domain (request → credential → video → tenant default), select
// streams, sign their URLs, and audit every credential issued. Vendor credentials (Aliyun
// PlayAuth, …) build on it.
import { AppError } from '../core/errors.ts'
import type { Definition, PlayDomainWithKeys, Stream, StreamFormat, Video } from '../core/model.ts'
import { DEFINITIONS } from '../core/model.ts'
import type { SignOptions } from '../core/schemes/url-scheme.ts'
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import type { PlayDomains } from './play-domains.ts'
import { isOriginLocation, type PlayUrls } from './play-urls.ts'
import type { AliasRef } from './video-aliases.ts'
import type { Videos } from './videos.ts'
import type { ViewerControls } from './viewer-controls.ts'

/** Which video a request names: `videoId` wins over `referenceId`, which wins over `alias`. */
export interface VideoRef {
  readonly videoId?: string | undefined
  readonly referenceId?: string | undefined
  /** A vendor's id of the video (a Polyv vid, a DingTalk mediaId): needs the tenant. */
  readonly alias?: AliasRef | undefined
}

export type StreamType = 'video' | 'audio'
export type ResultType = 'Single' | 'Multiple'

/** Which streams a request wants; empty or absent = all. */
export interface StreamFilter {
  readonly formats?: readonly StreamFormat[] | undefined
  readonly definitions?: readonly Definition[] | undefined
  readonly streamType?: StreamType | undefined
  /** `Single` (default): the newest stream per definition and format. */
  readonly resultType?: ResultType | undefined
}

export interface PlayInput {
  /** A video already resolved (and scoped) by the caller. */
  readonly video: Video
  /** A domain the request named: must be the video's tenant's. */
  readonly playDomain?: string | undefined
  /** Tried when the request names none (a credential's or the video's own domain). */
  readonly fallbackDomain?: string | undefined
  readonly filter?: StreamFilter
  /** URL validity in seconds; the domain's TTL by default. */
  readonly ttlSeconds?: number | undefined
  /** A cap on the validity, whatever the request or the domain says. */
  readonly maxTtlSeconds?: number | undefined
  readonly options?: SignOptions
  /** What the request asked for, echoed by NO_STREAM (`details.hint`). */
  readonly filterText?: string | undefined
  /**
   * A viewer token (unlock, playsafe) the URLs carry instead of the domain's signature; only
   * streams the edge serves itself are then listed. `expiresAt` is epoch ms.
   */
  readonly viewerToken?: { readonly token: string; readonly expiresAt: number } | undefined
}

export interface PlayItem {
  readonly stream: Stream
  readonly url: string
  /** The signed target under the domain (path and query); absent for viewer-token URLs. */
  readonly target?: string
  readonly streamType: StreamType
  /** Unix seconds. */
  readonly expiresAt: number
}

export interface PlayResult {
  readonly video: Video
  readonly domain: PlayDomainWithKeys
  readonly items: readonly PlayItem[]
}

/**
 * What the audit trail says of a credential issued for a video, by issuer (its `detail`, keys in
 * this order). `expiresAt` is Unix seconds.
 */
export type IssuedCredential =
  | { readonly dialect: 'aliyun'; readonly accessKeyId: string; readonly expiresAt: number }
  | {
      readonly dialect: 'dingtalk'
      readonly appKey: string
      readonly conferenceId: string
      readonly mediaId: string
      readonly expiresAt: number
    }
  | {
      readonly dialect: 'native' | 'cli'
      readonly host: string
      readonly expiresAt: number
      readonly maxUses?: number
    }
  | { readonly source: 'playsafe'; readonly viewerId: string; readonly disposable: boolean }
  | { readonly source: 'unlock'; readonly label: string; readonly client: string }

/** Play URLs an administrator asks for (the native API or the CLI). */
export interface UrlsRequest {
  readonly videoId: string
  /** Validity in seconds; the domain's TTL by default. */
  readonly ttlSeconds?: number | undefined
  /** Requests each URL may make in all. */
  readonly maxUses?: number | undefined
  /** Who asks: the audit event's `dialect`. */
  readonly via: 'native' | 'cli'
}

export interface PlaybackParts {
  readonly videos: Pick<
    Videos,
    'get' | 'getForTenant' | 'getByReference' | 'getByAlias' | 'streams'
  >
  readonly playDomains: Pick<PlayDomains, 'forTenant' | 'resolveHost'>
  readonly playUrls: Pick<PlayUrls, 'signStreamUrl' | 'tokenStreamUrl'>
  readonly audit: Pick<Audit, 'record'>
  readonly viewerControls: Pick<ViewerControls, 'limitUses'>
}

/** Audio-only formats; everything else is `video` for `StreamType`. */
const AUDIO_FORMATS: readonly StreamFormat[] = ['mp3']

export function streamTypeOf(stream: Pick<Stream, 'format'>): StreamType {
  return AUDIO_FORMATS.includes(stream.format) ? 'audio' : 'video'
}

/** Only Normal videos play (aliyun-vod.md §9.2 and §14; the same rule for every API). */
export function requirePlayable(video: Video): void {
  if (video.status === 'Normal') return
  throw new AppError('MEDIA_NOT_READY', `video ${video.id} is ${video.status}`, {
    details: {
      resource: 'video',
      hint: `Video Status is ${video.status} and AuditStatus is ${video.auditStatus}`,
    },
  })
}

/**
 * A credential's validity (seconds) within the range its API documents, else INVALID_PARAMETER
 * naming the parameter: PlayAuth `AuthInfoTimeout`, URL `AuthTimeout`, playsafe `expires`.
 */
export function requireValidity(
  seconds: number,
  range: { readonly min: number; readonly max: number },
  parameter: string,
  message: string,
): void {
  if (Number.isSafeInteger(seconds) && seconds >= range.min && seconds <= range.max) return
  throw new AppError('INVALID_PARAMETER', message, { details: { parameter } })
}

export function createPlayback(deps: Pick<ServiceDeps, 'clock'>, parts: PlaybackParts) {
  const defaultDomain = (tenantId: string) => parts.playDomains.forTenant(tenantId)

  /**
   * A domain the request named (must be the tenant's), else the first fallback that is still the
   * tenant's (a credential's domain, then the video's own), else the tenant's default.
   */
  async function chooseDomain(
    tenantId: string,
    named: string | undefined,
    ...fallbacks: readonly (string | null | undefined)[]
  ): Promise<PlayDomainWithKeys> {
    if (named !== undefined && named !== '') {
      const domain = await parts.playDomains.resolveHost(named)
      if (domain && domain.tenantId === tenantId) return domain
      throw new AppError('INVALID_PARAMETER', `play domain ${named} is not the tenant's`, {
        details: { parameter: 'playConfig' },
      })
    }
    for (const fallback of fallbacks) {
      if (fallback === undefined || fallback === null || fallback === '') continue
      const domain = await parts.playDomains.resolveHost(fallback)
      if (domain && domain.tenantId === tenantId) return domain
    }
    return defaultDomain(tenantId)
  }

  /**
   * As chooseDomain, but undefined rather than NOT_FOUND when the request names no domain and
   * the tenant has none: a credential whose URLs are signed later (a PlayAuth) still goes out.
   */
  function chooseDomainIfAny(
    tenantId: string,
    named: string | undefined,
    ...fallbacks: readonly (string | null | undefined)[]
  ): Promise<PlayDomainWithKeys | undefined> {
    return chooseDomain(tenantId, named, ...fallbacks).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND' && !named) return undefined
      throw error
    })
  }

  /**
   * Records `credential.issued` for a credential of the video. Strict audit durability: resolves
   * only once the event is committed (rejects with UNAVAILABLE), so callers await it before
   * handing the credential out.
   */
  function recordIssued(
    video: Pick<Video, 'id' | 'tenantId'>,
    credential: IssuedCredential,
  ): Promise<void> {
    return parts.audit.record({
      tenantId: video.tenantId,
      kind: 'credential.issued',
      subject: video.id,
      detail: { ...credential },
    })
  }

  /**
   * A video by id, reference id or vendor alias, of the tenant (or, by id, of any tenant for
   * the admin API).
   */
  function resolveVideo(tenantId: string | undefined, ref: VideoRef): Promise<Video> {
    if (ref.videoId !== undefined && ref.videoId !== '')
      return tenantId === undefined
        ? parts.videos.get(ref.videoId)
        : parts.videos.getForTenant(tenantId, ref.videoId)
    if (ref.referenceId !== undefined && ref.referenceId !== '' && tenantId !== undefined)
      return parts.videos.getByReference(tenantId, ref.referenceId)
    if (ref.alias !== undefined && ref.alias.alias !== '' && tenantId !== undefined)
      return parts.videos.getByAlias(tenantId, ref.alias)
    throw new AppError('MISSING_PARAMETER', 'neither a video id nor a reference id', {
      details: { parameter: 'videoId' },
    })
  }

  /**
   * Signed URLs of a playable video's streams after the filter, on the chosen domain, every
   * one signed at the same moment for the same validity.
   */
  async function play(input: PlayInput): Promise<PlayResult> {
    const { video } = input
    requirePlayable(video)
    const domain = await chooseDomain(
      video.tenantId,
      input.playDomain,
      input.fallbackDomain,
      video.playDomain,
    )
    const { viewerToken } = input
    const chosen = selectStreams(await parts.videos.streams(video.id), input.filter ?? {}).filter(
      (s) => viewerToken === undefined || !isOriginLocation(s.location),
    )
    if (chosen.length === 0)
      throw new AppError('NO_STREAM', `no stream of ${video.id} matches`, {
        details: {
          resource: 'video',
          ...(input.filterText !== undefined ? { hint: input.filterText } : {}),
        },
      })
    if (viewerToken) {
      const expiresAt = Math.floor(viewerToken.expiresAt / 1000)
      const items = chosen.map((stream) => ({
        stream,
        streamType: streamTypeOf(stream),
        url: parts.playUrls.tokenStreamUrl(domain, stream, viewerToken.token),
        expiresAt,
      }))
      return { video, domain, items }
    }
    let ttl = input.ttlSeconds
    if (input.maxTtlSeconds !== undefined)
      ttl = Math.min(ttl ?? domain.ttlSeconds, input.maxTtlSeconds)
    const items = chosen.map((stream) => {
      const signed = parts.playUrls.signStreamUrl({
        domain,
        stream,
        ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
        ...(input.options ? { options: input.options } : {}),
      })
      return {
        stream,
        streamType: streamTypeOf(stream),
        url: signed.url,
        target: signed.target,
        expiresAt: signed.expiresAt,
      }
    })
    return { video, domain, items }
  }

  return {
    resolveVideo,
    requirePlayable,
    chooseDomain,
    chooseDomainIfAny,
    play,
    recordIssued,

    /**
     * The native API's and the CLI's play URLs (admin only: any tenant's video): every visible
     * stream of a playable video, each URL limited to `maxUses` requests when given, audited
     * before they go out.
     */
    async issueUrls(request: UrlsRequest): Promise<PlayResult> {
      const played = await play({
        video: await resolveVideo(undefined, { videoId: request.videoId }),
        // Every visible stream, not one per definition and format.
        filter: { resultType: 'Multiple' },
        ttlSeconds: request.ttlSeconds,
      })
      const { maxUses } = request
      if (maxUses !== undefined)
        await parts.viewerControls.limitUses(
          played.domain,
          played.items.flatMap((i) => i.target ?? []),
          maxUses,
        )
      await recordIssued(played.video, {
        dialect: request.via,
        host: played.domain.host,
        // Every URL is signed at the same moment for the same validity.
        expiresAt: played.items[0]!.expiresAt,
        ...(maxUses !== undefined ? { maxUses } : {}),
      })
      return played
    },
  }
}

export type Playback = ReturnType<typeof createPlayback>

/**
 * Filters Normal streams by format, definition and stream type; `Single` keeps the newest per
 * definition and format. Ordered by definition ladder, then format.
 */
export function selectStreams(streams: readonly Stream[], filter: StreamFilter): Stream[] {
  const matching = streams.filter(
    (s) =>
      s.status === 'Normal' &&
      (!filter.formats?.length || filter.formats.includes(s.format)) &&
      (!filter.definitions?.length || filter.definitions.includes(s.definition)) &&
      (filter.streamType === undefined || streamTypeOf(s) === filter.streamType),
  )
  let chosen = matching
  if ((filter.resultType ?? 'Single') === 'Single') {
    const newest = new Map<string, Stream>()
    for (const s of matching) {
      const key = `${s.definition}/${s.format}`
      const seen = newest.get(key)
      if (!seen || s.createdAt.getTime() >= seen.createdAt.getTime()) newest.set(key, s)
    }
    chosen = [...newest.values()]
  }
  const rank = (d: Definition) => DEFINITIONS.indexOf(d)
  return [...chosen].sort(
    (a, b) =>
      rank(a.definition) - rank(b.definition) ||
      (a.format < b.format ? -1 : a.format > b.format ? 1 : 0),
  )
}
