// The caches every service reads through: TTL as a backstop, bounded size, one load per key, no
// keeping what a load read while an invalidation landed, stale-if-error, invalidation reaching
// every replica on the shared state (and only those), and hit/miss counts per cache name.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Registry } from 'prom-client'
import { fixedClock } from '../../src/core/ports.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import { createCaches, publishCacheReset } from '../../src/services/caches.ts'
import { SHARED_STATES } from '../helpers/shared-state.ts'

function world(t: { after: (fn: () => unknown) => void }) {
  const clock = fixedClock('2026-01-01T00:00:00Z')
  const state = createMemorySharedState({ clock, sweepIntervalMs: 0 })
  t.after(() => state.close())
  const caches = createCaches({ state, clock, crypto: nodeCrypto })
  let reads = 0
  const read = (value: string) => () => {
    reads++
    return Promise.resolve(value)
  }
  return { clock, state, caches, read, reads: () => reads }
}

describe('caches', () => {
  it('keeps a value for its TTL, then reads again', async (t) => {
    const { clock, caches, read, reads } = world(t)
    const cache = caches.named<string>('play-domains', { ttlMs: 1000 })
    assert.equal(await cache.get('a', read('one')), 'one')
    clock.advance(999)
    assert.equal(await cache.get('a', read('two')), 'one')
    clock.advance(1)
    assert.equal(await cache.get('a', read('two')), 'two')
    assert.equal(reads(), 2)
  })

  it('reads again when the clock stepped back', async (t) => {
    const { clock, caches, read } = world(t)
    const cache = caches.named<string>('play-domains', { ttlMs: 1000 })
    await cache.get('a', read('one'))
    clock.advance(-1)
    assert.equal(await cache.get('a', read('two')), 'two')
  })

  it('holds at most maxEntries, dropping the oldest', async (t) => {
    const { caches, read, reads } = world(t)
    const cache = caches.named<string>('play-domains', { ttlMs: 1000, maxEntries: 2 })
    await cache.get('a', read('a'))
    await cache.get('b', read('b'))
    await cache.get('c', read('c'))
    await cache.get('c', read('c'))
    await cache.get('b', read('b'))
    assert.equal(reads(), 3)
    await cache.get('a', read('a'))
    assert.equal(reads(), 4)
  })

  it('loads a key once for concurrent readers, and keeps only what `keep` accepts', async (t) => {
    const { caches, read, reads } = world(t)
    const cache = caches.named<string>('access-keys', { ttlMs: 1000 })
    const both = await Promise.all([cache.get('a', read('one')), cache.get('a', read('two'))])
    assert.deepEqual(both, ['one', 'one'])
    assert.equal(reads(), 1)
    await cache.get('refused', read('no'), (v) => v !== 'no')
    await cache.get('refused', read('no'), (v) => v !== 'no')
    assert.equal(reads(), 3)
  })

  it('does not keep what a load read while the key was invalidated', async (t) => {
    const { caches, read } = world(t)
    const cache = caches.named<string>('access-keys', { ttlMs: 1000 })
    const raced = await cache.get('a', async () => {
      await cache.invalidate('a')
      return 'old'
    })
    assert.equal(raced, 'old')
    assert.equal(await cache.get('a', read('new')), 'new')
  })

  it('answers from an expired entry while the loader fails, only when staleIfError', async (t) => {
    const { clock, caches, read } = world(t)
    const stale = caches.named<string>('play-domains', { ttlMs: 1000, staleIfError: true })
    const strict = caches.named<string>('live-streams', { ttlMs: 1000 })
    await stale.get('a', read('one'))
    await strict.get('a', read('one'))
    clock.advance(5000)
    const down = () => Promise.reject(new Error('storage down'))
    assert.equal(await stale.get('a', down), 'one')
    await assert.rejects(strict.get('a', down), /storage down/)
    await stale.invalidate('a')
    await assert.rejects(
      stale.get('a', down),
      /storage down/,
      'an invalidated entry never stands in',
    )
  })

  it('refuses a name defined twice', (t) => {
    const { caches } = world(t)
    caches.named('play-domains', { ttlMs: 1000 })
    assert.throws(() => caches.named('play-domains', { ttlMs: 1000 }), TypeError)
  })

  it('peeks without loading: what get would answer at once, counted as a hit only when given', async (t) => {
    const { clock, caches, read, reads } = world(t)
    const cache = caches.named<boolean>('live-stream-presence', { ttlMs: 1000 })
    assert.equal(cache.peek('a'), undefined, 'nothing held: get must load')
    await cache.get('a', () => Promise.resolve(false))
    assert.equal(cache.peek('a'), false)
    assert.equal(
      cache.peek('a', (held) => held),
      undefined,
      'refused by the caller: uncounted',
    )
    clock.advance(1000)
    assert.equal(cache.peek('a'), undefined, 'past its TTL')
    assert.equal(reads(), 0)
    const names = caches.named<string>('play-domains', { ttlMs: 1000 })
    await names.get('x', read('one'))
    await names.invalidate('x')
    assert.equal(names.peek('x'), undefined, 'invalidated')
    const register = new Registry()
    for (const metric of caches.metrics) register.registerMetric(metric)
    const text = await register.metrics()
    assert.match(
      text,
      /playgate_cache_lookups_total\{cache="live-stream-presence",result="hit"\} 1/,
    )
  })

  it('counts hits, misses and invalidations per cache name', async (t) => {
    const { caches, read } = world(t)
    const cache = caches.named<string>('play-domains', { ttlMs: 1000 })
    await cache.get('a', read('one'))
    await cache.get('a', read('one'))
    await cache.get('a', read('one'))
    await cache.invalidate('a', 'never-cached')
    const register = new Registry()
    for (const metric of caches.metrics) register.registerMetric(metric)
    const text = await register.metrics()
    assert.match(text, /playgate_cache_lookups_total\{cache="play-domains",result="hit"\} 2/)
    assert.match(text, /playgate_cache_lookups_total\{cache="play-domains",result="miss"\} 1/)
    assert.match(
      text,
      /playgate_cache_invalidations_total\{cache="play-domains",source="local"\} 1/,
    )
    assert.match(text, /playgate_cache_entries\{cache="play-domains"\} 0/)
  })
})

for (const kind of SHARED_STATES) {
  describe(`caches across replicas: ${kind.name} shared state`, () => {
    it('an invalidation reaches a replica on the same state, and not one on another', async (t) => {
      const h = await kind.create(t)
      const replica = (state: typeof h.state) => {
        const caches = createCaches({ state, clock: h.clock, crypto: nodeCrypto })
        return { caches, cache: caches.named<string>('play-domains', { ttlMs: 60_000 }) }
      }
      const a = replica(h.state)
      const b = replica(h.state)
      const elsewhere = replica(kind.sharedAcrossInstances ? h.sibling() : h.state)
      const own = createMemorySharedState({ clock: h.clock, sweepIntervalMs: 0 })
      t.after(() => own.close())
      const lonely = replica(own)
      for (const r of [a, b, elsewhere, lonely]) assert.equal(await r.caches.listening(), true)
      for (const r of [a, b, elsewhere, lonely])
        await r.cache.get('k', () => Promise.resolve('old'))
      await a.cache.invalidate('k')
      const fresh = () => Promise.resolve('new')
      assert.equal(await a.cache.get('k', fresh), 'new', 'dropped here at once')
      // Through Redis the message takes a round trip: poll, bounded.
      let seen = ['', '']
      for (let i = 0; i < 200; i++) {
        seen = [await b.cache.get('k', fresh), await elsewhere.cache.get('k', fresh)]
        if (seen.every((v) => v === 'new')) break
        await new Promise((r) => setTimeout(r, 5))
      }
      assert.deepEqual(seen, ['new', 'new'])
      assert.equal(await lonely.cache.get('k', fresh), 'old', 'no shared state, no message')
    })

    it('an import’s reset empties every cache of every replica', async (t) => {
      const h = await kind.create(t)
      const caches = createCaches({ state: h.state, clock: h.clock, crypto: nodeCrypto })
      await caches.listening()
      const domains = caches.named<string>('play-domains', { ttlMs: 60_000 })
      const keys = caches.named<string>('access-keys', { ttlMs: 60_000 })
      await domains.get('k', () => Promise.resolve('old'))
      await keys.get('k', () => Promise.resolve('old'))
      await publishCacheReset({ state: kind.sharedAcrossInstances ? h.sibling() : h.state })
      let seen: string[] = []
      for (let i = 0; i < 200; i++) {
        const fresh = () => Promise.resolve('new')
        seen = [await domains.get('k', fresh), await keys.get('k', fresh)]
        if (seen.every((v) => v === 'new')) break
        await new Promise((r) => setTimeout(r, 5))
      }
      assert.deepEqual(seen, ['new', 'new'])
    })
  })
}
