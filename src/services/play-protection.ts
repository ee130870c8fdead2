// Builds the play-protection use cases (viewer tokens, play passwords, the unlock flow, Polyv
// playsafe tokens and per-video settings) from the services they stand on; the container spreads them into its own.
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import { createPlayPasswords } from './play-passwords.ts'
import { createPlaysafeTokens } from './playsafe-tokens.ts'
import { createPolyvVideos } from './polyv-videos.ts'
import type { Playback } from './playback.ts'
import type { RateLimiter } from './rate-limiter.ts'
import type { Videos } from './videos.ts'
import { createViewerTokens } from './viewer-tokens.ts'
import { createViewerUnlock } from './viewer-unlock.ts'

export function createPlayProtection(
  deps: ServiceDeps,
  parts: { audit: Audit; rateLimiter: RateLimiter; videos: Videos; playback: Playback },
) {
  const viewerTokens = createViewerTokens(deps)
  const playPasswords = createPlayPasswords(deps, parts.rateLimiter, parts.audit, viewerTokens)
  return {
    viewerTokens,
    playPasswords,
    viewerUnlock: createViewerUnlock(deps, { ...parts, playPasswords, viewerTokens }),
    playsafeTokens: createPlaysafeTokens({ ...parts, viewerTokens }),
    polyvVideos: createPolyvVideos(deps, { ...parts, playPasswords, viewerTokens }),
  }
}
