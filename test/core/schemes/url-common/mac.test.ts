// MAC helpers (src/core/schemes/url-common/mac.ts): hex normalisation and ring matching.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  assertRing,
  findRingKey,
  md5Hex,
  normaliseHexMac,
} from '../../../../src/core/schemes/url-common/mac.ts'
import { crypto, ring } from './kit.ts'

describe('md5Hex and normaliseHexMac', () => {
  it('hashes UTF-8 to lower-case hex', () => {
    assert.equal(md5Hex(crypto, ''), 'd41d8cd98f00b204e9800998ecf8427e')
  })

  it('gives the same hex through a port without the native hashText helper', () => {
    const { hashText, ...plain } = crypto
    assert.equal(typeof hashText, 'function')
    for (const text of ['', 'x', '/v/\u00e9-1-0-0-key'])
      assert.equal(md5Hex(plain, text), md5Hex(crypto, text))
  })

  it('keeps a lower-case MAC as it is', () => {
    assert.equal(
      normaliseHexMac('0123456789abcdef0123456789abcdef'),
      '0123456789abcdef0123456789abcdef',
    )
  })

  it('lower-cases hex of the right length and refuses anything else', () => {
    assert.equal(
      normaliseHexMac('ABCDEF0123456789abcdef0123456789'),
      'abcdef0123456789abcdef0123456789',
    )
    assert.equal(normaliseHexMac('abc'), undefined)
    assert.equal(normaliseHexMac('g'.repeat(32)), undefined)
  })
})

describe('findRingKey', () => {
  const keys = ring('primary', 'backup')
  const macOf = (secret: string) => md5Hex(crypto, `x${secret}`)

  it('reports the index of the key that matches, primary first', () => {
    const expected = (key: { secret: string }) => [macOf(key.secret)]
    assert.equal(findRingKey(crypto, keys, macOf('primary'), expected), 0)
    assert.equal(findRingKey(crypto, keys, macOf('backup'), expected), 1)
    assert.equal(findRingKey(crypto, keys, macOf('other'), expected), undefined)
  })

  it('tries every candidate of a key', () => {
    const expected = (key: { secret: string }) => ['nope', macOf(key.secret)]
    assert.equal(findRingKey(crypto, keys, macOf('backup'), expected), 1)
  })

  it('throws on an empty ring: a configuration bug, not a verdict', () => {
    assert.throws(() => assertRing([]), TypeError)
    assert.throws(() => findRingKey(crypto, [], 'x', () => []), TypeError)
  })
})
