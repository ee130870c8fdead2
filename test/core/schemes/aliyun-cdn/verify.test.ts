// Aliyun CDN/VOD verification, types A/B/C/F: vectors accepted at the right time, each rejection
// reason, both ring keys, and the stripped origin (url-signing.md §2).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  aliyunA,
  aliyunB,
  aliyunC,
  aliyunF,
  createAliyunF,
} from '../../../../src/core/schemes/aliyun-cdn/scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { accepted, crypto, rejected, ring, verifyInput } from '../url-common/kit.ts'
import { ALIYUN_KEY, TYPE_A_CDN, TYPE_B, TYPE_C, TYPE_F } from './vectors.ts'

const keys = ring(ALIYUN_KEY, 'backupkey1234567')
const secrets = keys.map((k) => k.secret)
const TTL = 1800
const SKEW = 300

describe('aliyun-a verify', () => {
  const at = (now: number, target: string = TYPE_A_CDN.url) =>
    aliyunA.verify(verifyInput(target, keys, now), crypto)

  it('accepts the §2.1 vector and strips auth_key from the origin', () => {
    assert.deepEqual(accepted(at(TYPE_A_CDN.timestamp)), {
      path: TYPE_A_CDN.uri,
      origin: TYPE_A_CDN.uri,
      expiresAt: TYPE_A_CDN.timestamp + TTL,
      keyIndex: 0,
      // rand "0" and uid "0": no viewer; the nonce is what viewer controls key on.
      restrictions: { nonce: '0' },
    })
  })

  it('keeps the other query parameters, which type A does not hash, in the origin in order', () => {
    const signed = aliyunA.sign(
      { target: '/a.mp4?x=1', key: keys[0]!, now: 1000, ttlSeconds: TTL },
      crypto,
    )
    assert.equal(accepted(at(1000, `${signed}&y=2`)).origin, '/a.mp4?x=1&y=2')
  })

  it('accepts at timestamp + TTL + skew and rejects one second later as TOKEN_EXPIRED', () => {
    accepted(at(TYPE_A_CDN.timestamp + TTL + SKEW))
    rejected(at(TYPE_A_CDN.timestamp + TTL + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('accepts a timestamp in the future: Aliyun lets a signer extend the life that way', () => {
    accepted(at(TYPE_A_CDN.timestamp - 86400))
  })

  it('verifies a URL signed with the backup key, reporting keyIndex 1', () => {
    const url = aliyunA.sign(
      { target: '/a.mp4', key: keys[1]!, now: 1000, ttlSeconds: TTL },
      crypto,
    )
    assert.equal(accepted(at(1000, url)).keyIndex, 1)
  })

  it('rejects a changed hash, a tampered path and a changed rand as SIGNATURE_MISMATCH', () => {
    const now = TYPE_A_CDN.timestamp
    rejected(at(now, TYPE_A_CDN.url.replace('a4f', 'a4e')), 'SIGNATURE_MISMATCH', secrets)
    rejected(at(now, TYPE_A_CDN.url.replace('1K.html', '2K.html')), 'SIGNATURE_MISMATCH')
    rejected(at(now, TYPE_A_CDN.url.replace('-0-0-', '-1-0-')), 'SIGNATURE_MISMATCH')
  })

  it('accepts an upper-case hash (hex case carries no meaning, §10.4)', () => {
    accepted(
      at(
        TYPE_A_CDN.timestamp,
        TYPE_A_CDN.url.replace(TYPE_A_CDN.hash, TYPE_A_CDN.hash.toUpperCase()),
      ),
    )
  })

  it('accepts a percent-encoded path whose decoded form was signed (raw, then decoded)', () => {
    const url = aliyunA.sign(
      { target: '/a b.mp4', key: keys[0]!, now: 1000, ttlSeconds: TTL },
      crypto,
    )
    assert.ok(url.startsWith('/a%20b.mp4?'))
    accepted(at(1000, url))
    const signedDecoded = `/a%20b.mp4?auth_key=1000-r-0-${md5Hex(crypto, `/a b.mp4-1000-r-0-${ALIYUN_KEY}`)}`
    assert.equal(accepted(at(1000, signedDecoded)).path, '/a%20b.mp4')
  })

  it('does not let a token for file "%41.mp4" verify file "%2541.mp4" (one decoding level up)', () => {
    const url = aliyunA.sign(
      { target: '/%2541.mp4', key: keys[0]!, now: 1000, ttlSeconds: TTL },
      crypto,
    )
    accepted(at(1000, url))
    rejected(at(1000, url.replace('/%2541.mp4', '/%252541.mp4')), 'SIGNATURE_MISMATCH')
  })

  it('rejects a missing, repeated or malformed auth_key as TOKEN_INVALID', () => {
    const now = TYPE_A_CDN.timestamp
    const bad = [
      TYPE_A_CDN.uri,
      `${TYPE_A_CDN.url}&auth_key=1-0-0-${TYPE_A_CDN.hash}`,
      `${TYPE_A_CDN.uri}?auth_key=1444435200-0-${TYPE_A_CDN.hash}`,
      `${TYPE_A_CDN.uri}?auth_key=1444435200-0-0-0-${TYPE_A_CDN.hash}`,
      `${TYPE_A_CDN.uri}?auth_key=14444x5200-0-0-${TYPE_A_CDN.hash}`,
      `${TYPE_A_CDN.uri}?auth_key=1444435200--0-${TYPE_A_CDN.hash}`,
      `${TYPE_A_CDN.uri}?auth_key=1444435200-0-0-${TYPE_A_CDN.hash.slice(1)}`,
      `${TYPE_A_CDN.uri}?auth_key=%zz`,
      'video/standard/1K.html?auth_key=1-0-0-0',
    ]
    for (const target of bad) rejected(at(now, target), 'TOKEN_INVALID', secrets)
  })
})

describe('aliyun-b verify', () => {
  const at = (now: number, target: string = TYPE_B.url) =>
    aliyunB.verify(verifyInput(target, keys, now), crypto)

  it('accepts the §2.2 vector with the signing segments removed from path and origin', () => {
    assert.deepEqual(accepted(at(TYPE_B.timestamp)), {
      path: TYPE_B.uri,
      origin: TYPE_B.uri,
      expiresAt: TYPE_B.timestamp + TTL,
      keyIndex: 0,
    })
  })

  it('keeps the query in the origin', () => {
    assert.equal(accepted(at(TYPE_B.timestamp, `${TYPE_B.url}?x=1`)).origin, `${TYPE_B.uri}?x=1`)
  })

  it('reads the time as UTC+8: accepted until 08:35 UTC+8 with TTL 1800 s and skew 300 s', () => {
    accepted(at(TYPE_B.timestamp + TTL + SKEW))
    rejected(at(TYPE_B.timestamp + TTL + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('verifies the backup key with keyIndex 1', () => {
    const url = aliyunB.sign(
      { target: '/a.mp4', key: keys[1]!, now: 1000, ttlSeconds: TTL },
      crypto,
    )
    assert.equal(accepted(at(1000, url)).keyIndex, 1)
  })

  it('rejects a tampered file name, time or hash as SIGNATURE_MISMATCH', () => {
    rejected(at(TYPE_B.timestamp, TYPE_B.url.replace('.mp3', '.mp4')), 'SIGNATURE_MISMATCH')
    rejected(
      at(TYPE_B.timestamp, TYPE_B.url.replace('201508150800', '201508150801')),
      'SIGNATURE_MISMATCH',
    )
    rejected(at(TYPE_B.timestamp, TYPE_B.url.replace('/9044', '/9045')), 'SIGNATURE_MISMATCH')
  })

  it('rejects missing segments or an impossible date as TOKEN_INVALID', () => {
    for (const target of [
      TYPE_B.uri,
      `/201508150800/${TYPE_B.hash}`,
      `/20150815080/${TYPE_B.hash}/a.mp3`,
      `/201502300800/${TYPE_B.hash}/a.mp3`,
    ])
      rejected(at(TYPE_B.timestamp, target), 'TOKEN_INVALID')
  })
})

describe('aliyun-c verify', () => {
  const at = (now: number, target: string) => aliyunC.verify(verifyInput(target, keys, now), crypto)

  it('accepts both §2.3 URL forms with the same result', () => {
    const expected = {
      path: '/test.flv',
      origin: '/test.flv',
      expiresAt: TYPE_C.timestamp + TTL,
      keyIndex: 0,
    }
    assert.deepEqual(accepted(at(TYPE_C.timestamp, TYPE_C.pathUrl)), expected)
    assert.deepEqual(accepted(at(TYPE_C.timestamp, TYPE_C.queryUrl)), expected)
  })

  it('is valid while |now − time| ≤ TTL (+ skew): expired after, not yet valid before', () => {
    accepted(at(TYPE_C.timestamp + TTL + SKEW, TYPE_C.pathUrl))
    accepted(at(TYPE_C.timestamp - TTL - SKEW, TYPE_C.pathUrl))
    rejected(at(TYPE_C.timestamp + TTL + SKEW + 1, TYPE_C.pathUrl), 'TOKEN_EXPIRED')
    rejected(at(TYPE_C.timestamp - TTL - SKEW - 1, TYPE_C.pathUrl), 'TOKEN_NOT_YET_VALID')
  })

  it('hashes the time as received: lower-case hex of the same instant does not verify', () => {
    rejected(
      at(TYPE_C.timestamp, TYPE_C.pathUrl.replace('55CE8100', '55ce8100')),
      'SIGNATURE_MISMATCH',
    )
  })

  it('verifies the backup key with keyIndex 1', () => {
    const url = aliyunC.sign({ target: '/a.mp4', key: keys[1]!, now: 1e9, ttlSeconds: TTL }, crypto)
    assert.equal(accepted(at(1e9, url)).keyIndex, 1)
  })

  it('rejects a tampered path in either form', () => {
    rejected(at(TYPE_C.timestamp, TYPE_C.pathUrl.replace('test', 'tesT')), 'SIGNATURE_MISMATCH')
    rejected(at(TYPE_C.timestamp, TYPE_C.queryUrl.replace('test', 'tesT')), 'SIGNATURE_MISMATCH')
  })

  it('rejects a half query form, a missing token or a malformed time as TOKEN_INVALID', () => {
    for (const target of [
      `/test.flv?KEY1=${TYPE_C.hash}`,
      `/test.flv?KEY2=55CE8100`,
      '/test.flv',
      `/test.flv?KEY1=${TYPE_C.hash}&KEY2=55CE81`,
      `/test.flv?KEY1=xyz&KEY2=55CE8100`,
    ])
      rejected(at(TYPE_C.timestamp, target), 'TOKEN_INVALID')
  })
})

describe('aliyun-f verify', () => {
  const at = (now: number, target: string = TYPE_F.url) =>
    aliyunF.verify(verifyInput(target, keys, now), crypto)

  it('accepts the §2.4 vector', () => {
    assert.deepEqual(accepted(at(TYPE_F.timestamp)), {
      path: '/test.flv',
      origin: '/test.flv',
      expiresAt: TYPE_F.timestamp + TTL,
      keyIndex: 0,
    })
  })

  it('expires at time + TTL + skew', () => {
    accepted(at(TYPE_F.timestamp + TTL + SKEW))
    rejected(at(TYPE_F.timestamp + TTL + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('verifies a lower-case time signed as lower case (the literal is hashed, §2.4)', () => {
    const url = `/test.flv?sign=${md5Hex(crypto, `${ALIYUN_KEY}/test.flv55ce8100`)}&time=55ce8100`
    accepted(at(TYPE_F.timestamp, url))
  })

  it('verifies the backup key with keyIndex 1', () => {
    const url = aliyunF.sign({ target: '/a.mp4', key: keys[1]!, now: 1e9, ttlSeconds: TTL }, crypto)
    assert.equal(accepted(at(1e9, url)).keyIndex, 1)
  })

  it('reads configured parameter names', () => {
    const scheme = createAliyunF({ hashParam: 'auth', timeParam: 'ts' })
    const url = `/test.flv?auth=${TYPE_F.hash}&ts=55CE8100`
    accepted(scheme.verify(verifyInput(url, keys, TYPE_F.timestamp), crypto))
    rejected(
      scheme.verify(verifyInput(TYPE_F.url, keys, TYPE_F.timestamp), crypto),
      'TOKEN_INVALID',
    )
  })

  it('rejects tampering and malformed parameters', () => {
    rejected(
      at(TYPE_F.timestamp, TYPE_F.url.replace('test', 'best')),
      'SIGNATURE_MISMATCH',
      secrets,
    )
    rejected(at(TYPE_F.timestamp, '/test.flv?time=55CE8100'), 'TOKEN_INVALID')
    rejected(at(TYPE_F.timestamp, `/test.flv?sign=${TYPE_F.hash}`), 'TOKEN_INVALID')
    rejected(at(TYPE_F.timestamp, `/test.flv?sign=${TYPE_F.hash}&time=1439596800`), 'TOKEN_INVALID')
  })
})
