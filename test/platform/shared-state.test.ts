// Runs the SharedState contract on every implementation, then what is particular to each:
// the in-memory store's bounds and sweeping, and the Redis store's behaviour when Redis is down.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { inspect } from 'node:util'
import { fixedClock } from '../../src/core/ports.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import {
  createRedisSharedState,
  redactRedisUrl,
} from '../../src/platform/redis/redis-shared-state.ts'
import { SHARED_STATES, TEST_EPOCH } from '../helpers/shared-state.ts'
import { SHARED_STATE_CASES } from './shared-state.cases.ts'

for (const kind of SHARED_STATES) {
  describe(`shared state: ${kind.name}`, () => {
    for (const c of SHARED_STATE_CASES) {
      it(c.name, { skip: c.skip?.(kind) ?? false }, async (t) => {
        await c.run(await kind.create(t), kind)
      })
    }
  })
}

describe('memory shared state', () => {
  it('evicts the value expiring soonest when full, so a flood cannot grow it', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, maxEntries: 3, sweepIntervalMs: 0 })
    t.after(() => state.close())
    await state.set('long', 'l', 300)
    await state.set('short', 's', 10)
    await state.set('middle', 'm', 60)
    await state.set('new', 'n', 120)
    assert.equal(state.size(), 3)
    assert.equal(await state.get('short'), undefined, 'the soonest to expire was evicted')
    assert.equal(await state.get('long'), 'l')
    for (let i = 0; i < 1000; i++) await state.set(`flood:${i}`, 'x', 60)
    assert.equal(state.size(), 3)
  })

  it('evicts expired values before live ones', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, maxEntries: 2, sweepIntervalMs: 0 })
    t.after(() => state.close())
    await state.set('expires', 'e', 1)
    await state.set('stays', 's', 60)
    clock.advance(5000)
    await state.set('new', 'n', 30)
    assert.equal(await state.get('stays'), 's')
  })

  it('never forgets a remembered key within its window: when full, remember fails closed', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, maxRemembered: 3, sweepIntervalMs: 0 })
    t.after(() => state.close())
    await state.remember('long', 300)
    await state.remember('short', 10)
    await state.remember('middle', 60)
    await assert.rejects(state.remember('new', 120), {
      code: 'UNAVAILABLE',
      message: 'the in-process replay store is full',
    })
    for (const replay of ['long', 'short', 'middle'])
      assert.equal(await state.remember(replay, 300), false, `${replay} is still refused`)
    clock.advance(9500)
    await assert.rejects(state.remember('new', 120), { code: 'UNAVAILABLE' })
    // 'short' has expired, but within a second of finding the set full it does not look again
    // (a flood at the bound rebuilds nothing).
    clock.advance(500)
    await assert.rejects(state.remember('new', 120), { code: 'UNAVAILABLE' })
    clock.advance(500)
    assert.equal(await state.remember('new', 120), true, 'the expired one made room')
    assert.equal(await state.remember('new', 120), false)
    await assert.rejects(state.remember('short', 10), { code: 'UNAVAILABLE' }, 'full again')
  })

  it('holds remembered keys apart from values, and sweeps expired ones all at once', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, maxEntries: 2, sweepIntervalMs: 0 })
    t.after(() => state.close())
    for (let i = 0; i < 5000; i++) await state.remember(`nonce:${i}`, i < 4000 ? 1 : 60)
    await state.set('a', 'a', 60)
    await state.set('b', 'b', 60)
    assert.equal(state.size(), 5002)
    for (const i of [0, 3999, 4000, 4999])
      assert.equal(await state.remember(`nonce:${i}`, 60), false)
    clock.advance(1000)
    assert.equal(state.sweep(), 4000)
    assert.equal(state.size(), 1002)
    assert.equal(await state.remember('nonce:0', 60), true)
    assert.equal(await state.remember('nonce:4999', 60), false)
    assert.deepEqual([await state.get('a'), await state.get('b')], ['a', 'b'])
  })

  it('re-setting a key does not count it twice against the bound', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, maxEntries: 2, sweepIntervalMs: 0 })
    t.after(() => state.close())
    for (let i = 0; i < 5000; i++) await state.set('a', String(i), 60)
    await state.set('b', 'b', 60)
    assert.equal(await state.get('a'), '4999')
    assert.equal(await state.get('b'), 'b')
  })

  it('sweeps expired values in bounded batches', async (t) => {
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, sweepIntervalMs: 0, sweepBatch: 4 })
    t.after(() => state.close())
    for (let i = 0; i < 10; i++) await state.set(`n:${i}`, 'x', 1)
    await state.set('live', 'x', 60)
    assert.equal(state.sweep(), 0)
    clock.advance(1000)
    assert.deepEqual([state.sweep(), state.sweep(), state.sweep(), state.sweep()], [4, 4, 2, 0])
    assert.equal(state.size(), 1)
  })

  it('sweeps on its timer, and close stops the timer', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] })
    const clock = fixedClock(TEST_EPOCH)
    const state = createMemorySharedState({ clock, sweepIntervalMs: 1000 })
    await state.remember('n', 1)
    clock.advance(1000)
    t.mock.timers.tick(999)
    assert.equal(state.size(), 1)
    t.mock.timers.tick(1)
    assert.equal(state.size(), 0)
    await state.close()
    await assert.rejects(state.remember('n', 1), { code: 'UNAVAILABLE' })
    t.mock.timers.tick(5000)
  })

  it('refuses bad bounds at construction', () => {
    const clock = fixedClock(TEST_EPOCH)
    assert.throws(() => createMemorySharedState({ clock, maxEntries: 0 }), TypeError)
    assert.throws(() => createMemorySharedState({ clock, sweepBatch: 1.5 }), TypeError)
    assert.throws(() => createMemorySharedState({ clock, maxRemembered: 0 }), TypeError)
  })
})

// These need no Redis server: port 1 on localhost refuses connections at once.
describe('redis shared state without a server', () => {
  const DOWN_URL = 'redis://:s3cret-pw@127.0.0.1:1/0'

  it('fails with UNAVAILABLE within the command timeout instead of hanging', async (t) => {
    const state = createRedisSharedState({ url: DOWN_URL, commandTimeoutMs: 500 })
    t.after(() => state.close())
    const started = Date.now()
    await assert.rejects(state.remember('nonce:a', 60), { name: 'AppError', code: 'UNAVAILABLE' })
    await assert.rejects(state.increment('rate:a', 1), { code: 'UNAVAILABLE' })
    assert.equal(await state.ping(), false)
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`)
  })

  it('never puts the password in an error, its cause, or what it reports', async (t) => {
    const reported: unknown[] = []
    const state = createRedisSharedState({
      url: DOWN_URL,
      commandTimeoutMs: 500,
      onError: (error) => reported.push(error),
    })
    t.after(() => state.close())
    const error = await state.get('k').then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    )
    assert.equal(reported.length, 1, 'one report per outage')
    for (const shown of [error, ...reported]) {
      const text = inspect(shown, { depth: 10 })
      assert.match(text, /UNAVAILABLE/)
      assert.doesNotMatch(text, /s3cret-pw/)
    }
  })

  it('redacts the password from a URL for logs', () => {
    assert.equal(redactRedisUrl(DOWN_URL), 'redis://:***@127.0.0.1:1/0')
    assert.equal(redactRedisUrl('redis://app:pw@cache:6380'), 'redis://app:***@cache:6380')
    assert.equal(redactRedisUrl('rediss://cache'), 'rediss://cache')
  })

  it('refuses a URL that is not redis:// without echoing it', () => {
    assert.throws(
      () => createRedisSharedState({ url: 'http://u:topsecret@h' }),
      (e: Error) => {
        assert.ok(e instanceof TypeError)
        assert.doesNotMatch(e.message, /topsecret/)
        return true
      },
    )
    assert.throws(() => createRedisSharedState({ url: 'not a url :topsecret' }), TypeError)
  })
})
