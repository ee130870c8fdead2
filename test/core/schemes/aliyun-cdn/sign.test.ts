// Aliyun CDN/VOD signing, types A/B/C/F: the spec vectors reproduce exactly (vectors.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalTypeA,
  canonicalTypeB,
  canonicalTypeC,
} from '../../../../src/core/schemes/aliyun-cdn/canonical.ts'
import {
  aliyunA,
  aliyunB,
  aliyunC,
  aliyunF,
  createAliyunC,
  createAliyunF,
} from '../../../../src/core/schemes/aliyun-cdn/scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { crypto } from '../url-common/kit.ts'
import { ALIYUN_KEY, TYPE_A_CDN, TYPE_A_VOD, TYPE_B, TYPE_C, TYPE_F } from './vectors.ts'

const key = { id: 'k0', secret: ALIYUN_KEY }

describe('aliyun-cdn canonical strings', () => {
  it('type A: {uri}-{timestamp}-{rand}-{uid}-{key} (§2.1 CDN and VOD vectors)', () => {
    const cdn = canonicalTypeA({
      uri: TYPE_A_CDN.uri,
      timestamp: String(TYPE_A_CDN.timestamp),
      rand: '0',
      uid: '0',
      key: ALIYUN_KEY,
    })
    assert.equal(cdn, TYPE_A_CDN.canonical)
    assert.equal(md5Hex(crypto, cdn), TYPE_A_CDN.hash)
    const vod = canonicalTypeA({
      uri: TYPE_A_VOD.uri,
      timestamp: String(TYPE_A_VOD.timestamp),
      rand: '0',
      uid: '0',
      key: TYPE_A_VOD.key,
    })
    assert.equal(vod, TYPE_A_VOD.canonical)
    assert.equal(md5Hex(crypto, vod), TYPE_A_VOD.hash)
  })

  it('type B: key + UTC+8 time + uri (§2.2)', () => {
    const text = canonicalTypeB({ key: ALIYUN_KEY, time: TYPE_B.time, uri: TYPE_B.uri })
    assert.equal(text, TYPE_B.canonical)
    assert.equal(md5Hex(crypto, text), TYPE_B.hash)
  })

  it('types C and F: key + uri + hex time (§2.3, §2.4)', () => {
    const text = canonicalTypeC({ key: ALIYUN_KEY, uri: TYPE_C.uri, time: TYPE_C.time })
    assert.equal(text, TYPE_C.canonical)
    assert.equal(md5Hex(crypto, text), TYPE_C.hash)
  })
})

describe('aliyun-cdn sign', () => {
  it('type A reproduces the CDN doc URL with rand "0" and uid "0"', () => {
    const url = aliyunA.sign(
      {
        target: TYPE_A_CDN.uri,
        key,
        now: TYPE_A_CDN.timestamp,
        ttlSeconds: 1800,
        options: { rand: '0', uid: '0' },
      },
      crypto,
    )
    assert.equal(url, TYPE_A_CDN.url)
  })

  it('type A defaults rand to 32 random hex and uid to "0"', () => {
    const url = aliyunA.sign({ target: '/a.mp4', key, now: 1700000000, ttlSeconds: 60 }, crypto)
    assert.match(url, /^\/a\.mp4\?auth_key=1700000000-[0-9a-f]{32}-0-[0-9a-f]{32}$/)
  })

  it('type A writes expiresAt − TTL as the timestamp (aliyun-vod.md §13 AuthTimeout mapping)', () => {
    const url = aliyunA.sign(
      {
        target: '/a.mp4?x=1',
        key,
        now: 1700000000,
        ttlSeconds: 1800,
        options: { expiresAt: 1700003600, rand: 'abckljd', uid: '12345' },
      },
      crypto,
    )
    assert.match(url, /^\/a\.mp4\?x=1&auth_key=1700001800-abckljd-12345-[0-9a-f]{32}$/)
  })

  it('type A refuses a rand or uid holding the "-" separator, and a second auth_key', () => {
    const base = { target: '/a.mp4', key, now: 1, ttlSeconds: 1 }
    assert.throws(() => aliyunA.sign({ ...base, options: { rand: 'a-b' } }, crypto), TypeError)
    assert.throws(() => aliyunA.sign({ ...base, options: { uid: '' } }, crypto), TypeError)
    assert.throws(() => aliyunA.sign({ ...base, target: '/a?auth_key=1' }, crypto), TypeError)
  })

  it('type B reproduces the doc URL (UTC+8 wall clock)', () => {
    const url = aliyunB.sign(
      { target: TYPE_B.uri, key, now: TYPE_B.timestamp, ttlSeconds: 1800 },
      crypto,
    )
    assert.equal(url, TYPE_B.url)
  })

  it('type B rounds the time down to the minute and keeps the query after the path', () => {
    const url = aliyunB.sign(
      { target: '/a.mp4?x=1', key, now: TYPE_B.timestamp + 59, ttlSeconds: 1800 },
      crypto,
    )
    assert.match(url, /^\/201508150800\/[0-9a-f]{32}\/a\.mp4\?x=1$/)
  })

  it('type C emits form 1 by default and form 2 when configured (§2.3)', () => {
    const input = { target: TYPE_C.uri, key, now: TYPE_C.timestamp, ttlSeconds: 1800 }
    assert.equal(aliyunC.sign(input, crypto), TYPE_C.pathUrl)
    assert.equal(createAliyunC({ form: 'query' }).sign(input, crypto), TYPE_C.queryUrl)
  })

  it('type F reproduces the computed vector with upper-case hex time (§2.4)', () => {
    const input = { target: TYPE_F.uri, key, now: TYPE_F.timestamp, ttlSeconds: 1800 }
    assert.equal(aliyunF.sign(input, crypto), TYPE_F.url)
  })

  it('type F uses configured parameter names', () => {
    const scheme = createAliyunF({ hashParam: 'auth', timeParam: 'ts' })
    const input = { target: TYPE_F.uri, key, now: TYPE_F.timestamp, ttlSeconds: 1800 }
    assert.equal(scheme.sign(input, crypto), `/test.flv?auth=${TYPE_F.hash}&ts=55CE8100`)
  })

  it('signs the path in wire form, so non-ASCII is hashed percent-encoded', () => {
    const url = aliyunF.sign(
      { target: '/视频.mp4', key, now: TYPE_F.timestamp, ttlSeconds: 1800 },
      crypto,
    )
    const hash = md5Hex(crypto, `${ALIYUN_KEY}/%E8%A7%86%E9%A2%91.mp455CE8100`)
    assert.equal(url, `/%E8%A7%86%E9%A2%91.mp4?sign=${hash}&time=55CE8100`)
  })
})
