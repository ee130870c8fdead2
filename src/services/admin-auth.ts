// Admin API tokens: stored as SHA-256, compared by hash lookup (the hash of a guess reveals
// nothing about the stored one), issued once at first start or taken from configuration.
import { AppError } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import { newId } from '../core/ids.ts'
import { GENERATE_HINT, tokenWeakness } from '../core/secret-strength.ts'
import {
  countAdminTokens,
  findAdminTokenByHash,
  insertAdminToken,
} from '../storage/repositories/admin-tokens.ts'
import type { ServiceDeps } from './deps.ts'
import { randomString } from './secrets.ts'

/** Lengths verify() accepts; a configured token outside them could never be used. */
const MIN_TOKEN_LENGTH = 16
const MAX_TOKEN_LENGTH = 256

const usableLength = (token: string) =>
  token.length >= MIN_TOKEN_LENGTH && token.length <= MAX_TOKEN_LENGTH

export function createAdminAuth(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>) {
  const hash = (token: string) => toHex(deps.crypto.hash('sha256', token))

  /** Stores a token's hash under a new id; the token itself is never stored. */
  async function store(name: string, token: string): Promise<string> {
    const id = newId(deps.crypto, 'adminToken')
    await insertAdminToken(deps.db, {
      id,
      name,
      tokenHash: hash(token),
      createdAt: new Date(deps.clock.now()),
    })
    return id
  }

  /** A new random token, stored and returned so it can be shown once. */
  async function create(name: string): Promise<{ id: string; token: string }> {
    const token = 'pgadm_' + randomString(deps.crypto, 40)
    return { id: await store(name, token), token }
  }

  return {
    create,
    /**
     * Makes sure an admin token exists. A configured token is registered (idempotently); with
     * none configured and none stored, a new one is created and returned so it can be shown once.
     */
    async ensure(configured: string): Promise<{ created?: string }> {
      if (configured !== '') {
        if (!usableLength(configured))
          throw new AppError(
            'INVALID_PARAMETER',
            `the admin token must be ${MIN_TOKEN_LENGTH} to ${MAX_TOKEN_LENGTH} characters`,
            { details: { parameter: 'admin.token' } },
          )
        const weakness = tokenWeakness(configured)
        if (weakness)
          throw new AppError(
            'INVALID_PARAMETER',
            `the admin token is ${weakness}; ${GENERATE_HINT}`,
            {
              details: { parameter: 'admin.token' },
            },
          )
        await store('configured', configured)
        return {}
      }
      if ((await countAdminTokens(deps.db)) > 0) return {}
      return { created: (await create('first-start')).token }
    },
    async verify(token: string): Promise<boolean> {
      if (!usableLength(token)) return false
      return (await findAdminTokenByHash(deps.db, hash(token))) !== undefined
    },
  }
}

export type AdminAuth = ReturnType<typeof createAdminAuth>
