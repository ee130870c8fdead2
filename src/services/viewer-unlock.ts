// The viewer unlock flow (every dialect's videos): a viewer who gives one of a video's play
// passwords gets a short-lived viewer token for that video and their IP, and playback URLs that
// carry it (built by the playback service), so the password is never sent again with each media
// request.
import { AppError } from '../core/errors.ts'
import type { Stream } from '../core/model.ts'
import type { ServiceDeps } from './deps.ts'
import type { PlayPasswords } from './play-passwords.ts'
import { requirePlayable, type Playback } from './playback.ts'
import type { Videos } from './videos.ts'
import { streamScopes, type ViewerTokens } from './viewer-tokens.ts'

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

export function createViewerUnlock(
  deps: Pick<ServiceDeps, 'config'>,
  parts: {
    videos: Pick<Videos, 'get' | 'streams'>
    playPasswords: Pick<PlayPasswords, 'check' | 'refuseIfRemembered' | 'rememberedRefusal'>
    viewerTokens: Pick<ViewerTokens, 'issue'>
    playback: Pick<Playback, 'play' | 'recordIssued'>
  },
) {
  return {
    /**
     * Seconds to wait while this replica remembers the client refused for this video (the attempt
     * is counted in the audit log), else undefined: for answering before the request is read.
     */
    refused: (videoId: string, clientIp: string): number | undefined =>
      parts.playPasswords.rememberedRefusal(videoId, clientIp),
    /**
     * PASSWORD_INCORRECT or RATE_LIMITED from the password check; FORBIDDEN when the video has no
     * play password (then it is not this flow's to open); MEDIA_NOT_READY unless it is Normal;
     * NO_STREAM when none of its streams is served by the edge.
     */
    async unlock(input: {
      videoId: string
      password: string
      clientIp: string
    }): Promise<Unlocked> {
      // A client still refused is answered before anything is read.
      parts.playPasswords.refuseIfRemembered(input.videoId, input.clientIp)
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
      const scopes = streamScopes(await parts.videos.streams(video.id))
      if (scopes.length === 0)
        throw new AppError('NO_STREAM', `no stream of ${video.id} is served by the edge`, {
          details: { resource: 'video' },
        })
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
        scopes,
        password: matched,
        ttlSeconds: deps.config.passwords.unlockTtlSeconds,
      })
      await parts.playback.recordIssued(video, {
        source: 'unlock',
        label: matched.label,
        client: input.clientIp,
      })
      const { items } = await parts.playback.play({
        video,
        // Every visible stream, as /v1/videos/{id}/play-urls lists them.
        filter: { resultType: 'Multiple' },
        viewerToken: { token: issued.token, expiresAt: issued.expiresAt },
      })
      return {
        videoId: video.id,
        token: issued.token,
        expiresAt: issued.expiresAt,
        playUrls: items.map(({ stream, url }) => ({
          streamId: stream.id,
          format: stream.format,
          definition: stream.definition,
          url,
        })),
      }
    },
  }
}

export type ViewerUnlock = ReturnType<typeof createViewerUnlock>
