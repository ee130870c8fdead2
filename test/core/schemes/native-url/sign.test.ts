// Native PlayGate URL signing: the pinned vectors reproduce, and bad options are refused.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalNative,
  nativeSignature,
} from '../../../../src/core/schemes/native-url/canonical.ts'
import { nativeUrl } from '../../../../src/core/schemes/native-url/scheme.ts'
import type { RingKey, SignOptions } from '../../../../src/core/schemes/url-scheme.ts'
import { crypto } from '../url-common/kit.ts'
import { EXACT, EXP, NATIVE_KEY, NOW, SCOPED, UNICODE } from './vectors.ts'

const sign = (target: string, options?: SignOptions, key: RingKey = NATIVE_KEY) =>
  nativeUrl.sign({ target, key, now: NOW, ttlSeconds: EXP - NOW, options }, crypto)

describe('native canonical string', () => {
  it('exact mode: label, kid, exp, nbf, ip, "exact", path, query', () => {
    const text = canonicalNative({
      kid: 'key_1',
      exp: String(EXP),
      path: '/v/abc/index.m3u8',
      query: 'x=1',
    })
    assert.equal(text, EXACT.canonical)
    assert.equal(nativeSignature(crypto, NATIVE_KEY.secret, text), EXACT.sig)
  })

  it('prefix mode: the scope replaces path and query', () => {
    const text = canonicalNative({
      kid: 'key_1',
      exp: String(EXP),
      nbf: '1699999900',
      ip: '192.0.2.0/24',
      scope: '/v/abc/',
      path: '/v/abc/index.m3u8',
      query: 'x=1',
    })
    assert.equal(text, SCOPED.canonical)
    assert.equal(nativeSignature(crypto, NATIVE_KEY.secret, text), SCOPED.sig)
  })

  it('strictly percent-encodes the decoded path, so no line can hold a newline', () => {
    const text = canonicalNative({ kid: 'k', exp: '1', path: '/a\nb', query: '' })
    assert.equal(text.split('\n').length, 8)
    assert.ok(text.includes('/a%0Ab'))
  })
})

describe('native sign', () => {
  it('reproduces the exact-mode vector', () => {
    assert.equal(sign(EXACT.target), EXACT.url)
  })

  it('reproduces the scoped vector with pg_nbf, pg_scope and pg_ip', () => {
    assert.equal(sign(SCOPED.target, SCOPED.options), SCOPED.url)
  })

  it('reproduces the non-ASCII vector: the URL carries the wire form', () => {
    assert.equal(sign(UNICODE.target), UNICODE.url)
  })

  it('writes expiresAt as pg_exp and floors a fractional notBefore', () => {
    assert.match(
      sign('/a', { expiresAt: 1800000000, notBefore: 1699999999.9 }),
      /^\/a\?pg_kid=key_1&pg_exp=1800000000&pg_nbf=1699999999&pg_sig=/,
    )
  })

  it('canonicalises pathPrefix and percent-encodes it in the query', () => {
    const url = sign('/v/a b/x.ts', { pathPrefix: '/v/./a b' })
    assert.match(url, /&pg_scope=\/v\/a%20b&pg_sig=/)
  })

  it('binds IPv6 ranges, lower-cased', () => {
    assert.match(sign('/a', { clientIp: '2001:DB8::/32' }), /&pg_ip=2001:db8::\/32&pg_sig=/)
  })

  it('drops empty query parts so signer and verifier see the same query', () => {
    assert.match(sign('/a?&x=1&&y=2&'), /^\/a\?x=1&y=2&pg_kid=/)
  })

  it('refuses a target outside pathPrefix, a prefix with a query, a bad IP or key id', () => {
    assert.throws(() => sign('/v/abd/x.ts', { pathPrefix: '/v/abc' }), TypeError)
    assert.throws(() => sign('/v/abc/../x.ts', { pathPrefix: '/v/abc/' }), TypeError)
    assert.throws(() => sign('/v/abc/x.ts', { pathPrefix: '/v/abc/?x' }), TypeError)
    assert.throws(() => sign('/v/abc/x.ts', { pathPrefix: 'v/abc/' }), TypeError)
    assert.throws(() => sign('/v/abc/x.ts', { pathPrefix: '/v/%FF/' }), TypeError)
    assert.throws(() => sign('/v/%FF/x.ts'), TypeError)
    assert.throws(() => sign('/a', { clientIp: '192.0.2.300' }), TypeError)
    assert.throws(() => sign('/a', {}, { id: 'key 1', secret: 's' }), TypeError)
    assert.throws(() => sign('/a', {}, { id: '', secret: 's' }), TypeError)
  })

  it('refuses a target that already carries a pg_ parameter', () => {
    assert.throws(() => sign('/a?pg_exp=1'), TypeError)
    assert.throws(() => sign('/a?pg_other=1'), TypeError)
  })
})
