// Who may play or publish a live stream, for the origins' callbacks (nginx-rtmp on_play and
// on_publish, SRS http_hooks, MediaMTX external auth): play with the domain's URL scheme and key
// ring, publish with the stream's push key. Decisions are kept briefly per stream and credential.
import { accept, reject, type Verdict } from '../core/errors.ts'
import type { LiveStreamWithKey, PlayDomainWithKeys } from '../core/model.ts'
import { verifyLivePush } from '../core/schemes/tencent-live/verify.ts'
import { urlScheme } from '../core/schemes/url-schemes.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import type { LiveStreams } from './live-streams.ts'
import type { PlayDomains } from './play-domains.ts'
import { ringKeys } from './play-urls.ts'
import { isRevokedBy, type EdgeControls } from './edge-controls.ts'

/**
 * How long a decision for one (stream, action, credential) is reused. A viewer burst on one URL
 * then costs one verification per replica per period; a key or stream change is part of the
 * cache key, so it applies as soon as the domain and stream caches see it.
 */
export const LIVE_DECISION_CACHE_MS = 2000

export type LiveAction = 'play' | 'publish'

export interface LiveAuthInput {
  /** The play domain's host (the callback URL names it, else the origin's tcUrl host). */
  readonly host: string
  readonly appName: string
  readonly streamName: string
  /** The client's query string (without `?`): where txSecret and txTime travel. */
  readonly query: string
  readonly action: LiveAction
}

export interface LiveGrant {
  readonly streamId: string
  readonly tenantId: string
}

export function createLiveAuth(
  deps: Pick<ServiceDeps, 'crypto' | 'clock' | 'config'>,
  others: {
    readonly playDomains: Pick<PlayDomains, 'resolveHost'>
    readonly liveStreams: Pick<LiveStreams, 'resolve'>
    readonly edgeControls: Pick<EdgeControls, 'forDomain'>
  },
  caches: Caches = createCaches(deps),
) {
  // Keyed by everything a decision depends on, so a change is a new key: nothing to invalidate.
  const kept = caches.named<Verdict<LiveGrant>>('live-decisions', {
    ttlMs: LIVE_DECISION_CACHE_MS,
  })
  const skew = () => deps.config.edge.skewSeconds

  function decide(
    input: LiveAuthInput,
    domain: PlayDomainWithKeys,
    stream: LiveStreamWithKey,
  ): Verdict<LiveGrant> {
    const grant = accept({ streamId: stream.id, tenantId: stream.tenantId })
    const now = Math.floor(deps.clock.now() / 1000)
    if (input.action === 'publish') {
      if (stream.pushKey === null) return reject('FORBIDDEN', 'stream has no push key')
      const verdict = verifyLivePush(
        {
          query: input.query,
          streamName: stream.streamName,
          pushKey: stream.pushKey,
          now,
          skewSeconds: skew(),
        },
        deps.crypto,
      )
      return verdict.ok ? grant : verdict
    }
    if (!domain.authEnabled) return grant
    const target =
      `/${stream.appName}/${stream.streamName}` + (input.query ? `?${input.query}` : '')
    try {
      const verdict = urlScheme(domain.scheme).verify(
        {
          target,
          keys: ringKeys(domain),
          now,
          ttlSeconds: domain.ttlSeconds,
          skewSeconds: skew(),
        },
        deps.crypto,
      )
      return verdict.ok ? grant : verdict
    } catch {
      return reject('TOKEN_INVALID', 'credential could not be parsed')
    }
  }

  return {
    /**
     * Allows or refuses one play or publish. Unknown domains and streams are NOT_FOUND, a
     * disabled stream FORBIDDEN; otherwise the scheme's own verdict.
     */
    async authorize(input: LiveAuthInput): Promise<Verdict<LiveGrant>> {
      const domain = await others.playDomains.resolveHost(input.host)
      if (!domain) return reject('NOT_FOUND', 'unknown play domain')
      const stream = await others.liveStreams.resolve(domain.id, input.appName, input.streamName)
      if (!stream) return reject('NOT_FOUND', 'unknown live stream')
      if (!stream.enabled) return reject('FORBIDDEN', 'live stream is disabled')

      const ring = `${domain.keys.primary.id},${domain.keys.backup?.id ?? ''}`
      const key = [
        input.action,
        domain.id,
        ring,
        domain.authEnabled ? 1 : 0,
        domain.ttlSeconds,
        domain.scheme,
        stream.id,
        stream.updatedAt.getTime(),
        input.query,
      ].join('\n')
      return kept.get(key, async () => {
        const now = deps.clock.now()
        const verdict = decide(input, domain, stream)
        if (
          verdict.ok &&
          input.action === 'play' &&
          isRevokedBy(
            await others.edgeControls.forDomain(domain),
            {
              canonical: `/${stream.appName}/${stream.streamName}`,
              credentialId: undefined,
              viewerId: undefined,
              keyId: undefined,
            },
            now,
          )
        )
          return reject('TOKEN_REVOKED', 'revoked')
        return verdict
      })
    },
    /** Forgets every kept decision, on every replica. */
    forget: () => kept.invalidateAll(),
  }
}

export type LiveAuth = ReturnType<typeof createLiveAuth>
