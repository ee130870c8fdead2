// The viewer unlock flow (every dialect's videos): a viewer who gives one of a video's play
// passwords gets a short-lived viewer token for that video and their IP, and playback URLs that
// carry it, so the password is never sent again with each media request.
import { AppError } from '../core/errors.ts'
import type { Stream, Video } from '../core/model.ts'
import { joinTarget, wireTarget } from '../core/schemes/url-common/target.ts'
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import type { PlayDomains } from './play-domains.ts'
import type { PlayPasswords } from './play-passwords.ts'
import { domainBaseUrl } from './play-urls.ts'
import type { Videos } from './videos.ts'
import { streamScopes, type ViewerTokens } from './viewer-tokens.ts'

/** The query parameter that carries a viewer token on a media URL. */
export const VIEWER_TOKEN_PARAM = 'playsafe'

export interface UnlockedPlayUrl {
  readonly streamId: string
  readonly format: Stream['format']
  readonly definition: Stream['definition']
  readonly url: string
}

export interface Unlocked {
  readonly videoId: string
  readonly token: string
  /** Epoch ms. */
  readonly expiresAt: number
  readonly playUrls: readonly UnlockedPlayUrl[]
}

/** Refuses anything but a Normal video, as every playback path does. */
export function requirePlayable(video: Video): void {
  if (video.status !== 'Normal')
    throw new AppError('MEDIA_NOT_READY', `video ${video.id} is ${video.status}`, {
      details: { resource: 'video' },
    })
}

export function createViewerUnlock(
  deps: Pick<ServiceDeps, 'config'>,
  parts: {
    videos: Pick<Videos, 'get' | 'streams'>
    playPasswords: Pick<PlayPasswords, 'check'>
    viewerTokens: Pick<ViewerTokens, 'issue'>
    playDomains: Pick<PlayDomains, 'forTenant'>
    audit: Pick<Audit, 'record'>
  },
) {
  /** Edge URLs of the video's streams under its tenant's play domain, each carrying the token. */
  async function playUrls(video: Video, streams: readonly Stream[], token: string) {
    const domain = await parts.playDomains.forTenant(video.tenantId)
    const base = domainBaseUrl(domain, deps.config)
    return streams
      .filter((s) => s.status === 'Normal' && !/^[a-z][a-z0-9+.-]*:/i.test(s.location))
      .map((s) => {
        const wire = wireTarget('/' + s.location)
        const query = [wire.query, `${VIEWER_TOKEN_PARAM}=${token}`].filter((q) => q !== '')
        return {
          streamId: s.id,
          format: s.format,
          definition: s.definition,
          url: base + joinTarget(wire.path, query.join('&')),
        }
      })
  }

  return {
    /**
     * PASSWORD_INCORRECT or RATE_LIMITED from the password check; FORBIDDEN when the video has no
     * play password (then it is not this flow's to open); MEDIA_NOT_READY unless it is Normal.
     */
    async unlock(input: {
      videoId: string
      password: string
      clientIp: string
    }): Promise<Unlocked> {
      const video = await parts.videos.get(input.videoId)
      requirePlayable(video)
      const matched = await parts.playPasswords.check({
        tenantId: video.tenantId,
        videoId: video.id,
        attempt: input.password,
        client: input.clientIp,
      })
      if (!matched)
        throw new AppError('FORBIDDEN', `video ${video.id} has no play password to unlock`)
      const streams = await parts.videos.streams(video.id)
      const issued = await parts.viewerTokens.issue({
        source: 'unlock',
        tenantId: video.tenantId,
        videoId: video.id,
        viewerId: `password:${matched.label}`,
        viewerIp: input.clientIp,
        viewerName: '',
        extraParams: '',
        iswxa: 0,
        type: 'WEB',
        disposable: false,
        scopes: streamScopes(streams),
        password: matched,
        ttlSeconds: deps.config.passwords.unlockTtlSeconds,
      })
      await parts.audit.record({
        tenantId: video.tenantId,
        kind: 'credential.issued',
        subject: video.id,
        detail: { source: 'unlock', label: matched.label, client: input.clientIp },
      })
      return {
        videoId: video.id,
        token: issued.token,
        expiresAt: issued.expiresAt,
        playUrls: await playUrls(video, streams, issued.token),
      }
    },
  }
}

export type ViewerUnlock = ReturnType<typeof createViewerUnlock>
