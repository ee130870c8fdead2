// Every sealed column on every dialect: the registry names them all, the start-up check counts
// what the master key cannot open, and re-sealing moves every value to the new key.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSecretBox, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import {
  insertAccessKey,
  findAccessKeyWithSecret,
} from '../../src/storage/repositories/access-keys.ts'
import { setPlayPassword, findPlayPassword } from '../../src/storage/repositories/play-passwords.ts'
import { insertVideo } from '../../src/storage/repositories/videos.ts'
import { checkSealed, resealAll, SEALED_COLUMNS } from '../../src/storage/sealed.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeAccessKey, makeVideo, MASTER_KEY_HEX, seedTenants } from './fixtures.ts'

const otherKey = () => createSecretBox(nodeCrypto.randomBytes(32), nodeCrypto)

describe('sealed columns registry', () => {
  it('names every *_sealed column of the schema', async (t) => {
    const db = await openTestDb(t, 'sqlite')
    const found = (await db.introspection.getTables())
      .flatMap((table) => table.columns.map((c) => `${table.name}.${c.name}`))
      .filter((name) => name.endsWith('_sealed'))
      .sort()
    assert.deepEqual(found, SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort())
  })
})

for (const dialect of DIALECTS) {
  describe(`sealed secrets (${dialect})`, () => {
    const seed = async (t: Parameters<typeof openTestDb>[0]) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      await insertVideo(db, makeVideo())
      await setPlayPassword(db, box, makeVideo().id, 'open-sesame', at())
      return db
    }

    it('opens every stored secret under the right key, and counts them under another', async (t) => {
      const db = await seed(t)
      assert.deepEqual(await checkSealed(db, box), { checked: 2, failed: 0 })
      assert.deepEqual(await checkSealed(db, otherKey()), {
        checked: 2,
        failed: 2,
        first: 'access_keys.secret_sealed',
      })
    })

    it('re-seals every secret under a new key, opening each with the old one', async (t) => {
      const db = await seed(t)
      const next = nodeCrypto.randomBytes(32)
      const rotating = createSecretBox(next, nodeCrypto, [parseMasterKey(MASTER_KEY_HEX)!])
      assert.deepEqual(await resealAll(db, rotating), { resealed: 2 })
      const only = createSecretBox(next, nodeCrypto)
      assert.deepEqual(await checkSealed(db, only), { checked: 2, failed: 0 })
      assert.deepEqual(await checkSealed(db, box), {
        checked: 2,
        failed: 2,
        first: 'access_keys.secret_sealed',
      })
      assert.equal(
        (await findAccessKeyWithSecret(db, only, 'aliyun', makeAccessKey().keyId))?.secret,
        makeAccessKey().secret,
      )
      assert.equal(await findPlayPassword(db, only, makeVideo().id), 'open-sesame')
    })
  })
}
