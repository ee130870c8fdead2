import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { pureCodec } from '../../../src/core/encoding/bytes.ts'
import { nodeCodec } from '../../../src/platform/node/codec.ts'
import { nodeCrypto } from '../../../src/platform/node/crypto.ts'

describe('platform/node: native codec', () => {
  it('encodes exactly as core hand-written encoders, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.deepEqual([...nodeCodec.utf8(s)], [...pureCodec.utf8(s)])
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same hex, base64 and base64url for any bytes, views into larger buffers too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(8), (bytes, skip) => {
        const backing = new Uint8Array(skip + bytes.length + 3)
        backing.set(bytes, skip)
        const view = backing.subarray(skip, skip + bytes.length)
        for (const input of [bytes, view]) {
          assert.equal(nodeCodec.toHex(input), pureCodec.toHex(input))
          assert.equal(nodeCodec.toBase64(input), pureCodec.toBase64(input))
          assert.equal(nodeCodec.toBase64Url(input), pureCodec.toBase64Url(input))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('decodes strictly like the pure decoder: invalid sequences are undefined, a BOM is kept', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xff],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ])
      assert.equal(nodeCodec.fromUtf8(Uint8Array.from(bad)), undefined, JSON.stringify(bad))
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])
    assert.equal(nodeCodec.fromUtf8(bom), pureCodec.fromUtf8(bom))
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        assert.equal(nodeCodec.fromUtf8(bytes), pureCodec.fromUtf8(bytes))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('platform/node: pooled random bytes', () => {
  it('hands out distinct bytes that later reads never overwrite', () => {
    const first = nodeCrypto.randomBytes(16)
    const copy = Uint8Array.from(first)
    const seen = new Set<string>()
    for (let i = 0; i < 1000; i++) seen.add(Buffer.from(nodeCrypto.randomBytes(16)).toString('hex'))
    assert.equal(seen.size, 1000)
    assert.deepEqual(Uint8Array.from(first), copy)
    assert.equal(nodeCrypto.randomBytes(32).length, 32)
    assert.equal(nodeCrypto.randomBytes(5).length, 5)
  })
})
