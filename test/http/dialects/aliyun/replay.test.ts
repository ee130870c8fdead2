// Freshness and abuse limits of the Aliyun dialect: the ±15 min clock window on Timestamp and
// x-acs-date, nonces remembered per AccessKeyId across replicas that share state, and per-account
// per-action throttling with x-acs-retry-after (aliyun-vod.md §6, §8.1, §9.1).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatTimestamp } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { SHARED_STATES } from '../../../helpers/shared-state.ts'
import { TENANT_ID, VIDEO_ID, aliyunWorld, json, nonce } from './world.ts'

const MINUTE = 60_000

describe('aliyun dialect: clock window (±900 s, both directions, §6)', () => {
  for (const [offset, code] of [
    [-900_000, undefined],
    [-901_000, 'InvalidTimeStamp.Expired'],
    [900_000, undefined],
    [901_000, 'InvalidTimeStamp.Expired'],
  ] as const) {
    it(`${code ? 'refuses' : 'accepts'} a request stamped ${offset / 1000} s from now, V1 and V3`, async (t) => {
      const w = await aliyunWorld(t)
      const stamp = formatTimestamp(w.clock.now() + offset)
      const v1 = await w.v1Get(
        { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
        { common: { Timestamp: stamp } },
      )
      const v3 = await w.v3('GetVideoInfo', { VideoId: VIDEO_ID }, { date: stamp })
      for (const res of [v1, v3]) {
        assert.equal(res.statusCode, code ? 400 : 200, res.body)
        if (code) assert.equal(json(res).Code, code)
      }
    })
  }

  it('answers InvalidTimeStamp.Format for anything but YYYY-MM-DDThh:mm:ssZ', async (t) => {
    const w = await aliyunWorld(t)
    for (const stamp of [
      '2026-01-01T00:00:00.000Z',
      '2026-01-01 00:00:00',
      '2026-02-30T00:00:00Z',
    ]) {
      const res = await w.v1Get(
        { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
        { common: { Timestamp: stamp } },
      )
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res).Code, 'InvalidTimeStamp.Format')
      assert.equal(json(res).Message, 'Specified time stamp or date value is not well formatted.')
    }
  })

  // Regression: a long-term key's request with AuthInfo and no Timestamp had no freshness and a 500.
  it('requires Timestamp from a long-term key even when AuthInfo is present (§2, §14)', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID, AuthInfo: '{}' },
      { common: { Timestamp: undefined } },
    )
    assert.equal(res.statusCode, 400, res.body)
    assert.deepEqual(
      [json(res).Code, json(res).Message],
      ['MissingTimestamp', 'Timestamp is mandatory for this action.'],
    )
  })
})

describe('aliyun dialect: nonces (§6)', () => {
  it('refuses a SignatureNonce used again by the same AccessKeyId, V1 and V3', async (t) => {
    const w = await aliyunWorld(t)
    const n = nonce()
    const first = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n } },
    )
    assert.equal(first.statusCode, 200)
    // Same nonce, otherwise a different (validly signed) request.
    const again = await w.v1Get(
      { Action: 'GetPlayInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n } },
    )
    assert.equal(again.statusCode, 400)
    assert.deepEqual(json(again), {
      ...json(again),
      Code: 'SignatureNonceUsed',
      Message: 'Specified signature nonce was used already.',
    })
    const v3 = await w.v3('GetVideoInfo', { VideoId: VIDEO_ID }, { nonce: n })
    assert.equal(json(v3).Code, 'SignatureNonceUsed')
  })

  it('scopes nonces by AccessKeyId', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.accessKeys.issue({
      tenantId: TENANT_ID,
      protocol: 'aliyun',
      keyId: 'LTAIsecond',
      secret: 'second',
    })
    const n = nonce()
    const a = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n } },
    )
    const b = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n }, accessKeyId: 'LTAIsecond', secret: 'second' },
    )
    assert.deepEqual([a.statusCode, b.statusCode], [200, 200])
  })

  it('remembers a nonce for at least 15 minutes, and until its timestamp leaves the window', async (t) => {
    const w = await aliyunWorld(t)
    const n = nonce()
    // Stamped 10 min ahead: acceptable until now + 25 min, so it must be remembered that long.
    const ahead = formatTimestamp(w.clock.now() + 10 * MINUTE)
    const first = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n, Timestamp: ahead } },
    )
    assert.equal(first.statusCode, 200)
    w.clock.advance(20 * MINUTE)
    const replay = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n, Timestamp: ahead } },
    )
    assert.equal(json(replay).Code, 'SignatureNonceUsed')
    w.clock.advance(6 * MINUTE)
    const later = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { common: { SignatureNonce: n } },
    )
    assert.equal(later.statusCode, 200)
  })

  for (const kind of SHARED_STATES) {
    it(`refuses a replay sent to a sibling replica sharing ${kind.name} state`, async (t) => {
      const harness = await kind.create(t)
      const replica = async (state: typeof harness.state) =>
        aliyunWorld(t, { clock: harness.clock, overrides: { state } })
      const one = await replica(harness.state)
      const two = await replica(kind.sharedAcrossInstances ? harness.sibling() : harness.state)
      const n = nonce()
      const params = { Action: 'GetVideoInfo', VideoId: VIDEO_ID }
      const first = await one.v1Get(params, { common: { SignatureNonce: n } })
      assert.equal(first.statusCode, 200)
      const replay = await two.v1Get(params, { common: { SignatureNonce: n } })
      assert.equal(replay.statusCode, 400)
      assert.equal(json(replay).Code, 'SignatureNonceUsed')
    })
  }
})

describe('aliyun dialect: throttling (limits.aliyun<Action>Qps)', () => {
  it('answers Throttling.User with x-acs-retry-after once an account exceeds its QPS for an action', async (t) => {
    const w = await aliyunWorld(t, {
      env: {
        PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH_QPS: '2',
        PLAYGATE_LIMITS_ALIYUN_GET_PLAY_INFO_QPS: '1',
      },
    })
    const call = (Action: string) => w.v1Get({ Action, VideoId: VIDEO_ID })
    assert.equal((await call('GetVideoPlayAuth')).statusCode, 200)
    assert.equal((await call('GetVideoPlayAuth')).statusCode, 200)
    w.clock.advance(250)
    const throttled = await call('GetVideoPlayAuth')
    assert.equal(throttled.statusCode, 400)
    assert.equal(json(throttled).Code, 'Throttling.User')
    assert.equal(json(throttled).Message, 'Request was denied due to user flow control.')
    assert.equal(throttled.headers['x-acs-retry-after'], '1000')
    assert.equal(throttled.headers['retry-after'], '1')
    // Another action has its own budget, configured on its own; the next second a fresh one.
    assert.equal((await call('GetPlayInfo')).statusCode, 200)
    assert.equal(json(await call('GetPlayInfo')).Code, 'Throttling.User')
    w.clock.advance(750)
    assert.equal((await call('GetVideoPlayAuth')).statusCode, 200)
  })

  it('counts per account: another tenant is not throttled', async (t) => {
    const w = await aliyunWorld(t, { env: { PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_INFO_QPS: '1' } })
    await w.services.tenants.create({ id: 'tn_other', name: 'Other' })
    await w.services.accessKeys.issue({
      tenantId: 'tn_other',
      protocol: 'aliyun',
      keyId: 'LTAIother',
      secret: 'other',
    })
    await w.v1Get({ Action: 'GetVideoInfo', VideoId: VIDEO_ID })
    const mine = await w.v1Get({ Action: 'GetVideoInfo', VideoId: VIDEO_ID })
    assert.equal(json(mine).Code, 'Throttling.User')
    const theirs = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: VIDEO_ID },
      { accessKeyId: 'LTAIother', secret: 'other' },
    )
    // Their account has no such video: not throttled, answered.
    assert.equal(json(theirs).Code, 'InvalidVideo.NotFound')
  })
})
