// Tencent live signing: the txSecret vectors reproduce, and StreamName comes from the path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canonicalLive, streamOf } from '../../../../src/core/schemes/tencent-live/canonical.ts'
import { tencentLive } from '../../../../src/core/schemes/tencent-live/scheme.ts'
import { md5Hex } from '../../../../src/core/schemes/url-common/mac.ts'
import { crypto } from '../url-common/kit.ts'
import { LIVE_KEY, LIVE_TIME, LIVE_URL, LIVE_VECTORS } from './vectors.ts'

const key = { id: 'k0', secret: LIVE_KEY }

describe('tencent-live canonical string', () => {
  for (const v of LIVE_VECTORS)
    it(`${v.id}: md5(KEY + StreamName + txTime ${v.txTime}) (tencent-live.md §7.3)`, () => {
      const text = canonicalLive({ key: LIVE_KEY, streamName: 'test', txTime: v.txTime })
      assert.equal(md5Hex(crypto, text), v.txSecret)
    })
})

describe('streamOf', () => {
  it('takes StreamName from /AppName/StreamName, cutting a playback extension', () => {
    assert.deepEqual(streamOf('/live/test'), {
      appName: 'live',
      streamName: 'test',
      scope: '/live/test',
    })
    assert.equal(streamOf('/live/test.flv')?.streamName, 'test')
    assert.equal(streamOf('/live/test_hd.M3U8')?.streamName, 'test_hd')
    assert.equal(streamOf('/live/test.v2')?.streamName, 'test.v2')
    // An extension is never the whole name.
    assert.equal(streamOf('/live/.flv')?.streamName, '.flv')
  })

  it('takes the stream folder of a deeper path (HLS segments under /AppName/StreamName/)', () => {
    assert.deepEqual(streamOf('/live/test/seg-1.ts'), {
      appName: 'live',
      streamName: 'test',
      scope: '/live/test',
    })
  })

  it('has no stream for a path without AppName and StreamName', () => {
    for (const path of ['', 'live', '/', '/live', '/live/', '//test'])
      assert.equal(streamOf(path), undefined, path)
  })
})

describe('tencent-live sign', () => {
  it('reproduces the L1 doc URL: txTime = now when AuthDelta is the whole TTL', () => {
    const url = tencentLive.sign(
      { target: '/live/test', key, now: LIVE_TIME, ttlSeconds: 300 },
      crypto,
    )
    assert.equal(url, LIVE_URL)
  })

  it('writes txTime = expiresAt − AuthDelta, so the URL dies at expiresAt', () => {
    const url = tencentLive.sign(
      {
        target: '/live/test.flv',
        key,
        now: 0,
        ttlSeconds: 300,
        options: { expiresAt: LIVE_TIME + 300 },
      },
      crypto,
    )
    assert.equal(url, `/live/test.flv?txSecret=${LIVE_VECTORS[0].txSecret}&txTime=5C271099`)
  })

  it('hashes the transcoded StreamName_<template> (tencent-live.md §7.1)', () => {
    const url = tencentLive.sign(
      { target: '/live/test_hd.m3u8', key, now: LIVE_TIME, ttlSeconds: 0 },
      crypto,
    )
    const secret = md5Hex(crypto, `${LIVE_KEY}test_hd5C271099`)
    assert.equal(url, `/live/test_hd.m3u8?txSecret=${secret}&txTime=5C271099`)
  })

  it('refuses a path without AppName/StreamName and a target already carrying txSecret', () => {
    const base = { key, now: LIVE_TIME, ttlSeconds: 300 }
    assert.throws(() => tencentLive.sign({ ...base, target: '/test.flv' }, crypto), TypeError)
    assert.throws(() => tencentLive.sign({ ...base, target: '/live/' }, crypto), TypeError)
    assert.throws(() => tencentLive.sign({ ...base, target: '/live/%FF' }, crypto), TypeError)
    assert.throws(
      () => tencentLive.sign({ ...base, target: '/live/a?txSecret=1' }, crypto),
      TypeError,
    )
  })
})
