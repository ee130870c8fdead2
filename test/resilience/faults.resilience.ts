// Resilience: faults of the real parts (docs/operations.md, "When a dependency fails"). A real
// server runs on a private PostgreSQL cluster and a private Redis, each stopped and started by
// the test (never the shared ones): while Redis is gone nonces fail closed and already-issued
// URLs keep playing; while PostgreSQL restarts the API answers 503 in its own shape; both come
// back without a restart of PlayGate, and /readyz tells the truth throughout.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { isAppError } from '../../src/core/errors.ts'
import { buildEdgeTestApp, TENANT as EDGE_TENANT } from '../edge/edge-app.ts'
import { admin, aliyunCall, playAuthKeyId, seed, serverEnv, signedMp4 } from './clients.ts'
import {
  canRunPostgres,
  privatePostgres,
  privateRedis,
  startServer,
  tempDir,
  until,
} from './processes.ts'

async function readiness(base: string) {
  const response = await fetch(`${base}/readyz`)
  return { code: response.status, ...((await response.json()) as object) }
}

const status = async (url: string, init?: RequestInit) => (await fetch(url, init)).status

describe('resilience: Redis and PostgreSQL fail and come back', () => {
  it(
    'fails closed, keeps issued URLs playing, reports it on /readyz, and reconnects',
    { skip: canRunPostgres() ? false : 'no PostgreSQL binaries' },
    async (t) => {
      const [redis, postgres] = await Promise.all([privateRedis(t), privatePostgres(t)])
      const env = { ...serverEnv(tempDir(t, 'playgate-faults-'), postgres.url) }
      await seed(env)
      const server = await startServer(t, { ...env, PLAYGATE_REDIS_URL: redis.url })
      const { base } = server
      const url = await signedMp4(base)
      assert.deepEqual(await readiness(base), {
        code: 200,
        status: 'ready',
        checks: { database: true, sharedState: true },
      })
      assert.equal(await status(url), 200)
      assert.ok(await playAuthKeyId(base))

      // Redis gone: replay protection cannot be checked, so signed API calls fail closed.
      await redis.kill()
      const refused = await aliyunCall(base, { Action: 'GetVideoPlayAuth', VideoId: 'x' })
      assert.equal(refused.status, 503, JSON.stringify(refused))
      assert.equal(refused.body.PlayAuth, undefined)
      assert.equal(typeof refused.body.Code, 'string')
      assert.equal(await status(url), 200, 'an issued URL keeps playing')
      assert.deepEqual((await readiness(base)).code, 503)
      await redis.start()
      await until('API calls after Redis is back', async () => Boolean(await playAuthKeyId(base)))
      assert.deepEqual((await readiness(base)).code, 200)

      // PostgreSQL restarts: every connection is cut.
      await postgres.stop()
      const native = await fetch(`${base}/v1/videos`, { headers: admin })
      assert.equal(native.status, 503)
      assert.equal(((await native.json()) as { error: { code: string } }).error.code, 'UNAVAILABLE')
      const rpc = await aliyunCall(base, { Action: 'GetVideoPlayAuth', VideoId: 'x' })
      assert.equal(rpc.status, 503, JSON.stringify(rpc))
      assert.equal(await status(url), 200, 'an issued URL keeps playing')
      assert.equal((await readiness(base)).code, 503)
      await postgres.start()
      await until('API calls after PostgreSQL is back', async () =>
        Boolean(await playAuthKeyId(base)),
      )
      assert.equal((await readiness(base)).code, 200)
      assert.equal(await status(url), 200)
      process.stdout.write(
        `resilience faults: ${JSON.stringify({ redis: 'ok', postgres: 'ok' })}\n`,
      )
    },
  )

  it('disk full (SQLite cannot grow): writes answer 503, no unaudited credential, URLs play', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const url = edge.signedUrl(domain, '/demo/mp4/demo.mp4')
    const video = await edge.services.videos.create({
      tenantId: EDGE_TENANT,
      title: 'V',
      status: 'Normal',
    })
    // The database may not grow by a page: what SQLite reports when the disk is full.
    const db = edge.runtime.db
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!
    await sql.raw(`pragma max_page_count = ${pages.page_count}`).execute(db)
    let full = 0
    for (let i = 0; i < 600 && full === 0; i++) {
      const response = await fetch(`${edge.base}/v1/videos`, {
        method: 'POST',
        headers: { ...edge.admin, 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: EDGE_TENANT, title: 'T', description: 'x'.repeat(1000) }),
      })
      if (response.status === 503) full++
      else assert.equal(response.status, 201)
    }
    assert.equal(full, 1, 'a write that does not fit answers 503 UNAVAILABLE')
    // Audit events fill what room the pages have left; then no PlayAuth goes out unaudited.
    let refusal: unknown
    for (let i = 0; i < 500 && refusal === undefined; i++)
      await edge.services.aliyunPlayback
        .issuePlayAuth({ tenantId: EDGE_TENANT, videoId: video.id })
        .catch((error: unknown) => (refusal = error))
    assert.ok(isAppError(refusal) && refusal.code === 'UNAVAILABLE', String(refusal))
    assert.equal(await status(url), 200, 'an issued URL keeps playing')
    assert.equal((await readiness(edge.base)).code, 200, 'reads still answer')
  })
})
