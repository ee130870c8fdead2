// Two replicas (each a whole app on one SQLite file and one Redis, sharing a fixed clock so no
// cache TTL can run out meanwhile): a video blocked, changed, imported or deleted through replica
// A's native API is seen by replica B's PlayAuth issuance within 1 s (the invalidation published
// through Redis) and by A at once. One replica: test/services/video-cache.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodePlayAuth } from '../../src/core/schemes/aliyun-play-auth/canonical.ts'
import { isAppError } from '../../src/core/errors.ts'
import { TEST_ADMIN_TOKEN } from '../helpers/build-app.ts'
import { REDIS_SKIP, twoReplicas } from '../edge/replicas.ts'
import { TENANT } from '../edge/edge-app.ts'

const VIDEO = 'cac4e1'.padEnd(32, '0')
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
/** Generous: the propagation asserted is 1 s; polling longer only tells a slow one from none. */
const POLL_LIMIT_MS = 5000

type Replica = Awaited<ReturnType<typeof twoReplicas>>['a']

/** The PlayAuth's title, or the refusal's code. */
async function issued(replica: Replica): Promise<string> {
  try {
    const { playAuth } = await replica.services.aliyunPlayback.issuePlayAuth({
      tenantId: TENANT,
      videoId: VIDEO,
    })
    return `title:${decodePlayAuth(playAuth)!.videoMeta.title}`
  } catch (error) {
    if (isAppError(error)) return `code:${error.code}`
    throw error
  }
}

async function msUntil(what: string, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now()
  while (!(await check())) {
    if (performance.now() - started > POLL_LIMIT_MS) assert.fail(`${what}: never seen`)
    await new Promise((done) => setTimeout(done, 5))
  }
  const ms = performance.now() - started
  process.stdout.write(`video cache: ${what} after ${ms.toFixed(1)} ms\n`)
  return ms
}

async function call(replica: Replica, method: string, path: string, body?: unknown) {
  const response = await fetch(`${replica.base}${path}`, {
    method,
    headers: body === undefined ? admin : { ...admin, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`)
}

describe('video cache on two replicas on one Redis', { skip: REDIS_SKIP }, () => {
  it('sees a video changed, blocked, imported and deleted on the other within 1 s', async (t) => {
    const { a, b } = await twoReplicas(t)
    await a.domain('aliyun-a', { isDefault: true })
    await a.services.videos.create({ tenantId: TENANT, id: VIDEO, title: 'First' })
    await a.services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
    // Both replicas have the video cached.
    assert.equal(await issued(a), 'title:First')
    assert.equal(await issued(b), 'title:First')

    const steps: [string, () => Promise<void>, string][] = [
      [
        'a new title',
        () => call(a, 'PATCH', `/v1/videos/${VIDEO}`, { title: 'Second' }),
        'title:Second',
      ],
      [
        'a block',
        () => call(a, 'PATCH', `/v1/videos/${VIDEO}`, { status: 'Blocked' }),
        'code:MEDIA_NOT_READY',
      ],
      [
        'an import',
        () =>
          call(a, 'POST', '/v1/import', {
            tenants: [
              {
                id: TENANT,
                name: 'Edge tests',
                videos: [{ id: VIDEO, title: 'Imported', status: 'Normal' }],
              },
            ],
          }),
        'title:Imported',
      ],
      ['a deletion', () => call(a, 'DELETE', `/v1/videos/${VIDEO}`), 'code:NOT_FOUND'],
    ]
    for (const [what, change, expected] of steps) {
      await change()
      // The replica that made the change: at once.
      assert.equal(await issued(a), expected, what)
      // The clock is fixed: only the published invalidation can make B see it.
      const ms = await msUntil(`${what} on B`, async () => (await issued(b)) === expected)
      assert.ok(ms < 1000, `${what}: B took ${ms} ms`)
    }
  })

  it('forgets a tenant’s videos on the other when the tenant is removed', async (t) => {
    const { a, b } = await twoReplicas(t)
    await a.domain('aliyun-a', { isDefault: true })
    await a.services.videos.create({ tenantId: TENANT, id: VIDEO, title: 'First' })
    await a.services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
    assert.equal(await issued(b), 'title:First')
    await call(a, 'DELETE', `/v1/tenants/${TENANT}`)
    assert.equal(await issued(a), 'code:NOT_FOUND')
    const ms = await msUntil(
      'the removed tenant’s video on B',
      async () => (await issued(b)) === 'code:NOT_FOUND',
    )
    assert.ok(ms < 1000, `B took ${ms} ms`)
  })
})
