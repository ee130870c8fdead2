// The viewer-control model: a policy per play domain or video (binding rules, concurrency caps,
// an auth callback) and revocation entries. Plain data, as in ../model.ts.
import type { ViewerRule } from './rules.ts'

export const POLICY_SCOPES = ['domain', 'video'] as const
export type PolicyScope = (typeof POLICY_SCOPES)[number]

export interface ViewerCaps {
  /** Distinct client addresses one credential may be used from at a time. */
  readonly maxIpsPerCredential: number | null
  /** Concurrent sessions one viewer (the credential's viewer id) may hold. */
  readonly maxSessionsPerViewer: number | null
  /** Seconds after its last request that a quiet session frees its slot. */
  readonly idleSeconds: number | null
}

export interface AuthCallback {
  readonly url: string
  readonly timeoutMs: number
  /** Whether sessions already authorised keep playing while the endpoint is down. */
  readonly failOpen: boolean
}

export interface ViewerPolicy {
  readonly scope: PolicyScope
  /** A play domain id or a video id. */
  readonly scopeId: string
  readonly tenantId: string
  readonly rules: readonly ViewerRule[]
  readonly caps: ViewerCaps
  readonly callback: AuthCallback | null
  readonly updatedAt: Date
}

/** What a revocation entry covers. */
export const REVOCATION_KINDS = ['credential', 'viewer', 'video', 'path', 'key'] as const
export type RevocationKind = (typeof REVOCATION_KINDS)[number]

export interface Revocation {
  readonly id: string
  readonly tenantId: string
  /** null: every play domain of the tenant. */
  readonly domainId: string | null
  readonly kind: RevocationKind
  /** A credential id, viewer id, video id, path prefix (`/v/abc/`) or ring key id. */
  readonly value: string
  readonly reason: string
  /** When nothing it covers can still be valid; the entry is dropped then. */
  readonly expiresAt: Date
  readonly createdAt: Date
}

/** Idle time of a session when its policy does not say (seconds). */
export const DEFAULT_SESSION_IDLE_SECONDS = 60
