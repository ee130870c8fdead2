// Play passwords: set and read by the owner (sealed at rest), checked for viewers in constant
// time and throttled per video and client, every attempt audited.
import { AppError } from '../core/errors.ts'
import {
  clearPlayPassword,
  findPlayPassword,
  setPlayPassword,
} from '../storage/repositories/play-passwords.ts'
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import type { RateLimiter } from './rate-limiter.ts'

export function createPlayPasswords(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock' | 'config'>,
  limiter: RateLimiter,
  audit: Pick<Audit, 'record'>,
) {
  return {
    async set(videoId: string, password: string): Promise<void> {
      // Polyv clears a password by saving an empty one.
      if (password === '') await clearPlayPassword(deps.db, videoId)
      else await setPlayPassword(deps.db, deps.box, videoId, password, new Date(deps.clock.now()))
    },
    get: (videoId: string) => findPlayPassword(deps.db, deps.box, videoId),
    clear: (videoId: string) => clearPlayPassword(deps.db, videoId),
    /** Checks a viewer's attempt; PASSWORD_INCORRECT or RATE_LIMITED when it may not play. */
    async check(input: {
      tenantId: string
      videoId: string
      attempt: string
      client: string
    }): Promise<void> {
      await limiter.hit(`pw:${input.videoId}:${input.client}`, {
        limit: deps.config.limits.passwordAttemptsPerMinute,
        windowSeconds: 60,
      })
      const stored = await findPlayPassword(deps.db, deps.box, input.videoId)
      const ok =
        stored === undefined ||
        deps.crypto.timingSafeEqual(
          deps.crypto.hash('sha256', stored),
          deps.crypto.hash('sha256', input.attempt),
        )
      await audit.record({
        tenantId: input.tenantId,
        kind: 'password.attempted',
        subject: input.videoId,
        reason: ok ? null : 'PASSWORD_INCORRECT',
      })
      if (!ok)
        throw new AppError('PASSWORD_INCORRECT', `wrong play password for video ${input.videoId}`)
    },
  }
}

export type PlayPasswords = ReturnType<typeof createPlayPasswords>
