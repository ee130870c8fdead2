import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  fromBase64,
  fromBase64Url,
  fromHex,
  fromUtf8,
  toBase64,
  toBase64Url,
  toBytes,
  toHex,
  utf8,
} from '../../src/core/encoding/bytes.ts'
import { formDecode, percentDecode, percentEncode } from '../../src/core/encoding/percent.ts'
import { parseQuery, splitTarget } from '../../src/core/encoding/query.ts'

describe('core/encoding: bytes', () => {
  it('encodes UTF-8 exactly as Node does, surrogate pairs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        assert.deepEqual(Buffer.from(utf8(s)), Buffer.from(s, 'utf8'))
        assert.equal(fromUtf8(utf8(s)), s)
      }),
      { numRuns: 300 },
    )
  })

  it('encodes a lone surrogate as U+FFFD like TextEncoder', () => {
    assert.deepEqual([...utf8('\ud800')], [0xef, 0xbf, 0xbd])
  })

  it('matches TextEncoder on any UTF-16, lone surrogates included', () => {
    const encoder = new TextEncoder()
    for (const s of ['a\ud800b', '\udc00', 'x\ud83d', '\ud83d\ude00\ud83d', '\udc00\ud800'])
      assert.deepEqual(utf8(s), encoder.encode(s), JSON.stringify(s))
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        assert.deepEqual(utf8(s), encoder.encode(s))
      }),
      { numRuns: 500 },
    )
  })

  it('rejects invalid UTF-8: truncated, overlong, surrogate, bad lead byte', () => {
    for (const bytes of [
      [0xc3],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xff],
      [0xe2, 0x28, 0xa1],
      [0xf4, 0x90, 0x80, 0x80],
    ])
      assert.equal(fromUtf8(Uint8Array.from(bytes)), undefined, JSON.stringify(bytes))
  })

  it('round-trips hex and rejects odd or non-hex input', () => {
    assert.equal(toHex(Uint8Array.from([0, 15, 255])), '000fff')
    assert.deepEqual(fromHex('000FFF'), Uint8Array.from([0, 15, 255]))
    assert.equal(fromHex('abc'), undefined)
    assert.equal(fromHex('zz'), undefined)
  })

  it('matches Node base64 and base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const b = Buffer.from(bytes)
        assert.equal(toBase64(bytes), b.toString('base64'))
        assert.equal(toBase64Url(bytes), b.toString('base64url'))
        assert.deepEqual(fromBase64(b.toString('base64')), Uint8Array.from(bytes))
        assert.deepEqual(fromBase64Url(b.toString('base64url')), Uint8Array.from(bytes))
      }),
      { numRuns: 300 },
    )
  })

  it('rejects characters outside the alphabet and impossible lengths', () => {
    assert.equal(fromBase64('ab$d'), undefined)
    assert.equal(fromBase64('abcde'), undefined)
    assert.equal(fromBase64Url('ab+d'), undefined)
    assert.deepEqual(toBytes('é'), Uint8Array.from([0xc3, 0xa9]))
  })
})

describe('core/encoding: percent and query', () => {
  it('percent-encodes per RFC 3986 with upper-case hex', () => {
    assert.equal(percentEncode("a b*~!'()/é"), 'a%20b%2A~%21%27%28%29%2F%C3%A9')
    assert.equal(percentEncode('AZaz09-_.~'), 'AZaz09-_.~')
    // The fast path for unreserved text answers as the plain definition does, for any text.
    const reference = (v: string) =>
      encodeURIComponent(v).replace(
        /[!'()*]/g,
        (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
      )
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        assert.equal(percentEncode(s), reference(s))
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aZ09-_.~!*()' %/:=&+é".split('')) }),
        (s) => {
          assert.equal(percentEncode(s), reference(s))
        },
      ),
      { numRuns: 500 },
    )
    assert.throws(() => percentEncode('a\uD800'), URIError)
  })

  it('decodes, treating + as space only in form decoding, and reports bad escapes', () => {
    assert.equal(percentDecode('a+b%20c'), 'a+b c')
    assert.equal(formDecode('a+b%20c'), 'a b c')
    assert.equal(percentDecode('%E0%A4%A'), undefined)
  })

  it('parses a query keeping order and duplicates', () => {
    assert.deepEqual(parseQuery('b=2&a=1&a=3&flag&&x=%20y'), [
      ['b', '2'],
      ['a', '1'],
      ['a', '3'],
      ['flag', ''],
      ['x', ' y'],
    ])
    assert.deepEqual(parseQuery(''), [])
    assert.equal(parseQuery('a=%ZZ'), undefined)
  })

  it('splits a request target into path and query', () => {
    assert.deepEqual(splitTarget('/a/b?x=1&y'), { path: '/a/b', query: 'x=1&y' })
    assert.deepEqual(splitTarget('/a'), { path: '/a', query: '' })
  })
})
