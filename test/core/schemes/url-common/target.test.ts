// Request-target plumbing of the URL schemes (src/core/schemes/url-common/target.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  appendParams,
  assertFreeParams,
  compactQuery,
  encodeQueryValue,
  hasParam,
  joinTarget,
  parseTarget,
  takeParams,
  wireTarget,
} from '../../../../src/core/schemes/url-common/target.ts'

describe('wireTarget', () => {
  it('percent-encodes non-ASCII, spaces and other characters a path may not hold', () => {
    assert.deepEqual(wireTarget('/视频/a b"<>.mp4'), {
      path: '/%E8%A7%86%E9%A2%91/a%20b%22%3C%3E.mp4',
      query: '',
    })
  })

  it('keeps existing escapes and RFC 3986 sub-delims, and encodes a stray "%"', () => {
    assert.equal(wireTarget("/a%2Fb/!$&'()*+,;=:@~/100%").path, "/a%2Fb/!$&'()*+,;=:@~/100%25")
  })

  it('encodes the query the same way but keeps "?" and "/"', () => {
    assert.deepEqual(wireTarget('/a?x=1 2&y=/?é'), { path: '/a', query: 'x=1%202&y=/?%C3%A9' })
  })

  it('turns a lone surrogate into the UTF-8 of U+FFFD', () => {
    assert.equal(wireTarget('/\ud800').path, '/%EF%BF%BD')
  })

  it('refuses a target that is not origin-form', () => {
    assert.throws(() => wireTarget('http://h/a'), TypeError)
  })
})

describe('parseTarget', () => {
  it('splits path and query', () => {
    assert.deepEqual(parseTarget('/a/b?x=1&y'), {
      ok: true,
      value: { path: '/a/b', query: 'x=1&y' },
    })
  })

  it('rejects a target without a leading slash as TOKEN_INVALID', () => {
    assert.equal(parseTarget('a/b').ok, false)
  })
})

describe('takeParams', () => {
  const owns = (n: string) => n === 'sign' || n === 't'

  it('takes decoded values and keeps the rest raw and in order', () => {
    const taken = takeParams('x=a%20b&sign=abc&&t=1&y=%2F', owns)
    assert.deepEqual(taken.ok && taken.value, {
      values: new Map([
        ['sign', 'abc'],
        ['t', '1'],
      ]),
      order: ['sign', 't'],
      rest: 'x=a%20b&y=%2F',
    })
  })

  it('recognises an encoded parameter name, and a name without "="', () => {
    const taken = takeParams('sig%6E=1&t', owns)
    assert.deepEqual(taken.ok && [...taken.value.values], [
      ['sign', '1'],
      ['t', ''],
    ])
  })

  it('rejects a repeated parameter', () => {
    assert.deepEqual(takeParams('sign=1&sign=2', owns), {
      ok: false,
      code: 'TOKEN_INVALID',
      reason: 'repeated',
      parameter: 'sign',
    })
  })

  it('rejects a bad escape in its own parameter but ignores one in another', () => {
    assert.equal(takeParams('sign=%zz', owns).ok, false)
    const taken = takeParams('x%zz=1&sign=1', owns)
    assert.equal(taken.ok && taken.value.rest, 'x%zz=1')
  })
})

describe('query helpers', () => {
  it('appends pairs after an existing query, or starts one', () => {
    assert.equal(appendParams('', [['a', '1']]), 'a=1')
    assert.equal(
      appendParams('x=1', [
        ['a', '1'],
        ['b', '2'],
      ]),
      'x=1&a=1&b=2',
    )
  })

  it('joins path and query, leaving out an empty query', () => {
    assert.equal(joinTarget('/a', ''), '/a')
    assert.equal(joinTarget('/a', 'x=1'), '/a?x=1')
  })

  it('encodes a query value strictly but keeps "/" and ":" readable', () => {
    assert.equal(encodeQueryValue('/a b/+&:1'), '/a%20b/%2B%26:1')
  })

  it('drops empty parts', () => {
    assert.equal(compactQuery('&a=1&&b=2&'), 'a=1&b=2')
  })

  it('tells whether the scheme parameters are already present', () => {
    assert.equal(
      hasParam('x=1', (n) => n === 'sign'),
      false,
    )
    assert.equal(
      hasParam('x=1&sign=2', (n) => n === 'sign'),
      true,
    )
    assert.throws(() => assertFreeParams('auth_key=1', ['auth_key']), TypeError)
    assert.doesNotThrow(() => assertFreeParams('x=1', ['auth_key']))
  })
})
