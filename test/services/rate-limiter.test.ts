// Rate limiter over every SharedState: fixed windows aligned to the clock, retryAfterSeconds,
// a per-second QPS limit, and one budget shared by sibling replicas.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRateLimiter } from '../../src/services/rate-limiter.ts'
import { SHARED_STATES } from '../helpers/shared-state.ts'

function limited(retryAfterSeconds: number) {
  return { name: 'AppError', code: 'RATE_LIMITED', details: { retryAfterSeconds } }
}

for (const kind of SHARED_STATES) {
  describe(`rate limiter on ${kind.name}`, () => {
    it('allows `limit` hits in a window and rejects the next with the seconds left', async (t) => {
      const { state, clock, advance } = await kind.create(t)
      const limiter = createRateLimiter(state, clock)
      const rule = { limit: 3, windowSeconds: 60 }
      for (let i = 0; i < 3; i++) await limiter.hit('ak:1', rule)
      await advance(15_000)
      await assert.rejects(limiter.hit('ak:1', rule), limited(45))
      await assert.rejects(limiter.hit('ak:1', rule), limited(45))
    })

    it('opens a new window at the next boundary of the clock', async (t) => {
      const { state, clock, advance } = await kind.create(t)
      const limiter = createRateLimiter(state, clock)
      const rule = { limit: 1, windowSeconds: 60 }
      await advance(59_000)
      await limiter.hit('ak:1', rule)
      await assert.rejects(limiter.hit('ak:1', rule), limited(1))
      await advance(1000)
      await limiter.hit('ak:1', rule)
    })

    it('enforces a 360 QPS limit per second (Aliyun)', async (t) => {
      const { state, clock, advance } = await kind.create(t)
      const limiter = createRateLimiter(state, clock)
      const qps = { limit: 360, windowSeconds: 1 }
      await advance(250)
      const results = await Promise.allSettled(
        Array.from({ length: 400 }, () => limiter.hit('GetPlayInfo', qps)),
      )
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 360)
      const refused = results.filter((r) => r.status === 'rejected')
      assert.equal(refused.length, 40)
      for (const { reason } of refused) {
        assert.deepEqual([reason.code, reason.details], ['RATE_LIMITED', { retryAfterSeconds: 1 }])
      }
      await assert.rejects(limiter.hit('GetPlayInfo', qps), limited(1))
      await advance(750)
      await limiter.hit('GetPlayInfo', qps)
    })

    it('counts keys and window lengths separately', async (t) => {
      const { state, clock } = await kind.create(t)
      const limiter = createRateLimiter(state, clock)
      await limiter.hit('ak:1', { limit: 1, windowSeconds: 1 })
      await limiter.hit('ak:2', { limit: 1, windowSeconds: 1 })
      await limiter.hit('ak:1', { limit: 1, windowSeconds: 60 })
      await assert.rejects(limiter.hit('ak:1', { limit: 1, windowSeconds: 1 }), limited(1))
    })

    it(
      'spends one budget across sibling replicas',
      { skip: kind.sharedAcrossInstances ? false : 'in-process state is per replica' },
      async (t) => {
        const { state, clock, sibling } = await kind.create(t)
        const rule = { limit: 2, windowSeconds: 10 }
        await createRateLimiter(state, clock).hit('ak:1', rule)
        await createRateLimiter(sibling(), clock).hit('ak:1', rule)
        await assert.rejects(createRateLimiter(state, clock).hit('ak:1', rule), limited(10))
      },
    )

    it('refuses a limit or window that is not a positive integer', async (t) => {
      const { state, clock } = await kind.create(t)
      const limiter = createRateLimiter(state, clock)
      await assert.rejects(limiter.hit('k', { limit: 0, windowSeconds: 1 }), TypeError)
      await assert.rejects(limiter.hit('k', { limit: 1, windowSeconds: 0.5 }), TypeError)
    })
  })
}
