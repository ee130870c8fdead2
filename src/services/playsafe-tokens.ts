// Polyv playsafe tokens (polyv.md §8.2): a playback credential for one video, viewer and viewer
// IP, 10 minutes by default and 24 hours at most, optionally single use; issuing again for the
// same video, viewer, IP and `iswxa` while it is valid returns the same token, extended.
import { AppError } from '../core/errors.ts'
import type { Videos } from './videos.ts'
import { requirePlayable, requireValidity, type Playback } from './playback.ts'
import { streamScopes, type ViewerToken, type ViewerTokens } from './viewer-tokens.ts'

export const PLAYSAFE_TTL = { default: 600, min: 1, max: 86_400 } as const
const FIELD_MAX = 256

export interface PlaysafeTokenRequest {
  readonly tenantId: string
  /** The catalog video id (a dialect resolves Polyv's vid first). */
  readonly videoId: string
  readonly viewerId: string
  readonly viewerIp: string
  readonly viewerName?: string
  /** Seconds. */
  readonly expires?: number
  readonly disposable?: boolean
  readonly iswxa?: 0 | 1
  readonly type?: 'WEB' | 'NATIVE'
  readonly extraParams?: string
}

function field(name: string, value: string, required: boolean): void {
  if (required && value === '')
    throw new AppError('MISSING_PARAMETER', `${name} is empty`, { details: { parameter: name } })
  // eslint-disable-next-line no-control-regex
  if (value.length > FIELD_MAX || /[\u0000-\u001f\u007f]/.test(value))
    throw new AppError('INVALID_PARAMETER', `${name} is too long or holds control characters`, {
      details: { parameter: name },
    })
}

export function createPlaysafeTokens(parts: {
  videos: Pick<Videos, 'getForTenant' | 'streams'>
  viewerTokens: Pick<ViewerTokens, 'issue'>
  playback: Pick<Playback, 'recordIssued'>
}) {
  return {
    /** INVALID_PARAMETER for an `expires` outside 1 s – 24 h; NOT_FOUND / MEDIA_NOT_READY for the video. */
    async issue(input: PlaysafeTokenRequest): Promise<ViewerToken> {
      const expires = input.expires ?? PLAYSAFE_TTL.default
      requireValidity(expires, PLAYSAFE_TTL, 'expires', 'expires must be 1 to 86400 seconds')
      field('viewerId', input.viewerId, true)
      field('viewerIp', input.viewerIp, true)
      field('viewerName', input.viewerName ?? '', false)
      field('extraParams', input.extraParams ?? '', false)
      const video = await parts.videos.getForTenant(input.tenantId, input.videoId)
      requirePlayable(video)
      const token = await parts.viewerTokens.issue({
        source: 'playsafe',
        tenantId: video.tenantId,
        videoId: video.id,
        viewerId: input.viewerId,
        viewerIp: input.viewerIp,
        viewerName: input.viewerName ?? '',
        extraParams: input.extraParams ?? '',
        iswxa: input.iswxa ?? 0,
        type: input.type ?? 'WEB',
        disposable: input.disposable ?? false,
        scopes: streamScopes(await parts.videos.streams(video.id)),
        ttlSeconds: expires,
      })
      await parts.playback.recordIssued(video, {
        source: 'playsafe',
        viewerId: input.viewerId,
        disposable: token.disposable,
      })
      return token
    },
  }
}

export type PlaysafeTokens = ReturnType<typeof createPlaysafeTokens>
