// Tenants repository on every dialect: round-trip, pages, conflicts, idempotent upsert, and the
// cascade that removes everything a tenant owns.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { insertAccessKey, findAccessKey } from '../../src/storage/repositories/access-keys.ts'
import { upsertDingtalkOrg, findDingtalkOrg } from '../../src/storage/repositories/dingtalk.ts'
import { findPlayDomain, insertPlayDomain } from '../../src/storage/repositories/play-domains.ts'
import {
  deleteTenant,
  findTenant,
  insertTenant,
  listTenants,
  updateTenant,
  upsertTenant,
} from '../../src/storage/repositories/tenants.ts'
import {
  findStream,
  findVideo,
  insertStream,
  insertVideo,
} from '../../src/storage/repositories/videos.ts'
import { findPlayPassword, setPlayPassword } from '../../src/storage/repositories/play-passwords.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import {
  at,
  box,
  makeAccessKey,
  makeDomain,
  makeStream,
  makeTenant,
  makeVideo,
  rejectsWith,
  seedTenants,
} from './fixtures.ts'

for (const dialect of DIALECTS) {
  describe(`tenants repository (${dialect})`, () => {
    it('reads back every field it stored, with the date to the millisecond', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertTenant(db, makeTenant({ status: 'suspended', name: '租户 Ä' }))
      assert.deepEqual(await findTenant(db, 'tn_a'), {
        id: 'tn_a',
        name: '租户 Ä',
        status: 'suspended',
        createdAt: at(),
      })
      const raw = await db.selectFrom('tenants').selectAll().executeTakeFirstOrThrow()
      assert.equal(raw.created_at, at().getTime())
      assert.equal(typeof raw.created_at, 'number')
    })

    it('returns undefined for an unknown id', async (t) => {
      const db = await openTestDb(t, dialect)
      assert.equal(await findTenant(db, 'tn_nope'), undefined)
    })

    it('refuses a second tenant with the same id as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertTenant(db, makeTenant())
      await rejectsWith(insertTenant(db, makeTenant({ name: 'other' })), 'CONFLICT')
      assert.equal((await findTenant(db, 'tn_a'))?.name, 'Tenant A')
    })

    it('pages oldest first with the total of all rows', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_c', 'tn_a', 'tn_e', 'tn_b', 'tn_d')
      const first = await listTenants(db, { page: 1, pageSize: 2 })
      assert.deepEqual(
        first.items.map((x) => x.id),
        ['tn_c', 'tn_a'],
      )
      assert.deepEqual([first.total, first.page, first.pageSize], [5, 1, 2])
      const third = await listTenants(db, { page: 3, pageSize: 2 })
      assert.deepEqual(
        third.items.map((x) => x.id),
        ['tn_d'],
      )
      assert.equal(third.total, 5)
      const beyond = await listTenants(db, { page: 4, pageSize: 2 })
      assert.deepEqual([beyond.items, beyond.total], [[], 5])
      assert.equal(typeof first.total, 'number')
    })

    it('orders tenants created in the same millisecond by id', async (t) => {
      const db = await openTestDb(t, dialect)
      for (const id of ['tn_b', 'tn_c', 'tn_a']) await insertTenant(db, makeTenant({ id }))
      const page = await listTenants(db, { page: 1, pageSize: 10 })
      assert.deepEqual(
        page.items.map((x) => x.id),
        ['tn_a', 'tn_b', 'tn_c'],
      )
    })

    it('updates name and status, and leaves the row alone when nothing changes', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertTenant(db, makeTenant())
      assert.deepEqual(await updateTenant(db, 'tn_a', { status: 'disabled' }), {
        ...makeTenant(),
        status: 'disabled',
      })
      assert.deepEqual(await updateTenant(db, 'tn_a', {}), { ...makeTenant(), status: 'disabled' })
      assert.equal(await updateTenant(db, 'tn_nope', { name: 'x' }), undefined)
    })

    it('upserts idempotently, keeping the original creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await upsertTenant(db, makeTenant())
      await upsertTenant(db, makeTenant())
      await upsertTenant(db, makeTenant({ name: 'Renamed', status: 'suspended', createdAt: at(9) }))
      const page = await listTenants(db, { page: 1, pageSize: 10 })
      assert.deepEqual(page.items, [{ ...makeTenant(), name: 'Renamed', status: 'suspended' }])
      assert.equal(page.total, 1)
    })

    it('reports whether a delete removed anything', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertTenant(db, makeTenant())
      assert.equal(await deleteTenant(db, 'tn_a'), true)
      assert.equal(await deleteTenant(db, 'tn_a'), false)
    })

    it('deletes its keys, videos, streams, passwords, domains and DingTalk org with it', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertAccessKey(db, box, makeAccessKey())
      await insertAccessKey(db, box, makeAccessKey({ id: 'ak_b', tenantId: 'tn_b', keyId: 'B' }))
      await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      await setPlayPassword(db, box, makeVideo().id, 'pw', at())
      await insertPlayDomain(db, box, makeDomain())
      await upsertDingtalkOrg(db, { tenantId: 'tn_a', corpId: 'ding-corp', name: 'Org' })

      assert.equal(await deleteTenant(db, 'tn_a'), true)

      assert.equal(await findAccessKey(db, 'ak_1'), undefined)
      assert.equal(await findVideo(db, makeVideo().id), undefined)
      assert.equal(await findStream(db, 'st_1'), undefined)
      assert.equal(await findPlayPassword(db, box, makeVideo().id), undefined)
      assert.equal(await findPlayDomain(db, 'pd_1'), undefined)
      assert.equal(await findDingtalkOrg(db, 'tn_a'), undefined)
      // The other tenant is untouched.
      assert.equal((await findAccessKey(db, 'ak_b'))?.tenantId, 'tn_b')
    })
  })
}
