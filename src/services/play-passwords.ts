// Play passwords: several per video (one per audience), set and read by the owner (sealed at
// rest), checked for viewers in constant time against all of them, throttled per video and client
// with a doubling backoff, every attempt audited (never the password itself).
import { AppError, isAppError } from '../core/errors.ts'
import { PLAY_PASSWORD } from '../core/fields.ts'
import { DEFAULT_PASSWORD_LABEL, type PlayPassword } from '../core/model.ts'
import {
  clearPlayPassword,
  findPlayPassword,
  insertPlayPassword,
  listPlayPasswords,
  setPlayPassword,
} from '../storage/repositories/play-passwords.ts'
import { findVideo } from '../storage/repositories/videos.ts'
import type { Audit } from './audit.ts'
import type { Outcome } from './outcome.ts'
import type { ServiceDeps } from './deps.ts'
import type { RateLimiter } from './rate-limiter.ts'
import type { ViewerTokens } from './viewer-tokens.ts'
import { directWrites, type Writes } from './writes.ts'

/** A label names an audience: letters, digits, `.`, `_`, `-`. */
export const PASSWORD_LABEL = /^[A-Za-z0-9._-]{1,64}$/
export const MAX_PASSWORD_LENGTH = PLAY_PASSWORD.maxLength
/** How long consecutive wrong passwords of one client for one video are counted together. */
const FAILURE_WINDOW_SECONDS = 3600
/** Refusals remembered at most (an attacker rotating addresses); past it the expired go. */
const MAX_REMEMBERED_REFUSALS = 50_000

export interface PasswordAttempt {
  readonly tenantId: string
  readonly videoId: string
  readonly attempt: string
  /** The client's IP address: attempts are throttled and audited per client. */
  readonly client: string
}

/** Which password let the viewer in; null when the video has none. */
export type PasswordMatch = { readonly label: string; readonly updatedAt: number } | null

function checkLabel(label: string): void {
  if (!PASSWORD_LABEL.test(label))
    throw new AppError('INVALID_PARAMETER', 'a password label is 1–64 of A-Z a-z 0-9 . _ -', {
      details: { parameter: 'label' },
    })
}

function checkPassword(password: string): void {
  // eslint-disable-next-line no-control-regex
  if ([...password].length > MAX_PASSWORD_LENGTH || /[\u0000-\u001f\u007f]/.test(password))
    throw new AppError(
      'INVALID_PARAMETER',
      `a play password is at most ${MAX_PASSWORD_LENGTH} characters, without control characters`,
      { details: { parameter: 'password' } },
    )
}

export function createPlayPasswords(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock' | 'config' | 'state'>,
  limiter: RateLimiter,
  audit: Pick<Audit, 'record' | 'count'>,
  tokens: Pick<ViewerTokens, 'revokeUnlockedBy'>,
) {
  const now = () => deps.clock.now()
  const settings = () => deps.config.passwords
  const failKey = (videoId: string, client: string) => `pw-fail:${videoId}:${client}`
  const blockKey = (videoId: string, client: string) => `pw-block:${videoId}:${client}`
  const videoBlockKey = (videoId: string) => `pw-block-video:${videoId}`

  /** Stops what the password as it was unlocked, on every replica. */
  async function revokeUnlocked(current: PlayPassword | undefined): Promise<void> {
    if (!current) return
    await tokens.revokeUnlockedBy(
      current.videoId,
      current.label,
      current.updatedAt.getTime(),
      settings().unlockTtlSeconds,
    )
  }

  /**
   * Sets one password of a video of `tenantId`, or removes it (''), through `w` (an import's
   * transaction, or at once). A change is audited (never the password); what the old password
   * unlocked stops working on every replica.
   */
  async function put(
    w: Writes,
    tenantId: string | null,
    videoId: string,
    password: string,
    label = DEFAULT_PASSWORD_LABEL,
  ): Promise<Outcome> {
    checkLabel(label)
    if (password !== '') checkPassword(password)
    const list = await listPlayPasswords(w.db, deps.box, videoId)
    const current = list.find((p) => p.label === label)
    if (password === '' ? !current : current?.password === password) return 'unchanged'
    if (password === '') await clearPlayPassword(w.db, videoId, label)
    else await setPlayPassword(w.db, deps.box, videoId, password, new Date(now()), label)
    await w.audit({ tenantId, kind: 'password.changed', subject: videoId, detail: { label } })
    await w.afterCommit(() => revokeUnlocked(current))
    return current ? 'updated' : 'created'
  }

  /** `put` at once, for a video named by id alone (the owner's API). */
  async function putNow(videoId: string, password: string, label: string): Promise<Outcome> {
    const video = await findVideo(deps.db, videoId)
    return put(directWrites(deps.db, audit), video?.tenantId ?? null, videoId, password, label)
  }

  /**
   * Refusals this replica learnt from the shared state, until they end: a block, or a limiter
   * window already spent. Nothing lifts either early, so refusing from memory until then answers
   * what the shared state would, without a round trip (keys: the video and client, the client,
   * the video).
   */
  const refusedUntil = new Map<string, { until: number; tenantId: string }>()
  const refusalKeys = (videoId: string, client: string) => [
    `vc:${videoId}:${client}`,
    `c:${client}`,
    `v:${videoId}`,
  ]

  function remember(key: string, tenantId: string, until: number): void {
    if (refusedUntil.size >= MAX_REMEMBERED_REFUSALS) {
      for (const [k, r] of refusedUntil) if (r.until <= now()) refusedUntil.delete(k)
      if (refusedUntil.size >= MAX_REMEMBERED_REFUSALS) refusedUntil.clear()
    }
    refusedUntil.set(key, { until, tenantId })
  }

  const secondsUntil = (until: number) => Math.max(1, Math.ceil((until - now()) / 1000))
  const rateLimited = (until: number) =>
    new AppError('RATE_LIMITED', 'play password attempts are blocked for a while', {
      details: { retryAfterSeconds: secondsUntil(until) },
    })

  /** Counts one limiter hit; when over, remembers the refusal until the window ends. */
  async function hit(key: string, memo: string, tenantId: string, limit: number): Promise<void> {
    try {
      await limiter.hit(key, { limit, windowSeconds: 60 })
    } catch (error) {
      if (isAppError(error) && error.code === 'RATE_LIMITED')
        remember(memo, tenantId, (Math.floor(now() / 60_000) + 1) * 60_000)
      throw error
    }
  }

  /** Throws RATE_LIMITED while the client, or the whole video, is blocked. */
  async function refuseWhileBlocked(
    tenantId: string,
    videoId: string,
    client: string,
  ): Promise<void> {
    const [videoClient, , video] = refusalKeys(videoId, client)
    for (const [key, memo] of [
      [blockKey(videoId, client), videoClient!],
      [videoBlockKey(videoId), video!],
    ] as const) {
      const until = Number((await deps.state.get(key)) ?? 0)
      if (until > now()) {
        remember(memo, tenantId, until)
        throw rateLimited(until)
      }
    }
  }

  /**
   * When a refusal learnt earlier still lasts, the epoch ms it ends at, and the attempt is counted
   * in the audit log: refused from memory, with no shared-state round trip, no database, and a
   * counted audit event instead of a committed row per attempt (an attacker repeats them thousands
   * of times a second; each is still on the record, counted).
   */
  function rememberedRefusal(
    videoId: string,
    client: string,
    tenantId?: string,
  ): number | undefined {
    const [videoClient, oneClient, video] = refusalKeys(videoId, client)
    // The client's refusal across videos was learnt on another video, maybe another tenant's:
    // it applies once the caller knows this video's tenant.
    for (const key of tenantId === undefined
      ? [videoClient!, video!]
      : [videoClient!, oneClient!, video!]) {
      const refused = refusedUntil.get(key)
      if (refused === undefined) continue
      if (refused.until <= now()) {
        refusedUntil.delete(key)
        continue
      }
      audit.count({
        tenantId: tenantId ?? refused.tenantId,
        kind: 'password.attempted',
        subject: videoId,
        reason: 'RATE_LIMITED',
        detail: { client },
      })
      return refused.until
    }
    return undefined
  }

  function refuseIfRemembered(videoId: string, client: string, tenantId?: string): void {
    const until = rememberedRefusal(videoId, client, tenantId)
    if (until !== undefined) throw rateLimited(until)
  }

  /** After a wrong password: the client's backoff, and the video's budget for all clients. */
  async function countFailure(videoId: string, client: string): Promise<void> {
    const { failuresBeforeBackoff, maxBackoffSeconds, failuresPerVideoPerMinute } = settings()
    const { count } = await deps.state.increment(failKey(videoId, client), FAILURE_WINDOW_SECONDS)
    if (count >= failuresBeforeBackoff) {
      const seconds = Math.min(2 ** Math.min(count - failuresBeforeBackoff, 30), maxBackoffSeconds)
      await deps.state.set(blockKey(videoId, client), String(now() + seconds * 1000), seconds)
    }
    const minute = Math.floor(now() / 60_000)
    const perVideo = await deps.state.increment(`pw-fail-video:${videoId}:${minute}`, 60)
    if (perVideo.count > failuresPerVideoPerMinute) {
      const until = (minute + 1) * 60_000
      await deps.state.set(videoBlockKey(videoId), String(until), Math.ceil((until - now()) / 1000))
    }
  }

  /** Compares with every password (no early exit), so the time says nothing about which. */
  function match(passwords: readonly PlayPassword[], attempt: string): PlayPassword | undefined {
    const digest = deps.crypto.hash('sha256', attempt)
    let found: PlayPassword | undefined
    for (const p of passwords) {
      const ok = deps.crypto.timingSafeEqual(deps.crypto.hash('sha256', p.password), digest)
      if (ok && !found) found = p
    }
    return found
  }

  return {
    /** Sets or replaces a password (`default` unless labelled); an empty one removes it (Polyv). */
    async set(videoId: string, password: string, label = DEFAULT_PASSWORD_LABEL): Promise<void> {
      await putNow(videoId, password, label)
    },
    put,
    /** Adds a password under a new label; CONFLICT when the video has one by that label. */
    async add(videoId: string, label: string, password: string): Promise<PlayPassword> {
      checkLabel(label)
      if (password === '')
        throw new AppError('MISSING_PARAMETER', 'the password is empty', {
          details: { parameter: 'password' },
        })
      checkPassword(password)
      const at = new Date(now())
      const added = { videoId, label, password, createdAt: at, updatedAt: at }
      await insertPlayPassword(deps.db, deps.box, added)
      return added
    },
    get: (videoId: string, label = DEFAULT_PASSWORD_LABEL) =>
      findPlayPassword(deps.db, deps.box, videoId, label),
    list: (videoId: string) => listPlayPasswords(deps.db, deps.box, videoId),
    /** Removes one password; credentials it unlocked stop working at once on every replica. */
    clear: async (videoId: string, label = DEFAULT_PASSWORD_LABEL) =>
      (await putNow(videoId, '', label)) !== 'unchanged',
    /**
     * RATE_LIMITED (counted in the audit log) while a refusal of this video for this client that
     * this replica learnt lasts: for callers that have not loaded the video yet.
     */
    refuseIfRemembered: (videoId: string, client: string) => refuseIfRemembered(videoId, client),
    /**
     * The same without an error (cheaper for a caller answering thousands of refusals a second):
     * seconds to wait (at least 1) while such a refusal lasts, counted in the audit log; else
     * undefined.
     */
    rememberedRefusal(videoId: string, client: string): number | undefined {
      const until = rememberedRefusal(videoId, client)
      return until === undefined ? undefined : secondsUntil(until)
    },
    /**
     * Checks a viewer's attempt against every password of the video. PASSWORD_INCORRECT when none
     * matches; RATE_LIMITED past the attempts per minute (per video and client, and per client
     * across videos), during a client's backoff or while the
     * video refuses attempts. Every attempt is audited with the client and the outcome.
     */
    async check(input: PasswordAttempt): Promise<PasswordMatch> {
      const { tenantId, videoId, client } = input
      refuseIfRemembered(videoId, client, tenantId)
      const record = (reason: string | null, label?: string) =>
        audit.record({
          tenantId,
          kind: 'password.attempted',
          subject: videoId,
          reason,
          detail: label === undefined ? { client } : { client, label },
        })
      const [videoClient, oneClient] = refusalKeys(videoId, client)
      try {
        await hit(
          `pw:${videoId}:${client}`,
          videoClient!,
          tenantId,
          deps.config.limits.passwordAttemptsPerMinute,
        )
        // One client guessing across many videos.
        await hit(
          `pw-client:${client}`,
          oneClient!,
          tenantId,
          settings().attemptsPerClientPerMinute,
        )
        await refuseWhileBlocked(tenantId, videoId, client)
      } catch (error) {
        if (isAppError(error) && error.code === 'RATE_LIMITED') await record('RATE_LIMITED')
        throw error
      }
      const passwords = await listPlayPasswords(deps.db, deps.box, videoId)
      if (passwords.length === 0) {
        await record(null)
        return null
      }
      const found = match(passwords, input.attempt)
      if (!found) {
        await countFailure(videoId, client)
        await record('PASSWORD_INCORRECT')
        throw new AppError('PASSWORD_INCORRECT', `wrong play password for video ${videoId}`)
      }
      await deps.state.delete(failKey(videoId, client))
      await record(null, found.label)
      return { label: found.label, updatedAt: found.updatedAt.getTime() }
    },
  }
}

export type PlayPasswords = ReturnType<typeof createPlayPasswords>
