// Import of a tenant's vendor accounts and a video's own play domain, creation time, duration and
// vendor aliases, on every dialect: written from the example fixture, unchanged on a second run,
// and each mistake reported at its path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { importedVideoId } from '../../src/services/import-plan.ts'
import { findVendorAccounts } from '../../src/storage/repositories/vendor-accounts.ts'
import { listVideoAliases } from '../../src/storage/repositories/video-aliases.ts'
import { findVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS } from '../helpers/db.ts'
import { exampleFixture, FIXTURE_UNCHANGED, importWorld } from './import-harness.ts'

const LESSON_2 = '1b448be323b452641878b54f21241188'

function tenant(extra: Record<string, unknown>, videos: Record<string, unknown>[] = []) {
  return {
    tenants: [
      {
        id: 'tn_a',
        name: 'A',
        playDomains: [{ host: 'a.test', scheme: 'native' }],
        videos: [{ id: LESSON_2, title: 'One' }, ...videos],
        ...extra,
      },
    ],
  }
}

for (const dialect of DIALECTS) {
  describe(`import: accounts and a video's catalog fields (${dialect})`, () => {
    it('writes them from the example fixture, and finds them unchanged the second time', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      await importer.apply(exampleFixture())
      assert.deepEqual(await findVendorAccounts(db, 'tn_acme'), {
        aliyun: { customerId: 1234567890123456, region: 'cn-shanghai' },
        tencent: { appId: 1250000000 },
      })
      const trailer = await findVideo(
        db,
        importedVideoId(nodeCrypto, 'tn_acme', 'course-101-trailer'),
      )
      assert.deepEqual(
        [trailer?.playDomain, trailer?.createdAt, trailer?.duration],
        ['cdn.acme.test', new Date('2025-09-01T08:00:00Z'), 95.5],
      )
      assert.deepEqual(
        (await listVideoAliases(db, LESSON_2)).map((a) => [a.tenantId, a.vendor, a.alias]),
        [['tn_acme', 'polyv', `${LESSON_2}_1`]],
      )
      // A stream's duration wins over the file's.
      const lesson1 = await findVideo(
        db,
        importedVideoId(nodeCrypto, 'tn_acme', 'course-101-lesson-1'),
      )
      assert.equal(lesson1?.playDomain, null)
      assert.deepEqual(await importer.apply(exampleFixture()), FIXTURE_UNCHANGED)
    })

    it('leaves a vendor the file does not name alone, and replaces one it names', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      await importer.apply(
        tenant({ accounts: { aliyun: { customerId: 7 }, tencent: { appId: 1 } } }),
      )
      const summary = await importer.apply(
        tenant({ accounts: { aliyun: { region: 'cn-beijing' } } }),
      )
      assert.deepEqual(summary.accounts, { created: 0, updated: 1, unchanged: 0 })
      assert.deepEqual(await findVendorAccounts(db, 'tn_a'), {
        aliyun: { region: 'cn-beijing' },
        tencent: { appId: 1 },
      })
    })

    it('reports each mistake at its path', async (t) => {
      const { importer } = await importWorld(t, dialect)
      await importer.apply(
        tenant({}, [
          { id: 'b'.repeat(32), title: 'B', aliases: [{ vendor: 'dingtalk', alias: 'm1' }] },
        ]),
      )
      const bad = {
        tenants: [
          {
            id: 'tn_a',
            name: 'A',
            accounts: { aliyun: { customerId: -1, region: 'Shanghai' } },
            videos: [
              {
                id: LESSON_2,
                title: 'One',
                playDomain: 'nowhere.test',
                aliases: [
                  { vendor: 'polyv', alias: 'short_1' },
                  { vendor: 'dingtalk', alias: 'm1' },
                  { vendor: 'tencent', alias: 'live/x' },
                  { vendor: 'tencent', alias: 'live/x' },
                ],
              },
              { referenceId: 'long', title: 'Long', duration: -2 },
            ],
          },
          { id: 'tn_b', name: 'B', playDomains: [{ host: 'b.test', scheme: 'native' }] },
          {
            id: 'tn_c',
            name: 'C',
            videos: [{ referenceId: 'c', title: 'C', playDomain: 'b.test' }],
          },
        ],
      }
      assert.deepEqual(await importer.validate(bad), [
        { path: 'tenants[0].accounts.aliyun.customerId', message: 'must be at least 0' },
        {
          path: 'tenants[0].accounts.aliyun.region',
          message: 'must be a region id such as cn-shanghai or ap-guangzhou',
        },
        {
          path: 'tenants[0].videos[0].playDomain',
          message: `unknown play domain "nowhere.test" (not one of this tenant's)`,
        },
        {
          path: 'tenants[0].videos[0].aliases[0].alias',
          message: 'must be a Polyv vid: 32 lower-case hex characters, "_" and one letter or digit',
        },
        {
          path: 'tenants[0].videos[0].aliases[1].alias',
          message: `dingtalk alias "m1" already names video ${'b'.repeat(32)}`,
        },
        {
          path: 'tenants[0].videos[0].aliases[3].alias',
          message:
            'duplicate tencent alias "live/x" (first at tenants[0].videos[0].aliases[2].alias)',
        },
        { path: 'tenants[0].videos[1].duration', message: 'must be at least 0' },
        {
          path: 'tenants[2].videos[0].playDomain',
          message: `unknown play domain "b.test" (not one of this tenant's)`,
        },
      ])
    })
  })
}
