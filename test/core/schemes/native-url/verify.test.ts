// Native PlayGate URL verification: kid selection over the ring, exp/nbf with skew, path-prefix
// scope, IP/CIDR binding, and strict parsing (README.md of native-url).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nativeUrl } from '../../../../src/core/schemes/native-url/scheme.ts'
import type { RingKey } from '../../../../src/core/schemes/url-scheme.ts'
import { accepted, crypto, rejected, verifyInput } from '../url-common/kit.ts'
import { EXACT, EXP, NATIVE_KEY, NOW, SCOPED, UNICODE } from './vectors.ts'

const SKEW = 60
const OLD: RingKey = { id: 'key_0', secret: 'old-secret' }
const keys: RingKey[] = [NATIVE_KEY, OLD]
const secrets = keys.map((k) => k.secret)
const at = (target: string, now = NOW, clientIp?: string, ring = keys) =>
  nativeUrl.verify(verifyInput(target, ring, now, { skewSeconds: SKEW, clientIp }), crypto)

describe('native verify: exact mode', () => {
  it('accepts the exact vector with pg_ parameters stripped from the origin', () => {
    assert.deepEqual(accepted(at(EXACT.url)), {
      path: '/v/abc/index.m3u8',
      origin: '/v/abc/index.m3u8?x=1',
      expiresAt: EXP,
      keyIndex: 0,
    })
  })

  it('accepts the non-ASCII vector', () => {
    assert.equal(accepted(at(UNICODE.url)).path, '/%E8%A7%86%E9%A2%91/a%20b.mp4')
  })

  it('accepts until pg_exp + skew, then TOKEN_EXPIRED', () => {
    accepted(at(EXACT.url, EXP + SKEW))
    rejected(at(EXACT.url, EXP + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('picks the key by pg_kid and reports its ring index (backup = 1)', () => {
    const url = nativeUrl.sign({ target: '/a.mp4', key: OLD, now: NOW, ttlSeconds: 60 }, crypto)
    assert.equal(accepted(at(url)).keyIndex, 1)
  })

  it('rejects an unknown or swapped pg_kid as SIGNATURE_MISMATCH', () => {
    rejected(at(EXACT.url.replace('key_1', 'key_9')), 'SIGNATURE_MISMATCH', secrets)
    rejected(at(EXACT.url.replace('key_1', 'key_0')), 'SIGNATURE_MISMATCH', secrets)
  })

  it('rejects a changed path, query, expiry or signature as SIGNATURE_MISMATCH', () => {
    for (const target of [
      EXACT.url.replace('index', 'indez'),
      EXACT.url.replace('x=1', 'x=2'),
      `${EXACT.url}&y=1`,
      EXACT.url.replace('pg_exp=1700003600', 'pg_exp=1700003601'),
      EXACT.url.replace('pL22', 'pL23'),
    ])
      rejected(at(target), 'SIGNATURE_MISMATCH', secrets)
  })

  it('verifies a path that means the same after decoding and dot removal', () => {
    accepted(at(EXACT.url.replace('/v/abc/', '/v/x/../%61bc/')))
  })
})

describe('native verify: prefix scope, not-before, IP binding', () => {
  const client = '192.0.2.77'

  it('accepts the scoped vector and siblings under the prefix, reporting the scope', () => {
    const playlist = accepted(at(SCOPED.url, NOW, client))
    assert.equal(playlist.scope, '/v/abc/')
    assert.equal(playlist.origin, '/v/abc/index.m3u8?x=1')
    const segment = accepted(
      at(SCOPED.url.replace('index.m3u8?x=1&', '720p/seg-1.ts?'), NOW, client),
    )
    assert.equal(segment.path, '/v/abc/720p/seg-1.ts')
  })

  it('rejects a path outside the prefix, also via ../ or %2F, as SCOPE_MISMATCH', () => {
    for (const path of ['/v/abd/x.ts', '/v/abc/../secret.ts', '/v/abc/..%2Fsecret.ts', '/v/abc'])
      rejected(at(SCOPED.url.replace('/v/abc/index.m3u8', path), NOW, client), 'SCOPE_MISMATCH')
  })

  it('rejects a widened pg_scope or pg_ip, or a dropped pg_nbf, as SIGNATURE_MISMATCH', () => {
    rejected(
      at(SCOPED.url.replace('pg_scope=/v/abc/', 'pg_scope=/v/'), NOW, client),
      'SIGNATURE_MISMATCH',
    )
    rejected(at(SCOPED.url.replace('/24', '/16'), NOW, client), 'SIGNATURE_MISMATCH')
    rejected(at(SCOPED.url.replace('&pg_nbf=1699999900', ''), NOW, client), 'SIGNATURE_MISMATCH')
  })

  it('rejects before pg_nbf − skew as TOKEN_NOT_YET_VALID', () => {
    accepted(at(SCOPED.url, 1699999900 - SKEW, client))
    rejected(at(SCOPED.url, 1699999900 - SKEW - 1, client), 'TOKEN_NOT_YET_VALID', secrets)
  })

  it('accepts a client inside the CIDR, also reported as IPv4-mapped IPv6', () => {
    accepted(at(SCOPED.url, NOW, '::ffff:192.0.2.1'))
  })

  it('rejects a client outside the CIDR, or an unknown client, as SCOPE_MISMATCH', () => {
    assert.match(rejected(at(SCOPED.url, NOW, '192.0.3.1'), 'SCOPE_MISMATCH'), /client address/)
    rejected(at(SCOPED.url, NOW), 'SCOPE_MISMATCH')
    rejected(at(SCOPED.url, NOW, 'not-an-ip'), 'SCOPE_MISMATCH')
  })
})

describe('native verify: malformed input', () => {
  it('rejects missing, unknown, repeated or misshapen pg_ parameters as TOKEN_INVALID', () => {
    const sig = EXACT.sig
    const p = '/v/abc/index.m3u8'
    for (const target of [
      p,
      `${p}?pg_kid=key_1&pg_exp=${EXP}`,
      `${p}?pg_kid=key_1&pg_sig=${sig}`,
      `${p}?pg_exp=${EXP}&pg_sig=${sig}`,
      `${EXACT.url}&pg_extra=1`,
      `${EXACT.url}&pg_exp=${EXP}`,
      `${p}?pg_kid=key%201&pg_exp=${EXP}&pg_sig=${sig}`,
      `${p}?pg_kid=key_1&pg_exp=0${EXP}&pg_sig=${sig}`,
      `${p}?pg_kid=key_1&pg_exp=${EXP}&pg_nbf=x&pg_sig=${sig}`,
      `${p}?pg_kid=key_1&pg_exp=${EXP}&pg_sig=${sig}A`,
      `${p}?pg_kid=key_1&pg_exp=${EXP}&pg_scope=v/abc/&pg_sig=${sig}`,
      `${p}?pg_kid=key_1&pg_exp=${EXP}&pg_scope=/v/./abc/&pg_sig=${sig}`,
      `${p}?pg_kid=key_1&pg_exp=${EXP}&pg_ip=300.0.0.1&pg_sig=${sig}`,
      `/v/%zz?pg_kid=key_1&pg_exp=${EXP}&pg_sig=${sig}`,
      `v/abc?pg_kid=key_1&pg_exp=${EXP}&pg_sig=${sig}`,
    ])
      rejected(at(target), 'TOKEN_INVALID', secrets)
  })

  it('throws on an empty ring: a configuration bug, not a verdict', () => {
    assert.throws(() => at(EXACT.url, NOW, undefined, []), TypeError)
  })
})
