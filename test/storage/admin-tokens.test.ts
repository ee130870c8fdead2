// Admin tokens repository on every dialect: only the hash is stored, lookups are by hash, and
// registering the same hash twice keeps one row.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  countAdminTokens,
  findAdminTokenByHash,
  insertAdminToken,
} from '../../src/storage/repositories/admin-tokens.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at } from './fixtures.ts'

const HASH = 'a'.repeat(64)

for (const dialect of DIALECTS) {
  describe(`admin tokens repository (${dialect})`, () => {
    it('finds a token by its hash with name and creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAdminToken(db, {
        id: 'adm_1',
        name: 'first-start',
        tokenHash: HASH,
        createdAt: at(),
      })
      assert.deepEqual(await findAdminTokenByHash(db, HASH), {
        id: 'adm_1',
        name: 'first-start',
        createdAt: at(),
      })
      assert.equal(await findAdminTokenByHash(db, 'b'.repeat(64)), undefined)
    })

    it('keeps one row when the same hash is registered again under another id', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAdminToken(db, {
        id: 'adm_1',
        name: 'configured',
        tokenHash: HASH,
        createdAt: at(),
      })
      await insertAdminToken(db, { id: 'adm_2', name: 'again', tokenHash: HASH, createdAt: at(1) })
      assert.equal(await countAdminTokens(db), 1)
      assert.equal((await findAdminTokenByHash(db, HASH))?.id, 'adm_1')
    })

    it('counts distinct tokens as a number', async (t) => {
      const db = await openTestDb(t, dialect)
      assert.equal(await countAdminTokens(db), 0)
      await insertAdminToken(db, { id: 'adm_1', name: 'a', tokenHash: HASH, createdAt: at() })
      await insertAdminToken(db, {
        id: 'adm_2',
        name: 'b',
        tokenHash: 'c'.repeat(64),
        createdAt: at(),
      })
      assert.strictEqual(await countAdminTokens(db), 2)
    })
  })
}
