// Tencent VOD Key signing: the three §8 vectors reproduce, and the parameter order is fixed.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canonicalVodKey } from '../../../../src/core/schemes/tencent-vod-key/canonical.ts'
import { tencentVodKey } from '../../../../src/core/schemes/tencent-vod-key/scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { crypto } from '../url-common/kit.ts'
import { VOD_KEY, VOD_PATH, VOD_T, VOD_VECTORS } from './vectors.ts'

const key = { id: 'k0', secret: VOD_KEY }
const base = { target: VOD_PATH, key, now: VOD_T - 600, ttlSeconds: 600 }

describe('tencent-vod-key canonical string', () => {
  it('concatenates KEY, Dir, t, exper, rlimit, us and the lists, absent ones as ""', () => {
    const full = canonicalVodKey({
      key: 'K',
      dir: '/d/',
      t: 't',
      exper: 'e',
      rlimit: 'r',
      us: 'u',
      whref: 'w1',
      bkref: 'b1',
      whreg: 'w2',
      bkreg: 'b2',
    })
    assert.equal(full, 'K/d/teruw1b1w2b2')
  })

  for (const v of VOD_VECTORS)
    it(`${v.id} (tencent-live.md §8)`, () => {
      const text = canonicalVodKey({
        key: VOD_KEY,
        dir: '/dir1/dir2/',
        t: '5a71afc0',
        us: '72d4cd1101',
        ...('maxClientIps' in v.options && { rlimit: '3' }),
        ...('previewSeconds' in v.options && { exper: '300' }),
      })
      assert.equal(text, v.canonical)
      assert.equal(md5Hex(crypto, text), v.sign)
    })
})

describe('tencent-vod-key sign', () => {
  for (const v of VOD_VECTORS)
    it(`reproduces the ${v.id} URL with t = now + TTL in lower-case hex`, () => {
      const url = tencentVodKey.sign(
        { ...base, options: { linkId: '72d4cd1101', ...v.options } },
        crypto,
      )
      assert.equal(url, v.url)
    })

  it('writes t = expiresAt when given, and every parameter in the order t, exper, rlimit, us, sign', () => {
    const url = tencentVodKey.sign(
      {
        ...base,
        target: `${VOD_PATH}?x=1`,
        options: { expiresAt: VOD_T, previewSeconds: 30, maxClientIps: 2, linkId: 'ab' },
      },
      crypto,
    )
    assert.match(
      url,
      /^\/dir1\/dir2\/myVideo\.mp4\?x=1&t=5a71afc0&exper=30&rlimit=2&us=ab&sign=[0-9a-f]{32}$/,
    )
  })

  it('defaults us to 10 random hex, and leaves it out for linkId ""', () => {
    assert.match(tencentVodKey.sign(base, crypto), /&us=[0-9a-f]{10}&sign=/)
    const url = tencentVodKey.sign({ ...base, options: { linkId: '' } }, crypto)
    const sign = md5Hex(crypto, `${VOD_KEY}/dir1/dir2/5a71afc0`)
    assert.equal(url, `${VOD_PATH}?t=5a71afc0&sign=${sign}`)
  })

  // Regression (round-trip property): `/-/..` was signed for Dir `/-/` but resolves to `/`.
  it('refuses a path whose dot segments or encoded "/" resolve outside its directory', () => {
    for (const target of ['/-/..', '/a/b/..', '/a/..%2Fb.mp4', '/a/%FF.mp4'])
      assert.throws(() => tencentVodKey.sign({ ...base, target }, crypto), TypeError, target)
  })

  it('refuses out-of-range options and a target already carrying a signing parameter', () => {
    const bad = [
      { maxClientIps: 0 },
      { maxClientIps: 10 },
      { previewSeconds: -1 },
      { previewSeconds: 1.5 },
      { linkId: 'a&b' },
    ]
    for (const options of bad)
      assert.throws(() => tencentVodKey.sign({ ...base, options }, crypto), TypeError)
    assert.throws(
      () => tencentVodKey.sign({ ...base, target: `${VOD_PATH}?whref=x` }, crypto),
      TypeError,
    )
  })
})
