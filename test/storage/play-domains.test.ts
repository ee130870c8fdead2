// Play domains repository on every dialect: key rings sealed at rest, lookups by id and host,
// the tenant's default domain, upserts by host, and the optimistic guard on key rotation.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PlayDomainWithKeys } from '../../src/core/model.ts'
import {
  deletePlayDomain,
  findPlayDomain,
  findPlayDomainWithKeys,
  findTenantPlayDomain,
  insertPlayDomain,
  listPlayDomains,
  rotatePlayDomainKeys,
  updatePlayDomain,
  upsertPlayDomain,
} from '../../src/storage/repositories/play-domains.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeDomain, rejectsWith, seedTenants } from './fixtures.ts'

const withoutKeys = ({ keys: _keys, ...domain }: PlayDomainWithKeys) => domain

for (const dialect of DIALECTS) {
  describe(`play domains repository (${dialect})`, () => {
    it('reads back every field and the whole key ring', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      assert.deepEqual(await insertPlayDomain(db, box, makeDomain()), withoutKeys(makeDomain()))
      assert.deepEqual(await findPlayDomain(db, 'pd_1'), withoutKeys(makeDomain()))
      assert.deepEqual(await findPlayDomainWithKeys(db, box, { id: 'pd_1' }), makeDomain())
      assert.equal(await findPlayDomain(db, 'pd_nope'), undefined)
    })

    it('keeps a ring without backup and never rotated as nulls', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      const domain = makeDomain({
        authEnabled: true,
        isDefault: false,
        allowedOrigins: ['*'],
        keys: { primary: { id: 'k1', secret: 'p' }, backup: null, rotatedAt: null },
      })
      await insertPlayDomain(db, box, domain)
      assert.deepEqual(await findPlayDomainWithKeys(db, box, { id: 'pd_1' }), domain)
      const raw = await db.selectFrom('play_domains').selectAll().executeTakeFirstOrThrow()
      assert.deepEqual(
        [raw.backup_key_id, raw.backup_key_sealed, raw.rotated_at, raw.auth_enabled],
        [null, null, null, 1],
      )
    })

    it('stores both keys sealed', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertPlayDomain(db, box, makeDomain())
      const raw = await db.selectFrom('play_domains').selectAll().executeTakeFirstOrThrow()
      assert.match(raw.primary_key_sealed, /^v1\./)
      assert.match(raw.backup_key_sealed ?? '', /^v1\./)
      const text = JSON.stringify(raw)
      assert.ok(!text.includes('primary-plaintext-key') && !text.includes('backup-plaintext-key'))
    })

    it('finds a domain by host in any letter case', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertPlayDomain(db, box, makeDomain())
      assert.equal(
        (await findPlayDomainWithKeys(db, box, { host: 'VIDEO.Example.com' }))?.id,
        'pd_1',
      )
      assert.equal(await findPlayDomainWithKeys(db, box, { host: 'other.example.com' }), undefined)
    })

    // Regression: hosts were stored as given, but looked up in lower case, so a domain written
    // with capitals (by import) was never found by the edge.
    it('stores the host in lower case so lookups find it', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await upsertPlayDomain(db, box, makeDomain({ host: 'Video.Example.COM' }))
      const found = await findPlayDomainWithKeys(db, box, { host: 'video.example.com' })
      assert.equal(found?.host, 'video.example.com')
      await rejectsWith(
        insertPlayDomain(db, box, makeDomain({ id: 'pd_2', host: 'VIDEO.example.com' })),
        'CONFLICT',
      )
    })

    it('refuses a second domain with the same host as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertPlayDomain(db, box, makeDomain())
      await rejectsWith(
        insertPlayDomain(db, box, makeDomain({ id: 'pd_2', tenantId: 'tn_b' })),
        'CONFLICT',
      )
      await insertPlayDomain(db, box, makeDomain({ id: 'pd_2', host: 'b.example.com' }))
      await rejectsWith(
        updatePlayDomain(db, box, makeDomain({ id: 'pd_2', host: 'video.example.com' })),
        'CONFLICT',
      )
    })

    it('picks the tenant’s default domain, else its oldest', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      const plain = { isDefault: false }
      await insertPlayDomain(
        db,
        box,
        makeDomain({ id: 'pd_2', host: 'b.x', createdAt: at(2), ...plain }),
      )
      await insertPlayDomain(
        db,
        box,
        makeDomain({ id: 'pd_1', host: 'a.x', createdAt: at(1), ...plain }),
      )
      assert.equal((await findTenantPlayDomain(db, box, 'tn_a'))?.id, 'pd_1')
      await insertPlayDomain(db, box, makeDomain({ id: 'pd_3', host: 'c.x', createdAt: at(3) }))
      assert.equal((await findTenantPlayDomain(db, box, 'tn_a'))?.id, 'pd_3')
      assert.equal(await findTenantPlayDomain(db, box, 'tn_b'), undefined)
    })

    it('lists oldest first in pages, optionally for one tenant', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      const rows = [
        { id: 'pd_3', host: 'c.x', createdAt: at(0) },
        { id: 'pd_1', host: 'a.x', createdAt: at(1) },
        { id: 'pd_2', host: 'b.x', createdAt: at(1) },
        { id: 'pd_4', host: 'd.x', createdAt: at(2), tenantId: 'tn_b' },
      ]
      for (const row of rows) await insertPlayDomain(db, box, makeDomain(row))
      const first = await listPlayDomains(db, { tenantId: 'tn_a' }, { page: 1, pageSize: 2 })
      assert.deepEqual(
        first.items.map((d) => d.id),
        ['pd_3', 'pd_1'],
      )
      assert.deepEqual([first.total, first.page, first.pageSize], [3, 1, 2])
      assert.ok(first.items.every((d) => !('keys' in d)))
      const all = await listPlayDomains(db, {}, { page: 2, pageSize: 2 })
      assert.deepEqual([all.items.map((d) => d.id), all.total], [['pd_2', 'pd_4'], 4])
    })

    it('updates settings and keys but not the creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertPlayDomain(db, box, makeDomain())
      const next = makeDomain({
        scheme: 'tencent-cdn-a',
        authEnabled: true,
        ttlSeconds: 60,
        allowedOrigins: [],
        isDefault: false,
        createdAt: at(50_000),
        keys: { primary: { id: 'k9', secret: 'new' }, backup: null, rotatedAt: null },
      })
      await updatePlayDomain(db, box, next)
      assert.deepEqual(await findPlayDomainWithKeys(db, box, { id: 'pd_1' }), {
        ...next,
        createdAt: at(),
      })
    })

    it('upserts by host idempotently, keeping id and creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await upsertPlayDomain(db, box, makeDomain())
      await upsertPlayDomain(db, box, makeDomain())
      const again = makeDomain({ id: 'pd_other', ttlSeconds: 10, createdAt: at(9000) })
      await upsertPlayDomain(db, box, again)
      const page = await listPlayDomains(db, {}, { page: 1, pageSize: 10 })
      assert.equal(page.total, 1)
      assert.deepEqual(await findPlayDomainWithKeys(db, box, { host: 'video.example.com' }), {
        ...again,
        id: 'pd_1',
        createdAt: at(),
      })
      await rejectsWith(
        upsertPlayDomain(db, box, makeDomain({ host: 'another.example.com' })),
        'CONFLICT',
      )
    })

    it('rotates: the new key becomes primary, the old primary the backup', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      const domain = makeDomain()
      await insertPlayDomain(db, box, domain)
      const next = { id: 'k0003', secret: 'third-key' }
      const applied = await rotatePlayDomainKeys(
        db,
        box,
        'pd_1',
        'k0001',
        next,
        domain.keys.primary,
        at(120_000),
      )
      assert.equal(applied, true)
      assert.deepEqual((await findPlayDomainWithKeys(db, box, { id: 'pd_1' }))?.keys, {
        primary: next,
        backup: domain.keys.primary,
        rotatedAt: at(120_000),
      })
    })

    it('refuses a rotation whose expected primary is stale, leaving the ring as it was', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      const domain = makeDomain()
      await insertPlayDomain(db, box, domain)
      const seen = domain.keys.primary
      const first = { id: 'k0003', secret: 'first-winner' }
      assert.equal(await rotatePlayDomainKeys(db, box, 'pd_1', seen.id, first, seen, at(1)), true)
      const late = { id: 'k0004', secret: 'second-loser' }
      assert.equal(await rotatePlayDomainKeys(db, box, 'pd_1', seen.id, late, seen, at(2)), false)
      assert.deepEqual((await findPlayDomainWithKeys(db, box, { id: 'pd_1' }))?.keys, {
        primary: first,
        backup: seen,
        rotatedAt: at(1),
      })
      assert.equal(
        await rotatePlayDomainKeys(db, box, 'pd_nope', 'k0003', late, seen, at(3)),
        false,
      )
    })

    it('deletes a domain once', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertPlayDomain(db, box, makeDomain())
      assert.equal(await deletePlayDomain(db, 'pd_1'), true)
      assert.equal(await deletePlayDomain(db, 'pd_1'), false)
      assert.equal(await findPlayDomainWithKeys(db, box, { host: 'video.example.com' }), undefined)
    })
  })
}
