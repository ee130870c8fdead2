// Revoked play credentials, shared by every replica. Credentials are stateless, so this short
// list is checked beside the signature; an entry lives only as long as its credential would.
import type { Clock } from '../core/ports.ts'
import type { SharedState } from '../core/shared-state.ts'

export interface RevocationList {
  /**
   * Revokes credential `id` until `untilUnixSeconds`: its own expiry, plus any leeway its verifier
   * grants. Revoking a credential that has already expired does nothing.
   */
  revoke(id: string, untilUnixSeconds: number): Promise<void>
  isRevoked(id: string): Promise<boolean>
}

/** `id` is a server-issued credential id (short, stored verbatim under `revoked:<id>`). */
export function createRevocationList(state: SharedState, clock: Clock): RevocationList {
  return {
    async revoke(id, untilUnixSeconds) {
      const ttlSeconds = Math.ceil(untilUnixSeconds - clock.now() / 1000)
      if (!(ttlSeconds > 0)) return
      await state.set(`revoked:${id}`, String(untilUnixSeconds), ttlSeconds)
    },
    async isRevoked(id) {
      return (await state.get(`revoked:${id}`)) !== undefined
    },
  }
}
