// The server key ring Aliyun PlayAuths are minted and verified with: random 32-byte keys sealed in
// the database (created on first use), newest signs, every stored key verifies. Cached briefly.
import { AppError } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { ServerKey } from '../core/schemes/aliyun-play-auth/canonical.ts'
import {
  deleteServerKey,
  insertServerKey,
  listServerKeys,
} from '../storage/repositories/server-keys.ts'
import type { ServiceDeps } from './deps.ts'

export const PLAY_AUTH_KEY_PURPOSE = 'aliyun-play-auth'

/** The id of the key created on first use; every replica racing to create it converges on one. */
export const FIRST_PLAY_AUTH_KEY_ID = 'k1'

/** How long a replica signs with its cached newest key after a sibling rotated (old keys verify). */
export const PLAY_AUTH_KEY_CACHE_MS = 60_000

/** A forged key id must not turn every request into a database read. */
const MIN_RELOAD_INTERVAL_MS = 1000

/**
 * A PlayAuth lives at most AuthInfoTimeout (≤ 3000 s), so a key may be retired this long after a
 * newer one took over signing (plus the cache time, during which replicas may still sign with it).
 */
export const PLAY_AUTH_KEY_RETIRE_AFTER_MS = 3000_000 + PLAY_AUTH_KEY_CACHE_MS

export interface PlayAuthKeyRing {
  /** The key new PlayAuths are minted with (the newest stored), created on first use. */
  signingKey(): Promise<ServerKey>
  /** Every key that verifies; reloads once when `wantedId` is not among the cached ones. */
  verifyingKeys(wantedId?: string): Promise<readonly ServerKey[]>
  /** Adds a new signing key; the previous ones keep verifying until retired. */
  rotate(): Promise<ServerKey>
  /**
   * Deletes keys that stopped signing more than {@link PLAY_AUTH_KEY_RETIRE_AFTER_MS} ago; the
   * newest key is always kept. Returns the retired ids.
   */
  retireOld(): Promise<string[]>
}

export function createPlayAuthKeyRing(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'>,
): PlayAuthKeyRing {
  let cache: { keys: ServerKey[]; at: number } | undefined
  let lastLoad = -Infinity
  // Concurrent requests on a cold replica share one read.
  let loading: Promise<ServerKey[]> | undefined

  async function stored() {
    try {
      return await listServerKeys(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('UNAVAILABLE', 'server keys could not be read', { cause: error })
    }
  }

  function load(): Promise<ServerKey[]> {
    loading ??= reload().finally(() => {
      loading = undefined
    })
    return loading
  }

  async function reload(): Promise<ServerKey[]> {
    let rows = await stored()
    if (rows.length === 0) {
      await insertServerKey(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE, {
        id: FIRST_PLAY_AUTH_KEY_ID,
        key: deps.crypto.randomBytes(32),
        createdAt: new Date(deps.clock.now()),
      })
      rows = await stored()
    }
    const keys = rows.map(({ id, key }) => ({ id, key }))
    lastLoad = deps.clock.now()
    cache = { keys, at: lastLoad }
    return keys
  }

  async function current(): Promise<ServerKey[]> {
    if (cache && deps.clock.now() - cache.at < PLAY_AUTH_KEY_CACHE_MS) return cache.keys
    return load()
  }

  return {
    async signingKey() {
      const keys = await current()
      return keys[0]!
    },
    async verifyingKeys(wantedId) {
      const keys = await current()
      if (wantedId === undefined || keys.some((k) => k.id === wantedId)) return keys
      if (deps.clock.now() - lastLoad < MIN_RELOAD_INTERVAL_MS) return keys
      return load()
    },
    async rotate() {
      const key = { id: `k${toHex(deps.crypto.randomBytes(6))}`, key: deps.crypto.randomBytes(32) }
      // Strictly newer than the current signer, so "newest signs" names it even within one ms.
      const newest = (await stored())[0]?.createdAt.getTime() ?? -Infinity
      await insertServerKey(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE, {
        ...key,
        createdAt: new Date(Math.max(deps.clock.now(), newest + 1)),
      })
      cache = undefined
      return key
    },
    async retireOld() {
      const rows = await stored()
      const retired: string[] = []
      // rows are newest first: row i stopped signing when row i - 1 was created.
      for (let i = 1; i < rows.length; i++) {
        const supersededAt = rows[i - 1]!.createdAt.getTime()
        if (deps.clock.now() - supersededAt <= PLAY_AUTH_KEY_RETIRE_AFTER_MS) continue
        if (await deleteServerKey(deps.db, PLAY_AUTH_KEY_PURPOSE, rows[i]!.id))
          retired.push(rows[i]!.id)
      }
      if (retired.length > 0) cache = undefined
      return retired
    },
  }
}
