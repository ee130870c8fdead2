// nginx secure_link verification: `""` → SIGNATURE_MISMATCH, `"0"` → TOKEN_EXPIRED, plus
// PlayGate's ring (both keys) and skew; $uri normalisation as nginx (url-signing.md §6).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  createNginxSecureLink,
  nginxSecureLink,
} from '../../../../src/core/schemes/nginx-secure-link/scheme.ts'
import { fromBase64Url } from '../../../../src/core/encoding/bytes.ts'
import { accepted, crypto, rejected, ring, verifyInput } from '../url-common/kit.ts'
import { DEFAULT_VECTOR, DOC_VECTOR } from './vectors.ts'

const SKEW = 60
const keys = ring(DEFAULT_VECTOR.secret, 'old-secret')
const secrets = keys.map((k) => k.secret)
const at = (now: number, target: string = DEFAULT_VECTOR.url) =>
  nginxSecureLink.verify(verifyInput(target, keys, now, { skewSeconds: SKEW }), crypto)
const { expires } = DEFAULT_VECTOR

describe('nginx-secure-link verify', () => {
  it('accepts the default-expression vector and strips md5/expires from the origin', () => {
    assert.deepEqual(accepted(at(expires)), {
      path: '/v/abc/index.m3u8',
      origin: '/v/abc/index.m3u8',
      expiresAt: expires,
      keyIndex: 0,
    })
  })

  it('accepts the nginx doc vector for client 127.0.0.1 only', () => {
    const scheme = createNginxSecureLink({ expression: DOC_VECTOR.expression })
    const input = (clientIp?: string) =>
      verifyInput(DOC_VECTOR.url, ring(DOC_VECTOR.secret), 1.7e9, { clientIp })
    accepted(scheme.verify(input('127.0.0.1'), crypto))
    rejected(scheme.verify(input('127.0.0.2'), crypto), 'SIGNATURE_MISMATCH')
    rejected(scheme.verify(input(), crypto), 'SCOPE_MISMATCH')
  })

  it('accepts until expires + skew, then TOKEN_EXPIRED (nginx "0")', () => {
    accepted(at(expires + SKEW))
    rejected(at(expires + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('verifies a URL signed with the previous secret with keyIndex 1', () => {
    const url = nginxSecureLink.sign(
      { target: '/v/x.ts', key: keys[1]!, now: 1000, ttlSeconds: 60 },
      crypto,
    )
    assert.equal(accepted(at(1000, url)).keyIndex, 1)
  })

  it('verifies requests nginx would map to the same $uri', () => {
    accepted(at(expires, DEFAULT_VECTOR.url.replace('/v/abc/', '/v//abc/./')))
    accepted(at(expires, DEFAULT_VECTOR.url.replace('/abc/', '/%61bc/')))
  })

  it('rejects another path, a changed expires or hash as SIGNATURE_MISMATCH (nginx "")', () => {
    rejected(at(expires, DEFAULT_VECTOR.url.replace('abc', 'abd')), 'SIGNATURE_MISMATCH', secrets)
    rejected(
      at(expires, DEFAULT_VECTOR.url.replace('expires=1700003600', 'expires=1700003601')),
      'SIGNATURE_MISMATCH',
    )
    rejected(at(expires, DEFAULT_VECTOR.url.replace('O2Rb', 'O2Rc')), 'SIGNATURE_MISMATCH')
  })

  it('compares the base64url text: a last character with the same bits does not verify', () => {
    // "Q" and "R" differ only in the 4 bits past the 16th byte, so the decoded MD5 is equal.
    const variant = DEFAULT_VECTOR.hash.replace(/Q$/, 'R')
    assert.deepEqual(fromBase64Url(variant), fromBase64Url(DEFAULT_VECTOR.hash))
    rejected(at(expires, DEFAULT_VECTOR.url.replace('QkQ&', 'QkR&')), 'SIGNATURE_MISMATCH')
  })

  it('rejects missing, repeated or misshapen arguments as TOKEN_INVALID', () => {
    for (const target of [
      '/v/abc/index.m3u8',
      `/v/abc/index.m3u8?md5=${DEFAULT_VECTOR.hash}`,
      `/v/abc/index.m3u8?expires=${expires}`,
      `${DEFAULT_VECTOR.url}&expires=${expires}`,
      `/v/abc/index.m3u8?md5=${DEFAULT_VECTOR.hash}&expires=-1`,
      `/v/abc/index.m3u8?md5=${DEFAULT_VECTOR.hash}=&expires=${expires}`,
      `/v/abc/index.m3u8?md5=${DEFAULT_VECTOR.hash.slice(1)}&expires=${expires}`,
      `/v/%zz?md5=${DEFAULT_VECTOR.hash}&expires=${expires}`,
      `v/abc?md5=${DEFAULT_VECTOR.hash}&expires=${expires}`,
    ])
      rejected(at(expires, target), 'TOKEN_INVALID', secrets)
  })
})
