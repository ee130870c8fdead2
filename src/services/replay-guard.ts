// Replay protection for signed API requests: a nonce may be used once per scope within its window,
// across every replica that shares the SharedState. Pure: state and crypto come in as ports.
import { toBase64Url } from '../core/encoding/bytes.ts'
import { AppError } from '../core/errors.ts'
import type { Crypto } from '../core/ports.ts'
import type { SharedState } from '../core/shared-state.ts'

export interface ReplayGuard {
  /**
   * Records `nonce` for `windowSeconds` under `scope` (usually the access key id). Throws
   * AppError('NONCE_REUSED') when it was already used in that scope within its window.
   */
  checkNonce(scope: string, nonce: string, windowSeconds: number): Promise<void>
}

/** Longest scope or nonce kept verbatim in the key; longer ones are hashed. */
export const MAX_VERBATIM_LENGTH = 64
/** Scope parts remembered; scopes are authenticated credentials, so few, but never unbounded. */
const MAX_SCOPES = 10_000

/**
 * Keys are `nonce:<scope>:<nonce>`. A part that is long, starts with `#`, or (for the scope)
 * contains `:` is replaced by `#` + base64url(SHA-256), so keys stay bounded and no two
 * (scope, nonce) pairs share a key.
 */
export function createReplayGuard(state: SharedState, crypto: Crypto): ReplayGuard {
  function part(value: string, allowColon: boolean): string {
    const verbatim =
      value.length <= MAX_VERBATIM_LENGTH &&
      !value.startsWith('#') &&
      (allowColon || !value.includes(':'))
    return verbatim ? value : `#${toBase64Url(crypto.hash('sha256', value))}`
  }

  // Dialect scopes (`aliyun:<key id>`) hold a colon, so each is hashed: once, not per request.
  const scopeParts = new Map<string, string>()
  function scopePart(scope: string): string {
    let known = scopeParts.get(scope)
    if (known === undefined) {
      if (scopeParts.size >= MAX_SCOPES) scopeParts.clear()
      known = part(scope, false)
      scopeParts.set(scope, known)
    }
    return known
  }

  return {
    async checkNonce(scope, nonce, windowSeconds) {
      if (nonce === '') throw new AppError('INVALID_PARAMETER', 'nonce is empty')
      const key = `nonce:${scopePart(scope)}:${part(nonce, true)}`
      if (!(await state.remember(key, windowSeconds))) {
        throw new AppError('NONCE_REUSED', `nonce already used within ${windowSeconds}s`)
      }
    },
  }
}
