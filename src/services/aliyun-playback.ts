// Aliyun VOD playback use cases, independent of the RPC wire: issue a PlayAuth, play info on
// the shared playback service (playback.ts) with Aliyun's parameters and limits, video info, and
// the temporary credentials a PlayAuth carries. Limits follow aliyun-vod.md §9, §14.
import { AppError, type Verdict } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { AliyunAccount, Video } from '../core/model.ts'
import { parseSecurityToken } from '../core/schemes/aliyun-play-auth/canonical.ts'
import { mintPlayAuth } from '../core/schemes/aliyun-play-auth/sign.ts'
import {
  verifyTemporaryCredential,
  type PlayAuthReason,
  type TemporaryCredential,
} from '../core/schemes/aliyun-play-auth/verify.ts'
import type { PlayAuthKeyRing } from './aliyun-play-auth-keys.ts'
import type { ServiceDeps } from './deps.ts'
import type { Playback, PlayResult, StreamFilter, VideoRef } from './playback.ts'
import { requireValidity } from './playback.ts'

/** `AuthInfoTimeout`: default and range of the current Aliyun docs (aliyun-vod.md §9.1). */
export const AUTH_INFO_TIMEOUT = { default: 100, min: 100, max: 3000 } as const

/** `AuthTimeout` (URL validity, s): at least 1, no documented maximum for `cdn`; ours is 1 year. */
export const AUTH_TIMEOUT_MAX = 31_536_000
const AUTH_TIMEOUT = { min: 1, max: AUTH_TIMEOUT_MAX } as const

/** The region a PlayAuth names when the request gives none (the player builds its default URL from it). */
export const DEFAULT_REGION = 'cn-shanghai'

/** Aliyun type A `uid` / `rand`: no "-" (the field separator), bounded. */
const AUTH_FIELD = /^[A-Za-z0-9._~]{1,64}$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/

export interface IssuePlayAuthInput extends VideoRef {
  readonly tenantId: string
  /** `AuthInfoTimeout`, seconds. */
  readonly timeoutSeconds?: number | undefined
  /** `PlayConfig.PlayDomain`: one of the tenant's play domains. */
  readonly playDomain?: string | undefined
  /** `RegionId` of the request, echoed as the PlayAuth's `Region` when well formed. */
  readonly region?: string | undefined
}

export interface IssuedPlayAuth {
  readonly video: Video
  readonly playAuth: string
  readonly accessKeyId: string
  /** Unix seconds. */
  readonly expiresAt: number
}

export type OutputType = 'cdn' | 'oss'

export interface PlayInfoInput extends VideoRef, StreamFilter {
  readonly tenantId: string
  /** Accepted; both answer with edge URLs (PlayGate has no separate origin bucket). */
  readonly outputType?: OutputType | undefined
  /** `AuthTimeout`: URL validity in seconds; the domain's TTL by default. */
  readonly authTimeoutSeconds?: number | undefined
  /** `ReAuthInfo`: type A `uid` and `rand` (default "0" each, as real VOD URLs). */
  readonly reAuth?: { readonly uid?: string | undefined; readonly rand?: string | undefined }
  /** `PlayConfig.PlayDomain`. */
  readonly playDomain?: string | undefined
  /** The domain a PlayAuth was minted for, used when the request names none. */
  readonly credentialPlayDomain?: string | undefined
  /** A temporary credential's video: any other is refused with SCOPE_MISMATCH. */
  readonly onlyVideoId?: string | undefined
  /** What the request asked for, echoed by InvalidVideo.NoneStream. */
  readonly filterText?: string | undefined
}

export type PlayInfoResult = PlayResult

export interface AliyunPlaybackParts {
  readonly playback: Playback
  readonly keyRing: PlayAuthKeyRing
  /** The tenant's Aliyun account facts: its CustomerId and default region, when set. */
  readonly aliyunAccount: (tenantId: string) => Promise<AliyunAccount | undefined>
}

/**
 * A stable numeric account UID for a tenant (PlayAuth `CustomerId` is a JSON number): the first
 * 13 hex digits of SHA-256 of the tenant id, below 2^52, so a safe integer.
 */
export function customerIdOf(tenantId: string, deps: Pick<ServiceDeps, 'crypto'>): number {
  return Number.parseInt(toHex(deps.crypto.hash('sha256', tenantId)).slice(0, 13), 16)
}

export function createAliyunPlayback(
  deps: Pick<ServiceDeps, 'crypto' | 'clock'>,
  parts: AliyunPlaybackParts,
) {
  // A SHA-256 per PlayAuth was a measurable part of one: each tenant's is kept (a number each,
  // bounded like the caches).
  const customerIds = new Map<string, number>()
  const customerId = (tenantId: string): number => {
    let id = customerIds.get(tenantId)
    if (id === undefined) {
      if (customerIds.size >= 10_000) customerIds.clear()
      id = customerIdOf(tenantId, deps)
      customerIds.set(tenantId, id)
    }
    return id
  }

  const { playback } = parts
  const resolveVideo = (tenantId: string, ref: VideoRef) => playback.resolveVideo(tenantId, ref)

  /** With a temporary credential, any other video (or one that cannot be found) is out of scope. */
  async function scopedVideo(input: PlayInfoInput): Promise<Video> {
    const only = input.onlyVideoId
    if (only === undefined) return resolveVideo(input.tenantId, input)
    const outOfScope = () =>
      new AppError('SCOPE_MISMATCH', `the credential is for video ${only} only`)
    if (input.videoId && input.videoId !== only) throw outOfScope()
    const video = await resolveVideo(input.tenantId, input).catch((error) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND' && !input.videoId)
        throw outOfScope()
      throw error
    })
    if (video.id !== only) throw outOfScope()
    return video
  }

  return {
    /**
     * Mints a PlayAuth for a Normal video of the tenant, valid `timeoutSeconds` (default 100,
     * range [100, 3000]), recording `credential.issued`.
     * @see aliyun-vod.md §9.1, §10.4
     */
    async issuePlayAuth(input: IssuePlayAuthInput): Promise<IssuedPlayAuth> {
      const timeout = input.timeoutSeconds ?? AUTH_INFO_TIMEOUT.default
      requireValidity(
        timeout,
        AUTH_INFO_TIMEOUT,
        'authInfoTimeout',
        `AuthInfoTimeout ${timeout} out of range`,
      )
      const video = await resolveVideo(input.tenantId, input)
      playback.requirePlayable(video)
      // A tenant without play domains still gets a PlayAuth; GetPlayInfo reports the gap.
      const domain = await playback.chooseDomainIfAny(
        input.tenantId,
        input.playDomain,
        video.playDomain,
      )
      const key = await parts.keyRing.signingKey()
      // The tenant's own account facts when set; else a stable UID and the default region.
      const account = await parts.aliyunAccount(input.tenantId)
      const minted = mintPlayAuth(
        {
          serverKey: key.key,
          keyId: key.id,
          tenantId: input.tenantId,
          customerId: account?.customerId ?? customerId(input.tenantId),
          videoId: video.id,
          videoMeta: {
            status: video.status,
            title: video.title,
            coverUrl: video.coverUrl ?? '',
            duration: video.duration,
          },
          playDomain: domain?.host ?? '',
          region:
            input.region && REGION.test(input.region)
              ? input.region
              : (account?.region ?? DEFAULT_REGION),
          now: deps.clock.now(),
          timeoutSeconds: timeout,
        },
        deps.crypto,
      )
      await playback.recordIssued(video, {
        dialect: 'aliyun',
        accessKeyId: minted.accessKeyId,
        expiresAt: minted.expiresAt,
      })
      return {
        video,
        playAuth: minted.playAuth,
        accessKeyId: minted.accessKeyId,
        expiresAt: minted.expiresAt,
      }
    },

    /**
     * Verifies a PlayAuth's temporary credential from the key ring alone (no lookup table).
     * @see src/core/schemes/aliyun-play-auth/README.md for the reasons
     */
    async verifyTemporaryCredential(input: {
      accessKeyId: string
      securityToken: string | undefined
      authInfo?: string | undefined
    }): Promise<Verdict<TemporaryCredential, PlayAuthReason>> {
      const wanted = input.securityToken
        ? parseSecurityToken(input.securityToken)?.keyId
        : undefined
      const serverKeys = await parts.keyRing.verifyingKeys(wanted)
      return verifyTemporaryCredential({ ...input, serverKeys, now: deps.clock.now() }, deps.crypto)
    },

    /**
     * The playable streams of a Normal video after the request's filters, each with a URL on the
     * chosen play domain signed with its scheme (type A carries `uid`/`rand`).
     * @see aliyun-vod.md §9.2, §13
     */
    async playInfo(input: PlayInfoInput): Promise<PlayInfoResult> {
      const ttl = input.authTimeoutSeconds
      if (ttl !== undefined)
        requireValidity(ttl, AUTH_TIMEOUT, 'authTimeout', `AuthTimeout ${ttl} out of range`)
      const uid = input.reAuth?.uid ?? '0'
      const rand = input.reAuth?.rand ?? '0'
      if (!AUTH_FIELD.test(uid) || !AUTH_FIELD.test(rand))
        throw new AppError('INVALID_PARAMETER', 'ReAuthInfo uid/rand not usable in a URL', {
          details: { parameter: 'reAuthInfo' },
        })

      return playback.play({
        video: await scopedVideo(input),
        playDomain: input.playDomain,
        fallbackDomain: input.credentialPlayDomain,
        filter: input,
        ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
        options: { uid, rand },
        filterText: input.filterText,
      })
    },

    /** A video of the tenant, whatever its status (aliyun-vod.md §9.3). */
    videoInfo(tenantId: string, ref: VideoRef): Promise<Video> {
      return resolveVideo(tenantId, ref)
    },
  }
}

export type AliyunPlayback = ReturnType<typeof createAliyunPlayback>
