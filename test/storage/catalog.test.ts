// Vendor aliases of videos, a video's own play domain and a tenant's vendor accounts, on every
// dialect: round-trip, uniqueness per tenant and vendor, and the cascades.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { deleteTenant } from '../../src/storage/repositories/tenants.ts'
import {
  findVendorAccounts,
  setVendorAccount,
} from '../../src/storage/repositories/vendor-accounts.ts'
import {
  deleteVideoAlias,
  findVideoAlias,
  insertVideoAlias,
  listVideoAliases,
} from '../../src/storage/repositories/video-aliases.ts'
import {
  deleteVideo,
  findVideo,
  insertVideo,
  upsertVideo,
} from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, makeVideo, rejectsWith, seedTenants } from './fixtures.ts'

const VID = '0123456789abcdef0123456789abcdef'
const POLYV = '1b448be323b452641878b54f21241188_1'

for (const dialect of DIALECTS) {
  describe(`catalog repositories (${dialect})`, () => {
    it('keeps a video’s own play domain and, when asked, a new creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo({ playDomain: 'media.example.com' }))
      assert.equal((await findVideo(db, VID))?.playDomain, 'media.example.com')
      await upsertVideo(db, makeVideo({ playDomain: null, createdAt: at(-9000) }))
      assert.deepEqual(await findVideo(db, VID), makeVideo({ playDomain: null }))
      await upsertVideo(db, makeVideo({ createdAt: at(-9000) }), true)
      assert.deepEqual((await findVideo(db, VID))?.createdAt, at(-9000))
    })

    it('finds a video by alias per tenant and vendor; one alias names one video', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertVideo(db, makeVideo())
      const alias = {
        tenantId: 'tn_a',
        vendor: 'polyv',
        alias: POLYV,
        videoId: VID,
        createdAt: at(),
      } as const
      await insertVideoAlias(db, alias)
      await insertVideoAlias(db, { ...alias, vendor: 'dingtalk', alias: 'media-1' })
      assert.deepEqual(await findVideoAlias(db, 'tn_a', 'polyv', POLYV), alias)
      assert.equal(await findVideoAlias(db, 'tn_b', 'polyv', POLYV), undefined)
      assert.equal(await findVideoAlias(db, 'tn_a', 'dingtalk', POLYV), undefined)
      assert.deepEqual(
        (await listVideoAliases(db, VID)).map((a) => `${a.vendor}:${a.alias}`),
        ['dingtalk:media-1', `polyv:${POLYV}`],
      )
      await rejectsWith(insertVideoAlias(db, alias), 'CONFLICT')
      await rejectsWith(insertVideoAlias(db, { ...alias, videoId: 'f'.repeat(32) }), 'CONFLICT')
      await rejectsWith(
        insertVideoAlias(db, { ...alias, alias: 'x', videoId: 'f'.repeat(32) }),
        'NOT_FOUND',
      )
      assert.equal(await deleteVideoAlias(db, VID, 'polyv', POLYV), true)
      assert.equal(await deleteVideoAlias(db, VID, 'polyv', POLYV), false)
      await deleteVideo(db, VID)
      assert.deepEqual(await listVideoAliases(db, VID), [])
    })

    it('stores a tenant’s vendor accounts, replaces and forgets them', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      assert.deepEqual(await findVendorAccounts(db, 'tn_a'), {})
      // Past 2^32, so a 32-bit column would show.
      const customerId = 1_234_567_890_123_456
      await setVendorAccount(db, 'tn_a', 'aliyun', { accountId: customerId }, at())
      await setVendorAccount(
        db,
        'tn_a',
        'tencent',
        { accountId: 1250000000, region: 'ap-guangzhou' },
        at(),
      )
      await setVendorAccount(
        db,
        'tn_a',
        'aliyun',
        { accountId: customerId, region: 'cn-beijing' },
        at(),
      )
      assert.deepEqual(await findVendorAccounts(db, 'tn_a'), {
        aliyun: { customerId, region: 'cn-beijing' },
        tencent: { appId: 1250000000, region: 'ap-guangzhou' },
      })
      assert.deepEqual(await findVendorAccounts(db, 'tn_b'), {})
      await setVendorAccount(db, 'tn_a', 'tencent', null, at())
      assert.deepEqual(await findVendorAccounts(db, 'tn_a'), {
        aliyun: { customerId, region: 'cn-beijing' },
      })
      await deleteTenant(db, 'tn_a')
      assert.deepEqual(await findVendorAccounts(db, 'tn_a'), {})
    })
  })
}
