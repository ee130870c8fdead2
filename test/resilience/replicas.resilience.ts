// Resilience: two replicas (real servers) on one PostgreSQL database and one Redis. A signed API
// call's nonce used on one replica is refused on the other, and a URL revoked on one is refused
// by the other's edge; prints how long that took (p50, p99, max over the samples).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { admin, aliyunCall, seed, serverEnv, signedMp4, TENANT, VIDEO } from './clients.ts'
import { privateRedis, startServer, tempDir, freshDatabase } from './processes.ts'

const PG_URL = process.env.PLAYGATE_TEST_PG_URL
const SAMPLES = 20

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

describe('resilience: two replicas on one PostgreSQL and Redis', () => {
  it(
    'refuse a replayed nonce across replicas and see each other’s revocations',
    { skip: PG_URL ? false : 'PLAYGATE_TEST_PG_URL is not set' },
    async (t) => {
      const redis = await privateRedis(t)
      const env = {
        ...serverEnv(tempDir(t, 'playgate-replicas-'), await freshDatabase(t, PG_URL!)),
        PLAYGATE_REDIS_URL: redis.url,
      }
      await seed(env)
      const [a, b] = await Promise.all([startServer(t, env), startServer(t, env)])

      let replaysRefused = 0
      for (let i = 0; i < SAMPLES; i++) {
        const nonce = randomBytes(16).toString('hex')
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a]
        const params = { Action: 'GetVideoPlayAuth', VideoId: VIDEO }
        assert.equal((await aliyunCall(first.base, params, nonce)).status, 200)
        const replay = await aliyunCall(second.base, params, nonce)
        assert.equal(replay.body.PlayAuth, undefined, 'a replayed nonce got a PlayAuth')
        assert.equal(replay.body.Code, 'SignatureNonceUsed', JSON.stringify(replay.body))
        replaysRefused++
      }

      const propagation: number[] = []
      for (let i = 0; i < SAMPLES; i++) {
        const url = await signedMp4(a.base)
        const onB = url.replace(a.base, b.base)
        assert.equal((await fetch(onB)).status, 200)
        const revoked = await fetch(`${a.base}/v1/tenants/${TENANT}/revocations`, {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ url, reason: 'resilience' }),
        })
        assert.equal(revoked.status, 201, await revoked.text())
        const acknowledged = performance.now()
        let refused = false
        // Bounded: a revocation must reach the other replica long before this gives up.
        for (let poll = 0; poll < 2000 && !refused; poll++) {
          refused = (await fetch(onB)).status === 403
          if (!refused) await new Promise((done) => setTimeout(done, 5))
        }
        assert.ok(refused, 'the other replica never refused the revoked URL')
        propagation.push(performance.now() - acknowledged)
      }
      const sorted = propagation.sort((x, y) => x - y)
      const figures = {
        replaysRefused,
        revocations: sorted.length,
        propagationMs: {
          p50: Math.round(percentile(sorted, 50)),
          p99: Math.round(percentile(sorted, 99)),
          max: Math.round(sorted.at(-1)!),
        },
      }
      process.stdout.write(`resilience replicas: ${JSON.stringify(figures)}\n`)
    },
  )
})
