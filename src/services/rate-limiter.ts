// Fixed-window rate limits over SharedState, so every replica spends from one budget.
// Windows are aligned to the clock (floor(now / window)), which makes a 1 s window a true
// per-second QPS limit (Aliyun's 360 QPS) however coarse the store's expiry is.
import { AppError } from '../core/errors.ts'
import type { Clock } from '../core/ports.ts'
import type { SharedState } from '../core/shared-state.ts'

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number
  /** Window length in whole seconds (1 for a QPS limit). */
  windowSeconds: number
}

export interface RateLimiter {
  /**
   * Counts one request against `key` and throws AppError('RATE_LIMITED') with
   * `details.retryAfterSeconds` (seconds until the window ends, at least 1) when over the limit.
   */
  hit(key: string, limit: RateLimit): Promise<void>
}

/**
 * A fixed window admits up to twice `limit` across a window boundary (a burst at the end of one
 * window and the start of the next); that is accepted here for one counter per request. Replicas
 * whose clocks differ pick their window by their own clock, so skew shifts boundaries slightly.
 */
export function createRateLimiter(state: SharedState, clock: Clock): RateLimiter {
  return {
    async hit(key, { limit, windowSeconds }) {
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new TypeError(`limit must be a positive integer, got ${limit}`)
      }
      if (!Number.isSafeInteger(windowSeconds) || windowSeconds < 1) {
        throw new TypeError(`windowSeconds must be a positive integer, got ${windowSeconds}`)
      }
      const windowMillis = windowSeconds * 1000
      const now = clock.now()
      const window = Math.floor(now / windowMillis)
      const { count } = await state.increment(
        `rate:${key}:${windowSeconds}:${window}`,
        windowSeconds,
      )
      if (count <= limit) return
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMillis - now) / 1000))
      throw new AppError('RATE_LIMITED', `more than ${limit} requests in ${windowSeconds}s`, {
        details: { retryAfterSeconds },
      })
    },
  }
}
