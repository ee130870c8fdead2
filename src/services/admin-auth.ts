// Admin API tokens: stored as SHA-256, compared by hash lookup (the hash of a guess reveals
// nothing about the stored one), issued once at first start or taken from configuration.
import { toHex } from '../core/encoding/bytes.ts'
import { newId } from '../core/ids.ts'
import {
  countAdminTokens,
  findAdminTokenByHash,
  insertAdminToken,
} from '../storage/repositories/admin-tokens.ts'
import type { ServiceDeps } from './deps.ts'
import { randomString } from './secrets.ts'

export function createAdminAuth(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>) {
  const hash = (token: string) => toHex(deps.crypto.hash('sha256', token))
  return {
    /**
     * Makes sure an admin token exists. A configured token is registered (idempotently); with
     * none configured and none stored, a new one is created and returned so it can be shown once.
     */
    async ensure(configured: string): Promise<{ created?: string }> {
      if (configured !== '') {
        await insertAdminToken(deps.db, {
          id: newId(deps.crypto, 'adminToken'),
          name: 'configured',
          tokenHash: hash(configured),
          createdAt: new Date(deps.clock.now()),
        })
        return {}
      }
      if ((await countAdminTokens(deps.db)) > 0) return {}
      const token = 'pgadm_' + randomString(deps.crypto, 40)
      await insertAdminToken(deps.db, {
        id: newId(deps.crypto, 'adminToken'),
        name: 'first-start',
        tokenHash: hash(token),
        createdAt: new Date(deps.clock.now()),
      })
      return { created: token }
    },
    async verify(token: string): Promise<boolean> {
      if (token.length < 16 || token.length > 256) return false
      return (await findAdminTokenByHash(deps.db, hash(token))) !== undefined
    },
  }
}

export type AdminAuth = ReturnType<typeof createAdminAuth>
