// The compact set behind the in-process store's remembered keys: probe chains that survive
// removals and expiries, growth that keeps every live key, and a bound it never evicts to keep.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fingerprinter, RememberedSet } from '../../src/platform/node/remembered-set.ts'

const NOW = 1_000_000
// Fingerprints that all start their probe at slot 7, so they share one chain.
const chained = (n: number) => ({ hi: n, lo: 7 })

describe('remembered set', () => {
  it('holds a key until its expiry, and refuses it while live', () => {
    const set = new RememberedSet(10)
    assert.equal(set.add(chained(1), NOW + 1000, NOW), true)
    assert.equal(set.add(chained(1), NOW + 5000, NOW + 999), false)
    assert.equal(set.find(chained(1), NOW + 999), NOW + 1000)
    assert.equal(set.find(chained(1), NOW + 1000), undefined)
    assert.equal(set.add(chained(1), NOW + 5000, NOW + 1000), true)
    assert.equal(set.held, 1)
  })

  it('finds keys past removed and expired ones in the same probe chain', () => {
    const set = new RememberedSet(10)
    for (let n = 1; n <= 5; n++) set.add(chained(n), NOW + n * 1000, NOW)
    set.remove(chained(2))
    assert.equal(set.find(chained(2), NOW), undefined)
    assert.equal(set.find(chained(5), NOW + 2000), NOW + 5000, 'past the removed and expired')
    // A new key may take the first free slot, but only once the chain shows it is not held.
    assert.equal(set.add(chained(4), NOW + 9000, NOW + 2000), false)
    assert.equal(set.add(chained(6), NOW + 9000, NOW + 2000), true)
    assert.equal(set.find(chained(6), NOW + 2000), NOW + 9000)
    assert.equal(set.held, 4, 'the new key took the expired slot of key 1')
  })

  it('keeps every live key as it grows, and purges the expired ones', () => {
    const set = new RememberedSet(100_000)
    const key = fingerprinter()
    for (let i = 0; i < 50_000; i++)
      assert.ok(set.add(key(`n${i}`), NOW + (i % 2 ? 1000 : 60_000), NOW))
    for (let i = 0; i < 50_000; i++) assert.ok(set.find(key(`n${i}`), NOW) !== undefined, `n${i}`)
    assert.equal(set.purge(NOW + 1000), 25_000)
    assert.equal(set.held, 25_000)
    for (let i = 0; i < 50_000; i += 1111)
      assert.equal(set.find(key(`n${i}`), NOW + 1000) !== undefined, i % 2 === 0, `n${i}`)
  })

  it('refuses a new key when full of live ones, and takes it once one has expired', () => {
    const set = new RememberedSet(2)
    set.add(chained(1), NOW + 1000, NOW)
    set.add(chained(2), NOW + 60_000, NOW)
    assert.throws(() => set.add(chained(3), NOW + 1000, NOW), RangeError)
    assert.equal(
      set.add(chained(1), NOW + 1000, NOW),
      false,
      'a held key is still refused, not an error',
    )
    assert.equal(set.add(chained(3), NOW + 9000, NOW + 2000), true)
    assert.equal(set.find(chained(2), NOW + 2000), NOW + 60_000)
  })

  it('fingerprints are salted per process: the same key differs between two fingerprinters', () => {
    const [a, b] = [fingerprinter(), fingerprinter()]
    assert.deepEqual(a('nonce:k:n1'), a('nonce:k:n1'))
    assert.notDeepEqual(a('nonce:k:n1'), b('nonce:k:n1'))
    assert.notDeepEqual(a('nonce:k:n1'), a('nonce:k:n2'))
  })
})
