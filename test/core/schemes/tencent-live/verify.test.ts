// Tencent live verification: AuthKey and AuthBackKey, txTime any hex case or decimal, the
// AuthDelta window, and the per-stream scope (tencent-live.md §7).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tencentLive } from '../../../../src/core/schemes/tencent-live/scheme.ts'
import { accepted, crypto, rejected, ring, verifyInput } from '../url-common/kit.ts'
import { LIVE_KEY, LIVE_TIME, LIVE_URL, LIVE_VECTORS } from './vectors.ts'

const AUTH_DELTA = 300
const SKEW = 30
const keys = ring(LIVE_KEY, 'lbPUl5VIKKFB1KazNB')
const secrets = keys.map((k) => k.secret)
const at = (now: number, target = LIVE_URL, clientIp?: string) =>
  tencentLive.verify(
    verifyInput(target, keys, now, { ttlSeconds: AUTH_DELTA, skewSeconds: SKEW, clientIp }),
    crypto,
  )

describe('tencent-live verify', () => {
  it('accepts the L1 doc URL and reports the stream scope', () => {
    assert.deepEqual(accepted(at(LIVE_TIME)), {
      path: '/live/test',
      origin: '/live/test',
      expiresAt: LIVE_TIME + AUTH_DELTA,
      keyIndex: 0,
      scope: '/live/test',
    })
  })

  for (const v of LIVE_VECTORS)
    it(`accepts ${v.id} (txTime ${v.txTime}) on an FLV URL`, () => {
      const url = `/live/test.flv?txSecret=${v.txSecret}&txTime=${v.txTime}`
      assert.equal(accepted(at(LIVE_TIME, url)).expiresAt, LIVE_TIME + AUTH_DELTA)
    })

  it('is valid while now ≤ txTime + AuthDelta (+ skew), then TOKEN_EXPIRED', () => {
    accepted(at(LIVE_TIME + AUTH_DELTA + SKEW))
    rejected(at(LIVE_TIME + AUTH_DELTA + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('accepts a URL whose txTime is far ahead: txTime is an expiry, there is no start', () => {
    accepted(at(LIVE_TIME - 86400))
  })

  it('verifies a URL signed with AuthBackKey with keyIndex 1', () => {
    const url = tencentLive.sign(
      { target: '/live/abc.m3u8', key: keys[1]!, now: LIVE_TIME, ttlSeconds: AUTH_DELTA },
      crypto,
    )
    assert.equal(accepted(at(LIVE_TIME, url)).keyIndex, 1)
  })

  it('passes one token to the segments under the stream folder (per-stream scope)', () => {
    const segment = LIVE_URL.replace('/live/test?', '/live/test/seg-7.ts?x=1&')
    const result = accepted(at(LIVE_TIME, segment))
    assert.equal(result.scope, '/live/test')
    assert.equal(result.origin, '/live/test/seg-7.ts?x=1')
  })

  it('rejects another stream, a changed txTime or txSecret as SIGNATURE_MISMATCH', () => {
    rejected(at(LIVE_TIME, LIVE_URL.replace('/test?', '/tesu?')), 'SIGNATURE_MISMATCH', secrets)
    rejected(at(LIVE_TIME, LIVE_URL.replace('5C271099', '5C27109A')), 'SIGNATURE_MISMATCH')
    rejected(at(LIVE_TIME, LIVE_URL.replace('fe&', 'ff&')), 'SIGNATURE_MISMATCH')
  })

  it('takes StreamName after dot segments are removed, so ../ cannot borrow a stream', () => {
    rejected(
      at(LIVE_TIME, LIVE_URL.replace('/live/test?', '/live/test/../other.flv?')),
      'SIGNATURE_MISMATCH',
    )
  })

  it('rejects missing, repeated or malformed parameters and paths as TOKEN_INVALID', () => {
    const secret = LIVE_VECTORS[0].txSecret
    for (const target of [
      '/live/test',
      `/live/test?txSecret=${secret}`,
      `/live/test?txTime=5C271099`,
      `${LIVE_URL}&txTime=5C271099`,
      `/live/test?txSecret=${secret}&txTime=5C2710`,
      `/live/test?txSecret=${secret}${secret}&txTime=5C271099`,
      `/test?txSecret=${secret}&txTime=5C271099`,
      `/live/%zz?txSecret=${secret}&txTime=5C271099`,
      `live/test?txSecret=${secret}&txTime=5C271099`,
    ])
      rejected(at(LIVE_TIME, target), 'TOKEN_INVALID', secrets)
  })
})
