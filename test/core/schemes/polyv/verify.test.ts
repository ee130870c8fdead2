// Polyv verification, server side: ptime window (§3), the v2 sign with the clients' quirks
// (§2.3) and the MD5 variant (§8.1), all decided by the port's constant-time compare.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Crypto } from '../../../../src/core/ports.ts'
import { signMd5, signV2 } from '../../../../src/core/schemes/polyv/sign.ts'
import { checkPtime, verifyMd5, verifyV2 } from '../../../../src/core/schemes/polyv/verify.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { MD5_VECTOR, V2_VECTORS } from './vectors.ts'

const NOW = 1_618_218_158_363
const reasonOf = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason)

describe('polyv checkPtime', () => {
  it('accepts now and the edges of the 3-minute window', () => {
    for (const ms of [NOW, NOW - 180_000, NOW + 180_000]) {
      assert.deepEqual(checkPtime(String(ms), NOW), { ok: true, value: ms })
    }
  })

  it('calls a ptime older than 3 minutes too old', () => {
    assert.deepEqual(checkPtime(String(NOW - 180_001), NOW), {
      ok: false,
      code: 'SIGNATURE_EXPIRED',
      reason: 'ptime-too-old',
    })
    // A seconds timestamp is a date in 1970 in milliseconds.
    assert.equal(reasonOf(checkPtime('1618218158', NOW)), 'ptime-too-old')
  })

  it('calls a malformed ptime, or one more than 3 minutes ahead, illegal', () => {
    for (const bad of ['abc', '-1', '1.5', ' 1', '1e12', '0x10', '12345678901234567']) {
      assert.deepEqual(checkPtime(bad, NOW), {
        ok: false,
        code: 'INVALID_PARAMETER',
        reason: 'ptime-illegal',
      })
    }
    assert.equal(reasonOf(checkPtime(String(NOW + 180_001), NOW)), 'ptime-illegal')
  })

  it('says a missing ptime is missing', () => {
    assert.equal(reasonOf(checkPtime(undefined, NOW)), 'ptime-missing')
    assert.equal(reasonOf(checkPtime('', NOW)), 'ptime-missing')
  })
})

describe('polyv verifyV2', () => {
  for (const v of V2_VECTORS) {
    it(`accepts ${v.source} as sent`, () => {
      const params = { ...v.params, sign: v.sign }
      const verdict = verifyV2({ params, pathUserid: '1b448be323', secret: v.secret }, nodeCrypto)
      assert.deepEqual(verdict, { ok: true, value: 'as-sent' })
    })
  }

  it('accepts a sign sent in lower case', () => {
    const v = V2_VECTORS[0]!
    const params = { ...v.params, sign: v.sign.toLowerCase() }
    assert.equal(verifyV2({ params, pathUserid: 'u', secret: v.secret }, nodeCrypto).ok, true)
  })

  it('accepts the SDK signing a userid it does not send, from the path', () => {
    const signed = signV2({ userid: '1b448be323', vids: 'v_1', ptime: '1' }, 'abc', nodeCrypto)
    const params = { vids: 'v_1', ptime: '1', sign: signed }
    assert.deepEqual(verifyV2({ params, pathUserid: '1b448be323', secret: 'abc' }, nodeCrypto), {
      ok: true,
      value: 'path-userid',
    })
    // Another path userid does not verify.
    assert.equal(
      reasonOf(verifyV2({ params, pathUserid: '1b448be324', secret: 'abc' }, nodeCrypto)),
      'sign-mismatch',
    )
  })

  it('accepts a legacy SDK special map only when the endpoint names its fields', () => {
    // VodMoveVideoRequest signs {userid, vids, cataid, ptime}; the sent form carries a requestId too.
    const signed = signV2({ userid: 'u1', vids: 'a_1', cataid: '7', ptime: '5' }, 'abc', nodeCrypto)
    const params = { vids: 'a_1', cataid: '7', ptime: '5', requestId: 'r', sign: signed }
    const input = { params, pathUserid: 'u1', secret: 'abc' }
    assert.equal(reasonOf(verifyV2(input, nodeCrypto)), 'sign-mismatch')
    assert.deepEqual(verifyV2({ ...input, sdkFields: ['vids', 'cataid'] }, nodeCrypto), {
      ok: true,
      value: 'sdk-subset',
    })
  })

  it('refuses a wrong secret, a changed value and an added parameter', () => {
    const v = V2_VECTORS[2]!
    const params = { ...v.params, sign: v.sign }
    const check = (p: Record<string, string>, secret = v.secret) =>
      reasonOf(verifyV2({ params: p, pathUserid: '1b448be323', secret }, nodeCrypto))
    assert.equal(check(params, 'abd'), 'sign-mismatch')
    assert.equal(check({ ...params, password: '1234567' }), 'sign-mismatch')
    assert.equal(check({ ...params, extra: 'x' }), 'sign-mismatch')
    // An empty added parameter is not signed, so it changes nothing.
    assert.equal(check({ ...params, extra: '' }), 'ok')
  })

  it('says a missing or empty sign is missing', () => {
    for (const params of [{ ptime: '1' }, { ptime: '1', sign: '' }] as Record<string, string>[]) {
      assert.deepEqual(verifyV2({ params, pathUserid: 'u', secret: 's' }, nodeCrypto), {
        ok: false,
        code: 'MISSING_PARAMETER',
        reason: 'sign-missing',
      })
    }
  })

  it('refuses a parameter sent twice', () => {
    const v = V2_VECTORS[0]!
    const params: [string, string][] = [
      ['vid', 'test1'],
      ['ptime', '1'],
      ['vid', 'other'],
      ['sign', v.sign],
    ]
    assert.deepEqual(verifyV2({ params, pathUserid: 'u', secret: v.secret }, nodeCrypto), {
      ok: false,
      code: 'INVALID_PARAMETER',
      reason: 'duplicate-parameter',
    })
  })

  it('decides only through the port’s timingSafeEqual, comparing every candidate', () => {
    const v = V2_VECTORS[0]!
    const calls: [string, string][] = []
    const recording: Crypto = {
      ...nodeCrypto,
      timingSafeEqual: (a, b) => {
        calls.push([String(a), String(b)])
        return nodeCrypto.timingSafeEqual(a, b)
      },
    }
    const params = { ...v.params, sign: v.sign.toLowerCase() }
    const verdict = verifyV2(
      { params, pathUserid: 'u', secret: v.secret, sdkFields: ['vid'] },
      recording,
    )
    assert.equal(verdict.ok, true)
    assert.equal(calls.length, 3)
    assert.ok(calls.every(([, received]) => received === v.sign))
  })
})

describe('polyv verifyMd5', () => {
  it(`accepts ${MD5_VECTOR.source}, in either case`, () => {
    for (const sign of [MD5_VECTOR.sign, MD5_VECTOR.sign.toLowerCase()]) {
      const params = { ...MD5_VECTOR.params, sign }
      assert.deepEqual(verifyMd5(params, MD5_VECTOR.secret, nodeCrypto), { ok: true, value: true })
    }
  })

  it('refuses a wrong secret, a missing sign and a repeated parameter', () => {
    const params = { ...MD5_VECTOR.params, sign: MD5_VECTOR.sign }
    assert.equal(reasonOf(verifyMd5(params, 'abd', nodeCrypto)), 'sign-mismatch')
    assert.equal(reasonOf(verifyMd5(MD5_VECTOR.params, 'abc', nodeCrypto)), 'sign-missing')
    const twice: [string, string][] = [...Object.entries(params), ['viewerId', 'x']]
    assert.equal(reasonOf(verifyMd5(twice, 'abc', nodeCrypto)), 'duplicate-parameter')
  })

  it('is the v2 rule’s sibling: the same parameters give a different sign', () => {
    assert.notEqual(
      signMd5(MD5_VECTOR.params, 'abc', nodeCrypto).length,
      signV2(MD5_VECTOR.params, 'abc', nodeCrypto).length,
    )
  })
})
