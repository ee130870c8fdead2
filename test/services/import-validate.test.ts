// Import validation: every problem of a file is reported at once, each with its path, before
// anything is written; clashes with other tenants' stored data count as problems too.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DIALECTS } from '../helpers/db.ts'
import { ImportRejectedError } from '../../src/services/import.ts'
import { exampleFixture, importWorld, rowCounts } from './import-harness.ts'

/** One of each kind of mistake, each in a different place. */
const BAD = {
  version: 2,
  tenants: [
    {
      id: 'tn_a',
      name: 'A',
      status: 'frozen',
      accessKeys: [
        { protocol: 'aliyun', keyId: 'LTAI1', secret: 's1' },
        { protocol: 'aliyun', keyId: 'LTAI1', secret: 's2' },
        { protocol: 'azure', keyId: 'x', secret: 'y' },
      ],
      playDomains: [
        { host: 'media.a.test', scheme: 'aliyun-a', isDefault: true },
        { host: 'Media.A.test', scheme: 'native', isDefault: true },
        { host: 'bad host!', scheme: 'native' },
        { host: 'c.a.test', scheme: 'aliyun-z', ttlSeconds: 0 },
      ],
      videos: [
        {
          referenceId: 'r1',
          title: 'ok',
          streams: [
            { location: '../../etc/passwd' },
            { location: '/etc/passwd' },
            { location: 'demo/missing.mp4' },
            { location: 'demo/mp4/demo.mp4', format: 'm3u8' },
            { location: 'demo/mp4/demo.mp4', definition: 'SD' },
            { location: 'demo/mp4/demo.mp4', definition: 'SD' },
          ],
        },
        { title: 'no id' },
        { id: 'NOT-HEX', title: 'x', colour: 'red' },
        { referenceId: 'r1', title: 'again' },
      ],
      dingtalk: {
        corpId: 'corp1',
        name: 'A',
        users: [{ unionId: 'U1', userId: 'u1', name: 'One' }],
        conferences: [
          {
            id: 'c1',
            title: 'C',
            hostUnionId: 'U9',
            participants: ['U1', 'U8'],
            startedAt: '2026-01-05T09:00:00Z',
            endedAt: '2026-01-05T08:00:00Z',
            recordings: [
              {
                id: 'r1',
                videoReferenceId: 'nope',
                regionId: 'cn-shenzhen',
                unionId: 'U1',
                startedAt: '2026-01-05 09:00',
                endedAt: '2026-01-05T09:01:00Z',
              },
              {
                id: 'r2',
                videoId: 'a'.repeat(32),
                videoReferenceId: 'r1',
                regionId: 'cn-shenzhen',
                unionId: 'U1',
                startedAt: '2026-01-05T09:00:00Z',
                endedAt: '2026-01-05T09:01:00Z',
              },
            ],
          },
        ],
      },
    },
    { id: 'tn_a', name: 'again' },
    { id: 'has space', name: 'B' },
  ],
}

/** [path, message], in file order. */
const EXPECTED: [string, string][] = [
  ['version', 'must be 1'],
  ['tenants[0].status', 'must be one of: active, suspended, disabled'],
  [
    'tenants[0].accessKeys[1].keyId',
    `duplicate aliyun access key "LTAI1" (first at tenants[0].accessKeys[0].keyId)`,
  ],
  ['tenants[0].accessKeys[2].protocol', 'must be one of: aliyun, tencent, dingtalk, polyv, native'],
  [
    'tenants[0].playDomains[1].host',
    `duplicate play domain host "media.a.test" (first at tenants[0].playDomains[0].host)`,
  ],
  [
    'tenants[0].playDomains[1].isDefault',
    'only one default play domain per tenant (tenants[0].playDomains[0])',
  ],
  ['tenants[0].playDomains[2].host', 'must be a host name such as media.example.com'],
  [
    'tenants[0].playDomains[3].scheme',
    'must be one of: aliyun-a, aliyun-b, aliyun-c, aliyun-f, tencent-live, tencent-cdn-a, tencent-cdn-b, tencent-cdn-c, tencent-cdn-d, tencent-vod-key, nginx-secure-link, native',
  ],
  ['tenants[0].playDomains[3].ttlSeconds', 'must be at least 1'],
  ['tenants[0].videos[0].streams[0].location', 'must be a path under the media root'],
  ['tenants[0].videos[0].streams[1].location', 'must be a path under the media root'],
  ['tenants[0].videos[0].streams[2].location', 'no such file under the media root'],
  ['tenants[0].videos[0].streams[3].format', 'demo/mp4/demo.mp4 is mp4, not m3u8'],
  [
    'tenants[0].videos[0].streams[5]',
    'duplicate mp4 SD stream of this video (first at tenants[0].videos[0].streams[4])',
  ],
  ['tenants[0].videos[1]', 'needs an id or a referenceId, so that importing it again updates it'],
  ['tenants[0].videos[2].id', 'must be 32 lower-case hex characters'],
  ['tenants[0].videos[2].colour', 'is not a known field'],
  [
    'tenants[0].videos[3].referenceId',
    `duplicate referenceId "r1" (first at tenants[0].videos[0].referenceId)`,
  ],
  [
    'tenants[0].dingtalk.conferences[0].hostUnionId',
    `unknown DingTalk user "U9" (add it under dingtalk.users)`,
  ],
  [
    'tenants[0].dingtalk.conferences[0].participants[1]',
    `unknown DingTalk user "U8" (add it under dingtalk.users)`,
  ],
  ['tenants[0].dingtalk.conferences[0].endedAt', 'must not be before startedAt'],
  [
    'tenants[0].dingtalk.conferences[0].recordings[0].startedAt',
    'must be an ISO 8601 time with a zone, e.g. 2026-01-05T09:00:00Z',
  ],
  [
    'tenants[0].dingtalk.conferences[0].recordings[1]',
    'needs exactly one of videoId and videoReferenceId',
  ],
  ['tenants[1].id', `duplicate tenant id "tn_a" (first at tenants[0].id)`],
  [
    'tenants[2].id',
    `must be 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit`,
  ],
]

const asProblems = (list: [string, string][]) => list.map(([path, message]) => ({ path, message }))

for (const dialect of DIALECTS) {
  describe(`import validation (${dialect})`, () => {
    it('reports every problem of a file at once, each with its path, in file order', async (t) => {
      const { importer } = await importWorld(t, dialect)
      assert.deepEqual(await importer.validate(BAD), asProblems(EXPECTED))
    })

    it('writes nothing when a file has problems', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      await assert.rejects(importer.apply(BAD), (error: unknown) => {
        assert.ok(error instanceof ImportRejectedError)
        assert.equal(error.message, 'the import document has 25 problems')
        assert.equal(error.problems.length, EXPECTED.length)
        return true
      })
      assert.deepEqual(Object.values(await rowCounts(db)), Array(17).fill(0))
    })

    it('says what a document that is not a mapping, or has no tenants, lacks', async (t) => {
      const { importer } = await importWorld(t, dialect)
      assert.deepEqual(await importer.validate('tenants: []'), [
        { path: '', message: 'must be a mapping of fields' },
      ])
      assert.deepEqual(await importer.validate({}), [{ path: 'tenants', message: 'is required' }])
      assert.deepEqual(await importer.validate({ tenants: [] }), [])
    })

    it('refuses hosts, keys, conferences and video ids that belong to another tenant', async (t) => {
      const { importer } = await importWorld(t, dialect)
      const other = exampleFixture() as { tenants: { id: string }[] }
      for (const tenant of other.tenants) tenant.id = `${tenant.id}_other`
      await importer.apply(other)
      assert.deepEqual(await importer.validate(exampleFixture()), [
        ...['LTAI5tAcmeExample00001', 'AKIDacmeExample000000000000000000001'].map((id, i) => ({
          path: `tenants[0].accessKeys[${i}].keyId`,
          message: `${i === 0 ? 'aliyun' : 'tencent'} access key "${id}" belongs to another tenant (tn_acme_other)`,
        })),
        {
          path: 'tenants[0].accessKeys[2].keyId',
          message: 'polyv access key "1b448be323" belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[0].accessKeys[3].keyId',
          message:
            'native access key "pk_acme_example_000001" belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[0].playDomains[0].host',
          message: 'play domain "media.acme.test" belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[0].playDomains[1].host',
          message: 'play domain "cdn.acme.test" belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[0].playDomains[2].host',
          message: 'play domain "live.acme.test" belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[0].videos[1].id',
          message:
            'video 1b448be323b452641878b54f21241188 belongs to another tenant (tn_acme_other)',
        },
        {
          path: 'tenants[1].accessKeys[0].keyId',
          message:
            'dingtalk access key "dingexampleappkey01" belongs to another tenant (tn_globex_other)',
        },
        {
          path: 'tenants[1].playDomains[0].host',
          message: 'play domain "play.globex.test" belongs to another tenant (tn_globex_other)',
        },
        {
          path: 'tenants[1].dingtalk.conferences[0].id',
          message: 'conference conf_weekly_2026_01_05 belongs to another tenant (tn_globex_other)',
        },
      ])
    })

    it('lets a recording point at a video stored by an earlier import', async (t) => {
      const { importer } = await importWorld(t, dialect)
      await importer.apply(exampleFixture())
      const later = {
        tenants: [
          {
            id: 'tn_globex',
            name: 'Globex Meetings',
            dingtalk: {
              corpId: 'dingexamplecorp0001',
              name: 'Globex',
              conferences: [
                {
                  id: 'conf_next',
                  title: 'Next week',
                  hostUnionId: 'UNION_HOST_1',
                  startedAt: '2026-01-12T09:00:00Z',
                  recordings: [
                    {
                      id: 'rec_next_1',
                      videoReferenceId: 'weekly-2026-01-05',
                      regionId: 'cn-shenzhen',
                      unionId: 'UNION_GUEST_2',
                      startedAt: '2026-01-12T09:00:00Z',
                      endedAt: '2026-01-12T09:00:06Z',
                    },
                    {
                      id: 'rec_next_2',
                      videoReferenceId: 'never-imported',
                      regionId: 'cn-shenzhen',
                      unionId: 'UNION_GUEST_2',
                      startedAt: '2026-01-12T09:00:00Z',
                      endedAt: '2026-01-12T09:00:06Z',
                    },
                  ],
                },
              ],
            },
          },
        ],
      }
      assert.deepEqual(await importer.validate(later), [
        {
          path: 'tenants[0].dingtalk.conferences[0].recordings[1].videoReferenceId',
          message: `unknown video referenceId "never-imported" (not in this tenant's videos)`,
        },
      ])
    })
  })
}
