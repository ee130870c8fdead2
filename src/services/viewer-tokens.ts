// Viewer tokens: short-lived play credentials held in shared state, each bound to one video, a
// viewer and a client IP, opening that video's media paths at the edge. Polyv playsafe tokens and
// the play-password unlock flow both issue them; every replica sharing the state verifies them.
import { toHex } from '../core/encoding/bytes.ts'
import type { ErrorCode } from '../core/errors.ts'
import { accept, reject, type Verdict } from '../core/errors.ts'
import type { Stream } from '../core/model.ts'
import { canonicalPath, dirOf, isWithin } from '../core/schemes/url-common/path.ts'
import type { ServiceDeps } from './deps.ts'
import { isOriginLocation } from './play-urls.ts'

/** Where a token came from: Polyv's token API, or a viewer who gave a play password. */
export type ViewerTokenSource = 'playsafe' | 'unlock'

export interface ViewerToken {
  readonly token: string
  readonly source: ViewerTokenSource
  readonly tenantId: string
  readonly videoId: string
  readonly viewerId: string
  readonly viewerIp: string
  readonly viewerName: string
  readonly extraParams: string
  /** Polyv `iswxa`: 1 for a WeChat mini program. */
  readonly iswxa: 0 | 1
  readonly type: 'WEB' | 'NATIVE'
  /** Single use: the first request the edge serves with it uses it up. */
  readonly disposable: boolean
  /** Epoch ms. */
  readonly createdAt: number
  /** Epoch ms; extended when the same token is issued again. */
  readonly expiresAt: number
  /** Canonical media paths it opens: a file, or a folder ending in "/" (an HLS stream's). */
  readonly scopes: readonly string[]
  /** For unlock tokens: the password that unlocked (label and when it last changed, epoch ms). */
  readonly password?: { readonly label: string; readonly updatedAt: number }
}

export type NewViewerToken = Omit<ViewerToken, 'token' | 'createdAt' | 'expiresAt'> & {
  /** Lifetime in seconds. */
  readonly ttlSeconds: number
}

/**
 * The media paths a video's streams occupy: an HLS playlist's folder (its segments, keys and
 * variants live beside it), any other stream's file. Origin URLs are not the edge's to serve.
 */
export function streamScopes(streams: readonly Pick<Stream, 'location' | 'format' | 'status'>[]) {
  const scopes = new Set<string>()
  for (const s of streams) {
    if (s.status !== 'Normal' || isOriginLocation(s.location)) continue
    const path = canonicalPath('/' + s.location)
    if (path === undefined) continue
    scopes.add(s.format === 'm3u8' ? dirOf(path) : path)
  }
  return [...scopes]
}

/** A key part that cannot contain the separator, whatever a client sent as viewer id. */
const part = (value: string) => encodeURIComponent(value)

/** Why a viewer token does not let a request through (logged by the edge). */
export type ViewerTokenRefusal =
  | 'token-unknown'
  | 'token-expired'
  | 'token-other-tenant'
  | 'token-other-client-ip'
  | 'token-other-video'
  | 'token-used-up'
  | 'token-password-changed'

export function createViewerTokens(deps: Pick<ServiceDeps, 'state' | 'crypto' | 'clock'>) {
  const recordKey = (token: string) => `vt:${token}`
  const usedKey = (token: string) => `vt-used:${token}`
  const bindingKey = (t: Omit<NewViewerToken, 'ttlSeconds'>) =>
    `vt-bind:${t.source}:${part(t.tenantId)}:${part(t.videoId)}:${part(t.viewerId)}:${part(t.viewerIp)}:${t.iswxa}`
  const revokedKey = (videoId: string, label: string) =>
    `pw-revoked:${part(videoId)}:${part(label)}`
  const secondsUntil = (ms: number) => Math.max(1, Math.ceil((ms - deps.clock.now()) / 1000))

  async function read(token: string): Promise<ViewerToken | undefined> {
    if (!/^[0-9a-f]{32}$/.test(token)) return undefined
    const text = await deps.state.get(recordKey(token))
    return text === undefined ? undefined : (JSON.parse(text) as ViewerToken)
  }

  async function save(record: ViewerToken): Promise<void> {
    const ttl = secondsUntil(record.expiresAt)
    await deps.state.set(recordKey(record.token), JSON.stringify(record), ttl)
    await deps.state.set(bindingKey(record), record.token, ttl)
  }

  async function isUsedUp(record: ViewerToken): Promise<boolean> {
    return record.disposable && (await deps.state.get(usedKey(record.token))) !== undefined
  }

  return {
    /**
     * Issues a token, or, while a valid one exists for the same source, video, viewer, IP and
     * `iswxa`, returns that one with its lifetime extended to `ttlSeconds` from now (Polyv §8.2).
     * Two replicas issuing at the same instant may both create one; both then work.
     */
    async issue(input: NewViewerToken): Promise<ViewerToken> {
      const now = deps.clock.now()
      const expiresAt = now + input.ttlSeconds * 1000
      const existing = await deps.state.get(bindingKey(input))
      const current = existing === undefined ? undefined : await read(existing)
      if (current && current.expiresAt > now && !(await isUsedUp(current))) {
        const extended: ViewerToken = {
          ...current,
          ...withoutTtl(input),
          token: current.token,
          createdAt: current.createdAt,
          expiresAt,
        }
        await save(extended)
        return extended
      }
      const record: ViewerToken = {
        ...withoutTtl(input),
        token: toHex(deps.crypto.randomBytes(16)),
        createdAt: now,
        expiresAt,
      }
      await save(record)
      return record
    },

    /**
     * Whether `token` lets `clientIp` fetch canonical `path` of a tenant's play domain:
     * TOKEN_INVALID (unknown, or gone after expiry), TOKEN_EXPIRED, FORBIDDEN (another client IP
     * or tenant), SCOPE_MISMATCH (another video's path), TOKEN_REVOKED (used up, or its password
     * was removed or changed). Nothing is consumed here.
     */
    async check(
      token: string,
      request: { tenantId: string; path: string; clientIp: string },
    ): Promise<Verdict<ViewerToken, ViewerTokenRefusal>> {
      const record = await read(token)
      const no = (code: ErrorCode, reason: ViewerTokenRefusal) => reject(code, reason)
      if (!record) return no('TOKEN_INVALID', 'token-unknown')
      if (record.expiresAt <= deps.clock.now()) return no('TOKEN_EXPIRED', 'token-expired')
      if (record.tenantId !== request.tenantId) return no('FORBIDDEN', 'token-other-tenant')
      if (record.viewerIp !== request.clientIp) return no('FORBIDDEN', 'token-other-client-ip')
      if (!record.scopes.some((scope) => isWithin(request.path, scope)))
        return no('SCOPE_MISMATCH', 'token-other-video')
      if (await isUsedUp(record)) return no('TOKEN_REVOKED', 'token-used-up')
      if (record.password) {
        const revoked = await deps.state.get(revokedKey(record.videoId, record.password.label))
        // The play password that unlocked it was removed or changed.
        if (revoked !== undefined && Number(revoked) >= record.password.updatedAt)
          return no('TOKEN_REVOKED', 'token-password-changed')
      }
      return accept(record)
    },

    /** A token that is still valid (not expired, not used up), whatever it is for; else undefined. */
    async peek(token: string): Promise<ViewerToken | undefined> {
      const record = await read(token)
      if (!record || record.expiresAt <= deps.clock.now() || (await isUsedUp(record)))
        return undefined
      return record
    },

    /**
     * Uses a single-use token up, atomically across replicas: true for exactly one caller. Call it
     * only once the request will be served, so a failing request does not use the token.
     */
    async consume(record: ViewerToken): Promise<boolean> {
      if (!record.disposable) return true
      return deps.state.remember(usedKey(record.token), secondsUntil(record.expiresAt))
    },

    /**
     * Refuses, on every replica, the unlock tokens issued through a video's password `label` as it
     * was up to `updatedAt` (epoch ms), for as long as any of them can live (`maxTtlSeconds`).
     */
    async revokeUnlockedBy(
      videoId: string,
      label: string,
      updatedAt: number,
      maxTtlSeconds: number,
    ): Promise<void> {
      await deps.state.set(revokedKey(videoId, label), String(updatedAt), maxTtlSeconds)
    },
  }
}

function withoutTtl(input: NewViewerToken): Omit<NewViewerToken, 'ttlSeconds'> {
  const { ttlSeconds: _, ...rest } = input
  return rest
}

export type ViewerTokens = ReturnType<typeof createViewerTokens>
