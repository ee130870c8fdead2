// The Aliyun PlayAuth key ring on every storage dialect: one first key however many replicas race
// to create it, rotation (newest signs, all verify), reload on an unknown id, and retirement.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fixedClock } from '../../src/core/ports.ts'
import { createSecretBox } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import {
  FIRST_PLAY_AUTH_KEY_ID,
  PLAY_AUTH_KEY_CACHE_MS,
  PLAY_AUTH_KEY_RETIRE_AFTER_MS,
  createPlayAuthKeyRing,
} from '../../src/services/aliyun-play-auth-keys.ts'
import { listServerKeys } from '../../src/storage/repositories/server-keys.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'

const box = createSecretBox(
  Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1),
  nodeCrypto,
)

for (const dialect of DIALECTS) {
  describe(`aliyun PlayAuth key ring (${dialect})`, () => {
    it('creates one first key even when replicas race, sealed at rest', async (t) => {
      const db = await openTestDb(t, dialect)
      const clock = fixedClock('2026-01-01T00:00:00Z')
      const rings = [1, 2, 3].map(() =>
        createPlayAuthKeyRing({ db, box, crypto: nodeCrypto, clock }),
      )
      const keys = await Promise.all(rings.map((r) => r.signingKey()))
      assert.deepEqual(new Set(keys.map((k) => k.id)), new Set([FIRST_PLAY_AUTH_KEY_ID]))
      assert.deepEqual(keys[1]!.key, keys[0]!.key)
      assert.equal(keys[0]!.key.length, 32)
      const row = await db
        .withTables<{ server_keys: { key_sealed: string } }>()
        .selectFrom('server_keys')
        .select('key_sealed')
        .executeTakeFirstOrThrow()
      assert.match(row.key_sealed, /^v1\./)
    })

    it('verifies a rotated key at once, and signs with it one cache time later', async (t) => {
      const db = await openTestDb(t, dialect)
      const clock = fixedClock('2026-01-01T00:00:00Z')
      const deps = { db, box, crypto: nodeCrypto, clock }
      const ring = createPlayAuthKeyRing(deps)
      const first = await ring.signingKey()
      clock.advance(2000)
      // Another replica rotates: a token naming the new key makes this one reload at once…
      const rotated = await createPlayAuthKeyRing(deps).rotate()
      const ids = (await ring.verifyingKeys(rotated.id)).map((k) => k.id)
      assert.deepEqual(ids, [rotated.id, first.id])
      // …but nobody signs with it before every replica's cache may have picked it up.
      assert.equal((await ring.signingKey()).id, first.id)
      assert.equal((await createPlayAuthKeyRing(deps).signingKey()).id, first.id)
      clock.advance(PLAY_AUTH_KEY_CACHE_MS)
      assert.equal((await ring.signingKey()).id, rotated.id)
    })

    it('retires keys only after every PlayAuth they signed has expired, never the newest', async (t) => {
      const db = await openTestDb(t, dialect)
      const clock = fixedClock('2026-01-01T00:00:00Z')
      const ring = createPlayAuthKeyRing({ db, box, crypto: nodeCrypto, clock })
      await ring.signingKey()
      clock.advance(1000)
      const next = await ring.rotate()
      clock.advance(PLAY_AUTH_KEY_RETIRE_AFTER_MS)
      assert.deepEqual(await ring.retireOld(), [])
      clock.advance(1)
      assert.deepEqual(await ring.retireOld(), [FIRST_PLAY_AUTH_KEY_ID])
      assert.deepEqual(
        (await listServerKeys(db, box, 'aliyun-play-auth')).map((k) => k.id),
        [next.id],
      )
      clock.advance(10 * PLAY_AUTH_KEY_RETIRE_AFTER_MS)
      assert.deepEqual(await ring.retireOld(), [])
    })
  })
}
