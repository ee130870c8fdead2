// Access keys repository on every dialect: sealed secrets, lookups by protocol and key id,
// conflicts, upserts and pages.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSecretBox, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import {
  deleteAccessKey,
  findAccessKey,
  findAccessKeyWithSecret,
  insertAccessKey,
  listAccessKeys,
  updateAccessKey,
  upsertAccessKey,
} from '../../src/storage/repositories/access-keys.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeAccessKey, rejectsWith, seedTenants } from './fixtures.ts'

const { secret: SECRET, ...PUBLIC } = makeAccessKey()

for (const dialect of DIALECTS) {
  describe(`access keys repository (${dialect})`, () => {
    it('returns the public fields on insert and reads them back by id', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      assert.deepEqual(await insertAccessKey(db, box, makeAccessKey()), PUBLIC)
      assert.deepEqual(await findAccessKey(db, 'ak_1'), PUBLIC)
      assert.equal(await findAccessKey(db, 'ak_nope'), undefined)
    })

    it('stores the secret sealed and opens it only through findAccessKeyWithSecret', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      const raw = await db.selectFrom('access_keys').selectAll().executeTakeFirstOrThrow()
      assert.match(raw.secret_sealed, /^v1\./)
      assert.ok(!raw.secret_sealed.includes(SECRET), 'the plaintext secret is in the row')
      assert.ok(!JSON.stringify(raw).includes(SECRET))
      assert.deepEqual(await findAccessKeyWithSecret(db, box, 'aliyun', PUBLIC.keyId), {
        ...PUBLIC,
        secret: SECRET,
      })
    })

    it('refuses to open a secret under another master key', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      const other = createSecretBox(parseMasterKey('ab'.repeat(16) + 'cd'.repeat(16))!, nodeCrypto)
      await rejectsWith(findAccessKeyWithSecret(db, other, 'aliyun', PUBLIC.keyId), 'INTERNAL')
    })

    it('looks a key up by protocol and key id together', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey({ keyId: 'SAME' }))
      await insertAccessKey(
        db,
        box,
        makeAccessKey({ id: 'ak_2', protocol: 'tencent', keyId: 'SAME', secret: 'tencent-secret' }),
      )
      assert.equal((await findAccessKeyWithSecret(db, box, 'tencent', 'SAME'))?.id, 'ak_2')
      assert.equal((await findAccessKeyWithSecret(db, box, 'aliyun', 'SAME'))?.id, 'ak_1')
      assert.equal(await findAccessKeyWithSecret(db, box, 'polyv', 'SAME'), undefined)
      assert.equal(await findAccessKeyWithSecret(db, box, 'aliyun', 'same'), undefined)
    })

    it('refuses a second key with the same protocol and key id as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertAccessKey(db, box, makeAccessKey())
      await rejectsWith(
        insertAccessKey(db, box, makeAccessKey({ id: 'ak_2', tenantId: 'tn_b' })),
        'CONFLICT',
      )
      await rejectsWith(insertAccessKey(db, box, makeAccessKey({ keyId: 'other' })), 'CONFLICT')
    })

    it('refuses a key for an unknown tenant as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await rejectsWith(
        insertAccessKey(db, box, makeAccessKey({ tenantId: 'tn_nope' })),
        'NOT_FOUND',
      )
    })

    it('upserts by protocol and key id: replaces secret, status, description and tenant', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await upsertAccessKey(db, box, makeAccessKey())
      await upsertAccessKey(db, box, makeAccessKey())
      await upsertAccessKey(
        db,
        box,
        makeAccessKey({
          id: 'ak_ignored',
          tenantId: 'tn_b',
          secret: 'rotated-secret',
          status: 'disabled',
          description: 'imported',
          createdAt: at(5000),
        }),
      )
      const page = await listAccessKeys(db, 'tn_b', { page: 1, pageSize: 10 })
      assert.equal(page.total, 1)
      assert.deepEqual(await findAccessKeyWithSecret(db, box, 'aliyun', PUBLIC.keyId), {
        ...PUBLIC,
        tenantId: 'tn_b',
        secret: 'rotated-secret',
        status: 'disabled',
        description: 'imported',
      })
      assert.equal((await listAccessKeys(db, 'tn_a', { page: 1, pageSize: 10 })).total, 0)
    })

    // Regression: an upsert whose id belongs to another key surfaced the raw driver error.
    it('reports an upsert whose id is taken by another key as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      await rejectsWith(upsertAccessKey(db, box, makeAccessKey({ keyId: 'another' })), 'CONFLICT')
    })

    it('lists only the tenant’s keys, oldest first, in pages', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      for (const [i, id] of ['ak_3', 'ak_1', 'ak_2'].entries()) {
        await insertAccessKey(db, box, makeAccessKey({ id, keyId: id, createdAt: at(i * 1000) }))
      }
      await insertAccessKey(db, box, makeAccessKey({ id: 'ak_b', keyId: 'b', tenantId: 'tn_b' }))
      const first = await listAccessKeys(db, 'tn_a', { page: 1, pageSize: 2 })
      assert.deepEqual(
        first.items.map((k) => k.id),
        ['ak_3', 'ak_1'],
      )
      assert.deepEqual([first.total, first.page, first.pageSize], [3, 1, 2])
      assert.ok(first.items.every((k) => !('secret' in k)))
      const second = await listAccessKeys(db, 'tn_a', { page: 2, pageSize: 2 })
      assert.deepEqual(
        second.items.map((k) => k.id),
        ['ak_2'],
      )
    })

    it('updates status and description, and returns undefined for an unknown key', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      assert.deepEqual(await updateAccessKey(db, 'ak_1', { status: 'disabled' }), {
        ...PUBLIC,
        status: 'disabled',
      })
      assert.deepEqual(await updateAccessKey(db, 'ak_1', { description: '' }), {
        ...PUBLIC,
        status: 'disabled',
        description: '',
      })
      assert.equal(await updateAccessKey(db, 'ak_nope', { status: 'active' }), undefined)
      // The secret is untouched by an update.
      assert.equal((await findAccessKeyWithSecret(db, box, 'aliyun', PUBLIC.keyId))?.secret, SECRET)
    })

    it('deletes a key once', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertAccessKey(db, box, makeAccessKey())
      assert.equal(await deleteAccessKey(db, 'ak_1'), true)
      assert.equal(await deleteAccessKey(db, 'ak_1'), false)
      assert.equal(await findAccessKeyWithSecret(db, box, 'aliyun', PUBLIC.keyId), undefined)
    })
  })
}
