// The Node crypto port's comparisons: text MACs compared through reused buffers answer as
// byte-wise comparisons do, whatever the length or the characters.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nodeCrypto } from '../../../src/platform/node/crypto.ts'

describe('nodeCrypto.timingSafeEqual', () => {
  it('answers true for equal strings and false for any difference', () => {
    const mac = 'q1W2e3R4t5Y6u7I8o9P0aA'
    assert.equal(nodeCrypto.timingSafeEqual(mac, mac.slice()), true)
    assert.equal(nodeCrypto.timingSafeEqual(mac, mac.slice(0, -1) + 'B'), false)
    assert.equal(nodeCrypto.timingSafeEqual(mac, mac.slice(0, -1)), false)
    assert.equal(nodeCrypto.timingSafeEqual('', ''), true)
    assert.equal(nodeCrypto.timingSafeEqual('', 'a'), false)
  })

  it('compares UTF-8 bytes, so strings of one length but other encodings differ', () => {
    assert.equal(nodeCrypto.timingSafeEqual('é', 'é'), true)
    assert.equal(nodeCrypto.timingSafeEqual('é', 'e'), false)
    assert.equal(nodeCrypto.timingSafeEqual('\u{1F600}'.repeat(32), '\u{1F600}'.repeat(32)), true)
  })

  it('compares strings longer than its scratch buffers, and bytes, as before', () => {
    const long = 'x'.repeat(65)
    assert.equal(nodeCrypto.timingSafeEqual(long, 'x'.repeat(65)), true)
    assert.equal(nodeCrypto.timingSafeEqual(long, 'x'.repeat(64) + 'y'), false)
    assert.equal(nodeCrypto.timingSafeEqual('x'.repeat(64), long), false)
    assert.equal(nodeCrypto.timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true)
    assert.equal(nodeCrypto.timingSafeEqual('ab', new Uint8Array([97, 98])), true)
  })

  it('does not let one comparison see the bytes of the one before', () => {
    assert.equal(nodeCrypto.timingSafeEqual('abcdef', 'abcdef'), true)
    assert.equal(nodeCrypto.timingSafeEqual('abc', 'abd'), false)
    assert.equal(nodeCrypto.timingSafeEqual('abc', 'abc'), true)
  })
})
