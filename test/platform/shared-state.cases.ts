// The SharedState contract as one table of cases (hono's common.case), run by
// shared-state.test.ts against every implementation in SHARED_STATES.
import assert from 'node:assert/strict'
import type { SharedStateHarness, SharedStateKind } from '../helpers/shared-state.ts'

export interface SharedStateCase {
  readonly name: string
  /** A reason to skip this case for `kind`, or undefined to run it. */
  readonly skip?: (kind: SharedStateKind) => string | undefined
  run(h: SharedStateHarness, kind: SharedStateKind): Promise<void>
}

const unavailable = { name: 'AppError', code: 'UNAVAILABLE' }

export const SHARED_STATE_CASES: readonly SharedStateCase[] = [
  {
    name: 'remember returns true for a key it has not seen',
    async run({ state }) {
      assert.equal(await state.remember('nonce:a', 60), true)
    },
  },
  {
    name: 'remember returns false for a key seen within its window',
    async run({ state }) {
      await state.remember('nonce:a', 60)
      assert.equal(await state.remember('nonce:a', 60), false)
      assert.equal(await state.remember('nonce:b', 60), true)
    },
  },
  {
    name: 'remember keeps a key exactly its TTL, and a replay does not extend it',
    async run({ state, advance }) {
      await state.remember('nonce:a', 2)
      await advance(1000)
      assert.equal(await state.remember('nonce:a', 2), false)
      await advance(800)
      assert.equal(await state.remember('nonce:a', 2), false)
      await advance(200)
      assert.equal(await state.remember('nonce:a', 2), true)
    },
  },
  {
    name: 'remember rounds a fractional TTL up to whole seconds',
    async run({ state, advance }) {
      await state.remember('nonce:a', 0.2)
      await advance(800)
      assert.equal(await state.remember('nonce:a', 1), false)
      await advance(200)
      assert.equal(await state.remember('nonce:a', 1), true)
    },
  },
  {
    name: 'remember rejects a TTL that is not positive',
    async run({ state }) {
      await assert.rejects(state.remember('nonce:a', 0), TypeError)
      await assert.rejects(state.remember('nonce:a', Number.NaN), TypeError)
      await assert.rejects(state.set('k', 'v', -1), TypeError)
    },
  },
  {
    name: 'a sibling replica sees nonces and counters only when the store is shared',
    async run({ state, sibling }, kind) {
      const other = sibling()
      await state.remember('nonce:a', 60)
      assert.equal(await other.remember('nonce:a', 60), !kind.sharedAcrossInstances)
      await state.increment('rate:a', 60)
      const { count } = await other.increment('rate:a', 60)
      assert.equal(count, kind.sharedAcrossInstances ? 2 : 1)
    },
  },
  {
    name: 'increment counts within a window and reports the seconds until it resets',
    async run({ state, advance }) {
      assert.deepEqual(await state.increment('rate:a', 10), { count: 1, resetSeconds: 10 })
      await advance(3000)
      assert.deepEqual(await state.increment('rate:a', 10), { count: 2, resetSeconds: 7 })
      assert.deepEqual(await state.increment('rate:b', 10), { count: 1, resetSeconds: 10 })
    },
  },
  {
    name: 'increment starts a new window once the window has elapsed',
    async run({ state, advance }) {
      await state.increment('rate:a', 1)
      await state.increment('rate:a', 1)
      await advance(1000)
      assert.deepEqual(await state.increment('rate:a', 1), { count: 1, resetSeconds: 1 })
    },
  },
  {
    name: 'fifty concurrent increments count to exactly fifty',
    async run({ state }) {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => state.increment('rate:a', 60)),
      )
      const counts = results.map((r) => r.count).sort((a, b) => a - b)
      assert.deepEqual(
        counts,
        Array.from({ length: 50 }, (_, i) => i + 1),
      )
    },
  },
  {
    name: 'increment on a key holding text fails as a bug, not an outage',
    async run({ state }) {
      await state.set('k', 'not a number', 60)
      await assert.rejects(state.increment('k', 60), { name: 'AppError', code: 'INTERNAL' })
    },
  },
  {
    name: 'get returns what set stored until its TTL passes',
    async run({ state, advance }) {
      assert.equal(await state.get('k'), undefined)
      await state.set('k', 'v1', 5)
      assert.equal(await state.get('k'), 'v1')
      await advance(4000)
      assert.equal(await state.get('k'), 'v1')
      await advance(1000)
      assert.equal(await state.get('k'), undefined)
    },
  },
  {
    name: 'set overwrites the value and restarts the TTL',
    async run({ state, advance }) {
      await state.set('k', 'v1', 2)
      await advance(1500)
      await state.set('k', 'v2', 2)
      await advance(1500)
      assert.equal(await state.get('k'), 'v2')
    },
  },
  {
    name: 'delete removes a key, and deleting a missing key is a no-op',
    async run({ state }) {
      await state.set('k', 'v', 60)
      await state.remember('nonce:a', 60)
      await state.delete('k')
      await state.delete('nonce:a')
      await state.delete('missing')
      assert.equal(await state.get('k'), undefined)
      assert.equal(await state.remember('nonce:a', 60), true)
    },
  },
  {
    name: 'remember, increment and set share one key space',
    async run({ state }) {
      await state.remember('k', 60)
      assert.equal(await state.get('k'), '1')
      assert.deepEqual(await state.increment('k', 60), { count: 2, resetSeconds: 60 })
      assert.equal(await state.get('k'), '2')
    },
  },
  {
    name: 'set over a remembered key replaces it, and the key ends with the value',
    async run({ state, advance }) {
      await state.remember('k', 600)
      await state.set('k', 'v', 10)
      assert.equal(await state.get('k'), 'v')
      assert.equal(await state.remember('k', 600), false)
      await advance(10_000)
      assert.equal(await state.get('k'), undefined)
      assert.equal(await state.remember('k', 600), true)
    },
  },
  {
    name: 'ping answers true while open',
    async run({ state }) {
      assert.equal(await state.ping(), true)
    },
  },
  {
    name: 'after close, ping is false and every operation fails with UNAVAILABLE',
    async run({ state }) {
      await state.close()
      await state.close()
      assert.equal(await state.ping(), false)
      await assert.rejects(state.remember('nonce:a', 60), unavailable)
      await assert.rejects(state.increment('rate:a', 60), unavailable)
      await assert.rejects(state.get('k'), unavailable)
      await assert.rejects(state.set('k', 'v', 60), unavailable)
      await assert.rejects(state.delete('k'), unavailable)
      await assert.rejects(state.add('k', 1, 60), unavailable)
    },
  },
  {
    name: 'lease grants up to capacity members, renews a holder, and frees a slot when a lease ends',
    async run({ state, advance }) {
      assert.equal(await state.lease('cap', 'a', 2, 10), true)
      assert.equal(await state.lease('cap', 'b', 2, 10), true)
      assert.equal(await state.lease('cap', 'c', 2, 10), false)
      await advance(6000)
      assert.equal(await state.lease('cap', 'a', 2, 10), true)
      await advance(5000)
      assert.deepEqual(await state.leases('cap'), ['a'])
      assert.equal(await state.lease('cap', 'c', 2, 10), true)
      assert.deepEqual((await state.leases('cap')).sort(), ['a', 'c'])
      await state.release('cap', 'a')
      assert.deepEqual(await state.leases('cap'), ['c'])
      assert.deepEqual(await state.leases('none'), [])
    },
  },
  {
    name: 'consume takes uses up to the limit, refund gives one back, and the budget ends with its TTL',
    async run({ state, advance, sibling }, kind) {
      assert.equal(await state.consume('uses', 2, 60), true)
      const other = kind.sharedAcrossInstances ? sibling() : state
      assert.equal(await other.consume('uses', 2, 60), true)
      assert.equal(await state.consume('uses', 2, 60), false)
      await other.refund('uses')
      assert.equal(await state.consume('uses', 2, 60), true)
      assert.equal(await state.consume('uses', 2, 60), false)
      await state.refund('never-used')
      assert.equal(await state.consume('never-used', 1, 60), true)
      await advance(60_000)
      assert.equal(await state.consume('uses', 2, 60), true)
    },
  },
  {
    name: 'add sums amounts across instances, each add extends the lifetime, and it then ends',
    async run({ state, advance, sibling }, kind) {
      assert.equal(await state.add('bytes', 1000, 10), 1000)
      const other = kind.sharedAcrossInstances ? sibling() : state
      assert.equal(await other.add('bytes', 234, 10), 1234)
      assert.equal(await state.add('bytes', 0, 10), 1234)
      await advance(9000)
      assert.equal(await state.add('bytes', 1, 10), 1235)
      await advance(9000)
      assert.equal(await state.get('bytes'), '1235')
      await advance(2000)
      assert.equal(await state.get('bytes'), undefined)
      assert.equal(await state.add('bytes', 5, 10), 5)
      await assert.rejects(state.add('bytes', -1, 10), TypeError)
      await assert.rejects(state.add('bytes', 1.5, 10), TypeError)
      await assert.rejects(state.add('bytes', 1, 0), TypeError)
    },
  },
  {
    name: 'publish reaches every subscriber of the channel, here and (when shared) on a sibling',
    async run({ state, sibling }, kind) {
      const here: string[] = []
      const there: string[] = []
      const other = kind.sharedAcrossInstances ? sibling() : state
      await state.subscribe('news', { message: (text) => here.push(text) })
      await other.subscribe('news', { message: (text) => there.push(`other:${text}`) })
      await state.subscribe('elsewhere', { message: (text) => here.push(`wrong:${text}`) })
      await state.publish('news', 'a')
      await other.publish('news', 'b')
      await waitFor(() => here.length === 2 && there.length === 2)
      assert.deepEqual(here.sort(), ['a', 'b'])
      assert.deepEqual(there.sort(), ['other:a', 'other:b'])
    },
  },
  {
    name: 'unsubscribing stops delivery, and a throwing subscriber does not stop the others',
    async run({ state }) {
      const seen: string[] = []
      const stop = await state.subscribe('news', { message: (text) => seen.push(`1:${text}`) })
      await state.subscribe('news', {
        message() {
          throw new Error('subscriber bug')
        },
      })
      await state.subscribe('news', { message: (text) => seen.push(`3:${text}`) })
      await state.publish('news', 'a')
      await waitFor(() => seen.length === 2)
      stop()
      await state.publish('news', 'b')
      await waitFor(() => seen.length === 3)
      assert.deepEqual(seen, ['1:a', '3:a', '3:b'])
    },
  },
  {
    name: 'publish and subscribe fail with UNAVAILABLE after close',
    async run({ state }) {
      await state.close()
      await assert.rejects(state.publish('news', 'a'), unavailable)
      await assert.rejects(state.subscribe('news', { message() {} }), unavailable)
    },
  },
]

/** Messages travel through Redis asynchronously: polls, bounded, for what must arrive. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5))
  assert.ok(done(), 'the expected messages did not arrive within 1 s')
}
