// Tencent CDN verification, TypeA–D: vectors accepted at the right time, each rejection reason,
// primary and backup keys ("支持配置主备"), and both TypeC orders (url-signing.md §4).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  createTencentCdnA,
  createTencentCdnD,
  tencentCdnA,
  tencentCdnB,
  tencentCdnC,
  tencentCdnD,
} from '../../../../src/core/schemes/tencent-cdn/scheme.ts'
import type { UrlScheme } from '../../../../src/core/schemes/url-scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { accepted, crypto, rejected, ring, verifyInput } from '../url-common/kit.ts'
import { CDN_KEY, TYPE_A, TYPE_B, TYPE_C, TYPE_D } from './vectors.ts'

const TTL = 1800
const SKEW = 300

interface Case {
  readonly scheme: UrlScheme
  readonly primary: string
  readonly url: string
  readonly timestamp: number
  readonly path: string
  /** Type A's random field, reported for viewer controls. */
  readonly restrictions?: { readonly nonce: string }
  /** One-character changes that must fail: in the path, the time and the hash. */
  readonly tampered: readonly string[]
  readonly malformed: readonly string[]
}

const CASES: readonly Case[] = [
  {
    scheme: tencentCdnA,
    primary: CDN_KEY,
    url: TYPE_A.url,
    timestamp: TYPE_A.timestamp,
    path: '/test.jpg',
    restrictions: { nonce: TYPE_A.rand },
    tampered: [
      TYPE_A.url.replace('test', 'tast'),
      TYPE_A.url.replace('1582791032', '1582791033'),
      TYPE_A.url.replace('-0-', '-1-'),
      TYPE_A.url.replace('ae3a', 'ae3b'),
    ],
    malformed: ['/test.jpg', '/test.jpg?sign=1582791032-x-0', `${TYPE_A.url}&sign=1-2-3-4`],
  },
  {
    scheme: tencentCdnB,
    primary: TYPE_B.key,
    url: TYPE_B.url,
    timestamp: TYPE_B.timestamp,
    path: '/foo.jpg',
    tampered: [TYPE_B.url.replace('foo', 'fou'), TYPE_B.url.replace('1533', '1534')],
    malformed: ['/foo.jpg', `/202413151533/${TYPE_B.hash}/foo.jpg`],
  },
  {
    scheme: tencentCdnC,
    primary: CDN_KEY,
    url: TYPE_C.cdnUrl,
    timestamp: TYPE_C.timestamp,
    path: '/test.jpg',
    tampered: [TYPE_C.cdnUrl.replace('test', 'tesd'), TYPE_C.cdnUrl.replace('78/', '79/')],
    malformed: ['/test.jpg', `/${TYPE_C.cdnHash}/5e5779/test.jpg`],
  },
  {
    scheme: tencentCdnD,
    primary: CDN_KEY,
    url: TYPE_D.url,
    timestamp: TYPE_D.timestamp,
    path: '/test.jpg',
    tampered: [TYPE_D.url.replace('test', 'text'), TYPE_D.url.replace('t=1582', 't=1583')],
    malformed: [
      '/test.jpg',
      `/test.jpg?sign=${TYPE_D.hash}`,
      `/test.jpg?sign=${TYPE_D.hash}&t=158279103`,
    ],
  },
]

for (const c of CASES) {
  const keys = ring(c.primary, 'backupkey0123456789')
  const secrets = keys.map((k) => k.secret)
  const at = (now: number, target = c.url) =>
    c.scheme.verify(verifyInput(target, keys, now), crypto)

  describe(`${c.scheme.name} verify`, () => {
    it('accepts the spec vector with the token stripped from path and origin', () => {
      assert.deepEqual(accepted(at(c.timestamp)), {
        path: c.path,
        origin: c.path,
        expiresAt: c.timestamp + TTL,
        keyIndex: 0,
        ...(c.restrictions ? { restrictions: c.restrictions } : {}),
      })
    })

    it('accepts until timestamp + validity + skew, then rejects as TOKEN_EXPIRED', () => {
      accepted(at(c.timestamp + TTL + SKEW))
      rejected(at(c.timestamp + TTL + SKEW + 1), 'TOKEN_EXPIRED', secrets)
    })

    it('has no start time: a timestamp a day ahead verifies', () => {
      accepted(at(c.timestamp - 86400))
    })

    it('verifies a URL signed with the backup key with keyIndex 1', () => {
      const input = { target: '/v/a.ts?x=1', key: keys[1]!, now: 1.6e9, ttlSeconds: TTL }
      const result = accepted(at(1.6e9, c.scheme.sign(input, crypto)))
      assert.equal(result.keyIndex, 1)
      assert.equal(result.origin, '/v/a.ts?x=1')
    })

    it('rejects a tampered path, time or hash as SIGNATURE_MISMATCH', () => {
      for (const target of c.tampered)
        rejected(at(c.timestamp, target), 'SIGNATURE_MISMATCH', secrets)
    })

    it('rejects a missing or malformed token as TOKEN_INVALID', () => {
      for (const target of c.malformed) rejected(at(c.timestamp, target), 'TOKEN_INVALID', secrets)
    })
  })
}

describe('tencent-cdn-c verify: the disputed hash order (§4.3)', () => {
  it('accepts the EdgeOne-order vector as well as the CDN-doc one', () => {
    const keys = ring(CDN_KEY)
    accepted(tencentCdnC.verify(verifyInput(TYPE_C.edgeoneUrl, keys, TYPE_C.timestamp), crypto))
  })
})

describe('tencent-cdn-d verify: decimal or hex time, hashed as received (§4.4)', () => {
  it('accepts an 8-hex-digit timestamp signed as such', () => {
    const url = `/test.jpg?sign=${md5Hex(crypto, `${CDN_KEY}/test.jpg5e577978`)}&t=5e577978`
    const result = accepted(
      tencentCdnD.verify(verifyInput(url, ring(CDN_KEY), TYPE_D.timestamp), crypto),
    )
    assert.equal(result.expiresAt, TYPE_D.timestamp + TTL)
  })

  it('reads configured parameter names', () => {
    const scheme = createTencentCdnD({ hashParam: 'auth', timeParam: 'ts' })
    const url = TYPE_D.url.replace('sign=', 'auth=').replace('&t=', '&ts=')
    accepted(scheme.verify(verifyInput(url, ring(CDN_KEY), TYPE_D.timestamp), crypto))
  })
})

describe('tencent-cdn-a verify: configured parameter name', () => {
  it('reads the token from the configured name only', () => {
    const scheme = createTencentCdnA('auth')
    const url = TYPE_A.url.replace('?sign=', '?auth=')
    accepted(scheme.verify(verifyInput(url, ring(CDN_KEY), TYPE_A.timestamp), crypto))
    rejected(
      scheme.verify(verifyInput(TYPE_A.url, ring(CDN_KEY), TYPE_A.timestamp), crypto),
      'TOKEN_INVALID',
    )
  })
})
