// The server key ring Aliyun PlayAuths are minted and verified with: random 32-byte keys sealed in
// the database (created on first use); a new key signs once every replica has had time to load
// it, and every stored key verifies. Cached per replica; a rotation or retirement is published to
// every replica, which reloads the ring at its next use.
import { AppError } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { ServerKey } from '../core/schemes/aliyun-play-auth/canonical.ts'
import {
  deleteServerKey,
  insertServerKey,
  listServerKeys,
} from '../storage/repositories/server-keys.ts'
import type { Audit } from './audit.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'

export const PLAY_AUTH_KEY_PURPOSE = 'aliyun-play-auth'

/** The id of the key created on first use; every replica racing to create it converges on one. */
export const FIRST_PLAY_AUTH_KEY_ID = 'k1'

/**
 * How long a replica trusts its cached ring without being told of a change. A rotated-in key
 * starts signing this long after it was stored, so every replica verifies it before any PlayAuth
 * carries it even if the rotation's message was lost.
 */
export const PLAY_AUTH_KEY_CACHE_MS = 60_000

/** A forged key id must not turn every request into a database read. */
const MIN_RELOAD_INTERVAL_MS = 1000

/**
 * A PlayAuth lives at most AuthInfoTimeout (≤ 3000 s); a key stops signing one cache time after a
 * newer one is stored. So it may be retired this long after the newer key was stored.
 */
export const PLAY_AUTH_KEY_RETIRE_AFTER_MS = 3000_000 + PLAY_AUTH_KEY_CACHE_MS

export interface PlayAuthKeyRing {
  /**
   * The key new PlayAuths are minted with: the newest stored at least {@link
   * PLAY_AUTH_KEY_CACHE_MS} ago, else the oldest. The first key is created on first use.
   */
  signingKey(): Promise<ServerKey>
  /** Every key that verifies; reloads once when `wantedId` is not among the cached ones. */
  verifyingKeys(wantedId?: string): Promise<readonly ServerKey[]>
  /** Stores a new key, which signs from one cache time on; the others verify until retired. */
  rotate(): Promise<ServerKey>
  /**
   * Deletes keys that stopped signing more than {@link PLAY_AUTH_KEY_RETIRE_AFTER_MS} ago; the
   * newest key is always kept. Returns the retired ids.
   */
  retireOld(): Promise<string[]>
  /** Every stored key's id and age (no key material), newest first, and which one signs. */
  list(): Promise<PlayAuthKeyInfo[]>
}

export interface PlayAuthKeyInfo {
  readonly id: string
  readonly createdAt: Date
  /** The key new PlayAuths are minted with now; the others only verify. */
  readonly signing: boolean
}

interface DatedKey extends ServerKey {
  /** When it was stored, ms. */
  readonly since: number
}

const RING = 'ring'

export function createPlayAuthKeyRing(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'> & Partial<Pick<ServiceDeps, 'state'>>,
  audit?: Pick<Audit, 'record'>,
  caches: Caches = createCaches(deps),
): PlayAuthKeyRing {
  /** The signer among keys sorted newest first: the newest one every replica has loaded. */
  const signerOf = <K extends { since: number }>(keys: readonly K[]): K => {
    const published = deps.clock.now() - PLAY_AUTH_KEY_CACHE_MS
    return keys.find((k) => k.since <= published) ?? keys[keys.length - 1]!
  }

  // Concurrent requests on a cold replica share one read (the cache loads once per key).
  const ring = caches.named<DatedKey[]>('play-auth-keys', { ttlMs: PLAY_AUTH_KEY_CACHE_MS })
  let lastLoad = -Infinity

  async function stored() {
    try {
      return await listServerKeys(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE)
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('UNAVAILABLE', 'server keys could not be read', { cause: error })
    }
  }

  /** Reads the ring again on this replica (others have no reason to). */
  function load(): Promise<DatedKey[]> {
    ring.forgetLocally(RING)
    return current()
  }

  async function reload(): Promise<DatedKey[]> {
    let rows = await stored()
    if (rows.length === 0) {
      await insertServerKey(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE, {
        id: FIRST_PLAY_AUTH_KEY_ID,
        key: deps.crypto.randomBytes(32),
        createdAt: new Date(deps.clock.now()),
      })
      rows = await stored()
    }
    const keys = rows.map(({ id, key, createdAt }) => ({ id, key, since: createdAt.getTime() }))
    lastLoad = deps.clock.now()
    return keys
  }

  function current(): Promise<DatedKey[]> {
    return ring.get(RING, reload)
  }

  return {
    async signingKey() {
      const { id, key } = signerOf(await current())
      return { id, key }
    },
    async verifyingKeys(wantedId) {
      let keys = await current()
      const known = wantedId === undefined || keys.some((k) => k.id === wantedId)
      if (!known && deps.clock.now() - lastLoad >= MIN_RELOAD_INTERVAL_MS) keys = await load()
      return keys.map(({ id, key }) => ({ id, key }))
    },
    async rotate() {
      const key = { id: `k${toHex(deps.crypto.randomBytes(6))}`, key: deps.crypto.randomBytes(32) }
      // The first key exists before a rotation, so the ring's signer does not change at once.
      await current()
      // Strictly newer than the current signer, so "newest signs" names it even within one ms.
      const newest = (await stored())[0]?.createdAt.getTime() ?? -Infinity
      await insertServerKey(deps.db, deps.box, PLAY_AUTH_KEY_PURPOSE, {
        ...key,
        createdAt: new Date(Math.max(deps.clock.now(), newest + 1)),
      })
      await ring.invalidate(RING)
      await audit?.record({
        tenantId: null,
        kind: 'key.rotated',
        subject: PLAY_AUTH_KEY_PURPOSE,
        detail: { keyId: key.id },
      })
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
      if (retired.length > 0) {
        await ring.invalidate(RING)
        await audit?.record({
          tenantId: null,
          kind: 'key.rotated',
          subject: PLAY_AUTH_KEY_PURPOSE,
          detail: { retired },
        })
      }
      return retired
    },
    async list() {
      let rows = await stored()
      if (rows.length === 0) {
        await load() // creates the first key, as signing would
        rows = await stored()
      }
      const keys = rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        since: r.createdAt.getTime(),
      }))
      const signer = signerOf(keys)
      return keys.map(({ id, createdAt }) => ({ id, createdAt, signing: id === signer.id }))
    },
  }
}
