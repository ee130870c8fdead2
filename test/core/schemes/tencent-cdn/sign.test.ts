// Tencent CDN signing, TypeA–D: the spec vectors reproduce exactly (vectors.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalTypeA,
  canonicalTypeB,
  canonicalTypeC,
  canonicalTypeD,
} from '../../../../src/core/schemes/tencent-cdn/canonical.ts'
import {
  createTencentCdnA,
  createTencentCdnC,
  createTencentCdnD,
  tencentCdnA,
  tencentCdnB,
  tencentCdnC,
  tencentCdnD,
} from '../../../../src/core/schemes/tencent-cdn/scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { crypto } from '../url-common/kit.ts'
import { CDN_KEY, TYPE_A, TYPE_B, TYPE_C, TYPE_D } from './vectors.ts'

const key = { id: 'k0', secret: CDN_KEY }
const hashOf = (text: string) => md5Hex(crypto, text)

describe('tencent-cdn canonical strings', () => {
  it('TypeA: {uri}-{timestamp}-{rand}-{uid}-{pkey} (§4.1)', () => {
    const text = canonicalTypeA({
      uri: '/test.jpg',
      timestamp: String(TYPE_A.timestamp),
      rand: TYPE_A.rand,
      uid: '0',
      key: CDN_KEY,
    })
    assert.equal(text, TYPE_A.canonical)
    assert.equal(hashOf(text), TYPE_A.hash)
  })

  it('TypeB: pkey + UTC+8 time + uri (§4.2)', () => {
    const text = canonicalTypeB({ key: TYPE_B.key, time: TYPE_B.time, uri: '/foo.jpg' })
    assert.equal(text, TYPE_B.canonical)
    assert.equal(hashOf(text), TYPE_B.hash)
  })

  it('TypeC: both documented orders (§4.3)', () => {
    const parts = { key: CDN_KEY, time: TYPE_C.time, uri: '/test.jpg' }
    assert.equal(canonicalTypeC(parts, 'cdn'), TYPE_C.cdnCanonical)
    assert.equal(hashOf(TYPE_C.cdnCanonical), TYPE_C.cdnHash)
    assert.equal(canonicalTypeC(parts, 'edgeone'), TYPE_C.edgeoneCanonical)
    assert.equal(hashOf(TYPE_C.edgeoneCanonical), TYPE_C.edgeoneHash)
  })

  it('TypeD: pkey + uri + timestamp (§4.4)', () => {
    const text = canonicalTypeD({ key: CDN_KEY, uri: '/test.jpg', time: '1582791032' })
    assert.equal(text, TYPE_D.canonical)
    assert.equal(hashOf(text), TYPE_D.hash)
  })
})

describe('tencent-cdn sign', () => {
  it('TypeA reproduces the §4.1 URL', () => {
    const url = tencentCdnA.sign(
      {
        target: '/test.jpg',
        key,
        now: TYPE_A.timestamp,
        ttlSeconds: 600,
        options: { rand: TYPE_A.rand, uid: '0' },
      },
      crypto,
    )
    assert.equal(url, TYPE_A.url)
  })

  it('TypeA uses a configured parameter name and refuses a target that already has it', () => {
    const input = { target: '/test.jpg', key, now: TYPE_A.timestamp, ttlSeconds: 600 }
    const url = createTencentCdnA('auth').sign({ ...input, options: { rand: TYPE_A.rand } }, crypto)
    assert.equal(url, TYPE_A.url.replace('?sign=', '?auth='))
    assert.throws(() => tencentCdnA.sign({ ...input, target: '/a?sign=1' }, crypto), TypeError)
  })

  it('TypeB reproduces the §4.2 URL', () => {
    const url = tencentCdnB.sign(
      {
        target: '/foo.jpg',
        key: { id: 'k0', secret: TYPE_B.key },
        now: TYPE_B.timestamp,
        ttlSeconds: 600,
      },
      crypto,
    )
    assert.equal(url, TYPE_B.url)
  })

  it('TypeC emits the CDN-doc order by default and the EdgeOne order when configured', () => {
    const input = { target: '/test.jpg', key, now: TYPE_C.timestamp, ttlSeconds: 600 }
    assert.equal(tencentCdnC.sign(input, crypto), TYPE_C.cdnUrl)
    assert.equal(createTencentCdnC('edgeone').sign(input, crypto), TYPE_C.edgeoneUrl)
  })

  it('TypeD reproduces the §4.4 URL, or writes hex time when configured', () => {
    const input = { target: '/test.jpg', key, now: TYPE_D.timestamp, ttlSeconds: 600 }
    assert.equal(tencentCdnD.sign(input, crypto), TYPE_D.url)
    const hex = createTencentCdnD({ timeFormat: 'hex', timeParam: 'ts' }).sign(input, crypto)
    assert.equal(hex, `/test.jpg?sign=${hashOf(`${CDN_KEY}/test.jpg5e577978`)}&ts=5e577978`)
  })

  it('writes expiresAt − validity as the timestamp', () => {
    const url = tencentCdnD.sign(
      { target: '/a.jpg', key, now: 1000, ttlSeconds: 600, options: { expiresAt: 5000 } },
      crypto,
    )
    assert.match(url, /&t=4400$/)
  })
})
