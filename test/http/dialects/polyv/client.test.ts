// The test client's own signing code against every published vector (polyv.md §1.2, §8.1, §8.3,
// §8.4).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CALLBACK_VECTOR,
  MD5_VECTOR,
  MOBILE_VECTOR,
  V2_VECTORS,
} from '../../../core/schemes/polyv/vectors.ts'
import {
  clientSignCallback,
  clientSignMd5,
  clientSignMobile,
  clientSignV2,
  signedParams,
} from './client.ts'

describe('polyv test client', () => {
  for (const v of V2_VECTORS) {
    it(`signs ${v.source} as published`, () => {
      assert.equal(clientSignV2(v.params, v.secret), v.sign)
    })
  }

  it(`signs ${MD5_VECTOR.source} as published`, () => {
    assert.equal(clientSignMd5(MD5_VECTOR.params, MD5_VECTOR.secret), MD5_VECTOR.sign)
  })

  it(`signs ${MOBILE_VECTOR.source} as published`, () => {
    const { secret, vid, ts, sign } = MOBILE_VECTOR
    assert.equal(clientSignMobile(secret, vid, ts), sign)
  })

  it(`signs ${CALLBACK_VECTOR.source} as published`, () => {
    assert.equal(
      clientSignCallback(CALLBACK_VECTOR.secret, CALLBACK_VECTOR.answer),
      CALLBACK_VECTOR.sign,
    )
  })

  it('sends what each client style sends', () => {
    const account = { userid: '1b448be323', secret: 'abc', ptime: 1 }
    const sdk = signedParams('sdk', { vids: 'v', password: '' }, account)
    assert.deepEqual(Object.keys(sdk).sort(), ['password', 'ptime', 'requestId', 'sign', 'vids'])
    assert.match(sdk.requestId!, /^[0-9a-f]{32}$/)
    const doc = signedParams('doc', { vids: 'v' }, account)
    assert.equal(doc.userId, '1b448be323')
    const legacy = signedParams('legacy', { vids: 'v' }, account)
    assert.equal(legacy.userid, undefined)
    assert.equal(legacy.sign, clientSignV2({ vids: 'v', ptime: '1', userid: '1b448be323' }, 'abc'))
  })
})
