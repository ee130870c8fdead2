// Import of DingTalk apps and transcripts: an app must be one of the tenant's dingtalk keys, scopes
// must look like permission codes, transcript speakers must be users, and a transcript in the file
// replaces the stored one while an absent one leaves it alone.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createServices } from '../../src/services/container.ts'
import { ImportRejectedError } from '../../src/services/import.ts'
import { countTranscript } from '../../src/storage/repositories/transcripts.ts'
import { importWorld } from './import-harness.ts'

function doc(dingtalk: Record<string, unknown>, accessKeys: unknown[] = []) {
  return {
    tenants: [
      {
        id: 'tn_a',
        name: 'A',
        accessKeys,
        dingtalk: {
          corpId: 'corp-a',
          name: 'A',
          users: [{ unionId: 'U1', userId: 'u1', name: 'One' }],
          ...dingtalk,
        },
      },
    ],
  }
}

const conference = (transcript?: unknown[]) => ({
  id: 'c1',
  title: 'C',
  hostUnionId: 'U1',
  startedAt: '2026-01-05T09:00:00Z',
  ...(transcript ? { transcript } : {}),
})

const paragraph = (startTime: number, unionId = 'U1') => ({
  unionId,
  paragraph: `at ${startTime}`,
  startTime,
  endTime: startTime + 10,
})

describe('import: DingTalk apps and transcripts', () => {
  it('lists every problem of apps and transcripts with its path', async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    const problems = await importer.validate(
      doc(
        {
          apps: [
            { appKey: 'dingnokey', scopes: [] },
            { appKey: 'LTAIaliyun', scopes: ['x'] },
            { appKey: 'dingok', scopes: ['bad scope!'] },
          ],
          conferences: [conference([paragraph(0, 'U9'), { ...paragraph(5), endTime: 1 }])],
        },
        [
          { protocol: 'aliyun', keyId: 'LTAIaliyun', secret: 's' },
          { protocol: 'dingtalk', keyId: 'dingok', secret: 's' },
        ],
      ),
    )
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        'tenants[0].dingtalk.apps[0].appKey',
        'tenants[0].dingtalk.apps[1].appKey',
        'tenants[0].dingtalk.apps[2].scopes[0]',
        'tenants[0].dingtalk.conferences[0].transcript[0].unionId',
        'tenants[0].dingtalk.conferences[0].transcript[1].endTime',
      ],
    )
  })

  it('replaces a transcript given in the file and keeps one the file leaves out', async (t) => {
    const { importer, db } = await importWorld(t, 'sqlite')
    const key = [{ protocol: 'dingtalk', keyId: 'dingok', secret: 's' }]
    const first = await importer.apply(
      doc({ conferences: [conference([paragraph(0), paragraph(20)])] }, key),
    )
    assert.deepEqual(first.transcripts, { created: 1, updated: 0, unchanged: 0 })
    assert.equal(await countTranscript(db, 'c1'), 2)
    const again = await importer.apply(
      doc({ conferences: [conference([paragraph(20), paragraph(0)])] }, key),
    )
    assert.deepEqual(again.transcripts, { created: 0, updated: 0, unchanged: 1 })
    const edited = await importer.apply(doc({ conferences: [conference([paragraph(5)])] }, key))
    assert.deepEqual(edited.transcripts, { created: 0, updated: 1, unchanged: 0 })
    assert.equal(await countTranscript(db, 'c1'), 1)
    await importer.apply(doc({ conferences: [conference()] }, key))
    assert.equal(await countTranscript(db, 'c1'), 1)
  })

  it('drops an app token when an import disables the key or changes its secret; none comes back', async (t) => {
    const { importer, deps } = await importWorld(t, 'sqlite')
    const services = createServices(deps)
    const key = (status: string, secret = 'app-secret-one-0123456789') => ({
      protocol: 'dingtalk',
      keyId: 'dingimported',
      secret,
      status,
    })
    await importer.apply(doc({}, [key('active')]))
    const token = (await services.dingtalkTokens.issue('dingimported', 'app-secret-one-0123456789'))
      .accessToken
    // Disabled and enabled again by two imports, with no request in between.
    await importer.apply(doc({}, [key('disabled')]))
    await importer.apply(doc({}, [key('active')]))
    const verdict = await services.dingtalkTokens.authenticate(token)
    assert.equal(verdict.ok ? 'ok' : verdict.code, 'TOKEN_INVALID')
    // A secret rotated away and back again.
    const next = (await services.dingtalkTokens.issue('dingimported', 'app-secret-one-0123456789'))
      .accessToken
    await importer.apply(doc({}, [key('active', 'app-secret-two-0123456789')]))
    await importer.apply(doc({}, [key('active')]))
    assert.equal((await services.dingtalkTokens.authenticate(next)).ok, false)
  })

  it('refuses the whole file when an app is unknown', async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    await assert.rejects(
      importer.apply(doc({ apps: [{ appKey: 'dingnokey', scopes: [] }] })),
      ImportRejectedError,
    )
  })
})
