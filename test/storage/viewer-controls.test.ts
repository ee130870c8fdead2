// Viewer policies and revocation entries on every dialect: round trips, replacement in place,
// expiry, domain coverage, and cascades with their tenant and domain.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Revocation, ViewerPolicy } from '../../src/core/policy/viewer-policy.ts'
import { insertPlayDomain, deletePlayDomain } from '../../src/storage/repositories/play-domains.ts'
import { deleteTenant } from '../../src/storage/repositories/tenants.ts'
import {
  deleteRevocation,
  deleteViewerPolicy,
  findViewerPolicy,
  insertRevocation,
  listRevocations,
  listViewerPolicies,
  purgeExpiredRevocations,
  putViewerPolicy,
  videoPolicyLocations,
} from '../../src/storage/repositories/viewer-controls.ts'
import { insertStream, insertVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeDomain, makeStream, makeVideo, seedTenants } from './fixtures.ts'

const POLICY: ViewerPolicy = {
  scope: 'domain',
  scopeId: 'pd_1',
  tenantId: 'tn_a',
  rules: [{ action: 'allow', ip: ['10.0.0.0/8', '2001:db8::/32'] }, { action: 'deny' }],
  caps: { maxIpsPerCredential: 2, maxSessionsPerViewer: 1, idleSeconds: 45 },
  callback: { url: 'https://auth.example.com/check', timeoutMs: 750, failOpen: false },
  updatedAt: at(),
}

function revocation(overrides: Partial<Revocation> = {}): Revocation {
  return {
    id: 'rv_1',
    tenantId: 'tn_a',
    domainId: 'pd_1',
    kind: 'credential',
    value: 'cr_0123456789abcdef0123',
    reason: 'leaked on a forum',
    expiresAt: at(3_600_000),
    createdAt: at(),
    ...overrides,
  }
}

for (const dialect of DIALECTS) {
  describe(`viewer controls repository (${dialect})`, () => {
    it('stores a policy whole and replaces it in place', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await putViewerPolicy(db, POLICY)
      assert.deepEqual(await findViewerPolicy(db, 'domain', 'pd_1'), POLICY)
      const open: ViewerPolicy = {
        ...POLICY,
        rules: [],
        caps: { maxIpsPerCredential: null, maxSessionsPerViewer: null, idleSeconds: null },
        callback: null,
        updatedAt: at(1000),
      }
      await putViewerPolicy(db, open)
      assert.deepEqual(await listViewerPolicies(db, 'tn_a'), [open])
      assert.equal(await deleteViewerPolicy(db, 'domain', 'pd_1'), true)
      assert.equal(await deleteViewerPolicy(db, 'domain', 'pd_1'), false)
      assert.equal(await findViewerPolicy(db, 'domain', 'pd_1'), undefined)
    })

    it('lists the stream locations of videos with a policy', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      const video = await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      await insertStream(
        db,
        makeStream({ id: 'st_2', format: 'm3u8', location: 'demo/hls/index.m3u8' }),
      )
      assert.deepEqual(await videoPolicyLocations(db, 'tn_a'), [])
      await putViewerPolicy(db, { ...POLICY, scope: 'video', scopeId: video.id })
      const locations = await videoPolicyLocations(db, 'tn_a')
      assert.deepEqual(locations.map((l) => l.location).sort(), [
        'demo/hls/index.m3u8',
        'demo/mp4/demo.mp4',
      ])
      assert.ok(locations.every((l) => l.videoId === video.id))
    })

    it('lists revocations in force for a domain, tenant-wide ones included', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertPlayDomain(db, box, makeDomain())
      await insertPlayDomain(db, box, makeDomain({ id: 'pd_2', host: 'other.example.com' }))
      const own = await insertRevocation(db, revocation())
      const wide = await insertRevocation(
        db,
        revocation({ id: 'rv_2', domainId: null, kind: 'viewer', value: 'u42', createdAt: at(1) }),
      )
      await insertRevocation(db, revocation({ id: 'rv_3', domainId: 'pd_2', createdAt: at(2) }))
      await insertRevocation(db, revocation({ id: 'rv_4', expiresAt: at(10), createdAt: at(3) }))
      assert.deepEqual(await listRevocations(db, 'tn_a', at(20), 'pd_1'), [own, wide])
      assert.equal((await listRevocations(db, 'tn_a', at(20))).length, 3)
      assert.deepEqual(await listRevocations(db, 'tn_b', at(20)), [])
      assert.equal(await purgeExpiredRevocations(db, at(20)), 1)
      assert.equal(await deleteRevocation(db, 'tn_b', 'rv_1'), false)
      assert.equal(await deleteRevocation(db, 'tn_a', 'rv_1'), true)
      assert.deepEqual(await listRevocations(db, 'tn_a', at(20), 'pd_1'), [wide])
    })

    it('goes with its domain and its tenant', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertPlayDomain(db, box, makeDomain())
      await insertRevocation(db, revocation())
      await insertRevocation(db, revocation({ id: 'rv_2', domainId: null }))
      await putViewerPolicy(db, POLICY)
      await deletePlayDomain(db, 'pd_1')
      assert.equal((await listRevocations(db, 'tn_a', at())).length, 1)
      await deleteTenant(db, 'tn_a')
      assert.equal((await listRevocations(db, 'tn_a', at())).length, 0)
      assert.deepEqual(await listViewerPolicies(db, 'tn_a'), [])
    })
  })
}
