// Native API, POST /v1/import: the example fixture as JSON and as YAML, idempotent re-import,
// and every kind of bad document as a 400 that lists each problem with its path.
import assert from 'node:assert/strict'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { describe, it } from 'node:test'
import { fixedClock } from '../../../src/core/ports.ts'
import { createMediaProbe } from '../../../src/platform/node/media-probe.ts'
import { buildTestApp } from '../../helpers/build-app.ts'
import {
  exampleFixture,
  FIXTURE_CREATED,
  FIXTURE_PATH,
  FIXTURE_UNCHANGED,
  REPO,
} from '../../services/import-harness.ts'

async function world(t: TestContext) {
  const w = await buildTestApp(t, {
    overrides: {
      clock: fixedClock('2026-01-01T00:00:00Z'),
      mediaProbe: createMediaProbe({ mode: 'builtin' }),
    },
  })
  cpSync(join(REPO, 'media/demo'), join(w.dataDir, 'media/demo'), { recursive: true })
  const post = async (payload: string, type: string, headers: Record<string, string> = w.admin) => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/v1/import',
      headers: { ...headers, 'content-type': type },
      payload,
    })
    return {
      status: res.statusCode,
      body: JSON.parse(res.body),
      requestId: String(res.headers['x-request-id']),
    }
  }
  return { ...w, post }
}

describe('native API: import', () => {
  it('imports a JSON document, then finds nothing to change the second time', async (t) => {
    const { post, services } = await world(t)
    const json = JSON.stringify(exampleFixture())
    const first = await post(json, 'application/json')
    assert.equal(first.status, 200)
    assert.deepEqual(first.body, { summary: FIXTURE_CREATED })
    const again = await post(json, 'application/json; charset=utf-8')
    assert.equal(again.status, 200)
    assert.deepEqual(again.body.summary, FIXTURE_UNCHANGED)
    assert.equal((await services.tenants.list()).total, 2)
  })

  it('imports YAML sent as application/yaml or text/yaml', async (t) => {
    const { post } = await world(t)
    const yaml = readFileSync(FIXTURE_PATH, 'utf8')
    assert.deepEqual(await post(yaml, 'application/yaml').then((r) => [r.status, r.body]), [
      200,
      { summary: FIXTURE_CREATED },
    ])
    const again = await post(yaml, 'text/yaml')
    assert.equal(again.status, 200)
    assert.equal(again.body.summary.videos.unchanged, 4)
  })

  it('answers 400 with every problem and its path, and writes nothing', async (t) => {
    const { post, services } = await world(t)
    const yaml = [
      'tenants:',
      '  - id: tn_a',
      '    name: A',
      '    status: frozen',
      '    videos:',
      '      - referenceId: r1',
      '        title: ""',
      '        streams:',
      '          - location: ../outside.mp4',
      '  - id: tn_a',
      '    name: again',
    ].join('\n')
    const reply = await post(yaml, 'application/yaml')
    assert.equal(reply.status, 400)
    assert.deepEqual(reply.body, {
      error: {
        code: 'INVALID_PARAMETER',
        message:
          'The import document has 4 problems, each in problems with its path; the first: tenants[0].status must be one of: active, suspended, disabled. Nothing was written.',
        parameter: 'body',
        requestId: reply.requestId,
        problems: [
          { path: 'tenants[0].status', message: 'must be one of: active, suspended, disabled' },
          { path: 'tenants[0].videos[0].title', message: 'must not be empty' },
          {
            path: 'tenants[0].videos[0].streams[0].location',
            message: 'must be a path under the media root',
          },
          { path: 'tenants[1].id', message: 'duplicate tenant id "tn_a" (first at tenants[0].id)' },
        ],
      },
    })
    assert.equal((await services.tenants.list()).total, 0)
  })

  it('reports YAML and JSON syntax errors as problems with their position', async (t) => {
    const { post } = await world(t)
    const yaml = await post('tenants:\n  - id: a\n  id: b\n', 'application/yaml')
    assert.equal(yaml.status, 400)
    assert.deepEqual(yaml.body.error.problems, [
      {
        path: '',
        message:
          'not valid YAML: line 3, column 1: All mapping items must start at the same column',
      },
    ])
    const json = await post('{"tenants": [', 'application/json')
    assert.equal(json.status, 400)
    assert.equal(json.body.error.problems.length, 1)
    assert.match(json.body.error.problems[0].message, /^not valid JSON: /)
    assert.match(
      json.body.error.message,
      /^The import document has 1 problem: not valid JSON: .+\. Nothing was written\.$/,
    )
  })

  // Regression #14: 5,000 nested "- " answered 400 once and aborted the process the second time;
  // 20,000 keys stalled /healthz for seconds. Both are refused by their shape, every time.
  it('refuses documents nested too deep or with too many keys, and keeps serving', async (t) => {
    const { post, app } = await world(t)
    const bodies = [
      ['- '.repeat(5000) + 'x\n', 'application/yaml', 'nested deeper than 64 levels'],
      ['['.repeat(20_000), 'application/json', 'nested deeper than 64 levels'],
      [
        Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n'),
        'application/yaml',
        'a mapping has more than 10000 keys',
      ],
    ] as const
    for (const [body, type, message] of [...bodies, ...bodies]) {
      const reply = await post(body, type)
      assert.deepEqual([reply.status, reply.body.error.problems], [400, [{ path: '', message }]])
    }
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
  })

  it('refuses a caller without the admin token before reading the body', async (t) => {
    const { post, services } = await world(t)
    const reply = await post(JSON.stringify(exampleFixture()), 'application/json', {})
    assert.equal(reply.status, 401)
    assert.equal(reply.body.error.code, 'UNAUTHENTICATED')
    assert.equal((await services.tenants.list()).total, 0)
  })

  it('refuses other content types', async (t) => {
    const { post } = await world(t)
    const reply = await post('tenants: []', 'text/plain')
    assert.equal(reply.status, 400)
    assert.equal(reply.body.error.code, 'INVALID_PARAMETER')
  })
})
