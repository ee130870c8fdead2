// Polyv signs, client side, against every vector of polyv.md (§1.2, §8.1, §8.3, §8.4).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  md5Plaintext,
  signedPairs,
  v2Plaintext,
} from '../../../../src/core/schemes/polyv/canonical.ts'
import {
  signCallback,
  signMd5,
  signMobile,
  signV2,
} from '../../../../src/core/schemes/polyv/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { CALLBACK_VECTOR, MD5_VECTOR, MOBILE_VECTOR, V2_VECTORS } from './vectors.ts'

describe('polyv signV2', () => {
  for (const v of V2_VECTORS) {
    it(`reproduces ${v.source}`, () => {
      assert.equal(v2Plaintext(v.params, v.secret), v.plaintext)
      assert.equal(signV2(v.params, v.secret, nodeCrypto), v.sign)
    })
  }

  it('signs the same whatever order the parameters come in, pairs or record', () => {
    const v = V2_VECTORS[2]!
    const reversed = Object.entries(v.params).reverse()
    assert.equal(signV2(reversed, v.secret, nodeCrypto), v.sign)
  })

  it('sorts by code unit: upper case before lower case, as Java does', () => {
    assert.deepEqual(
      signedPairs({ b: '1', B: '2', a: '3', Z: '4' }).map(([n]) => n),
      ['B', 'Z', 'a', 'b'],
    )
  })

  it('leaves out sign and empty values', () => {
    assert.equal(v2Plaintext({ sign: 'X', a: '', b: '1' }, 's'), 'b=1s')
  })
})

describe('polyv signMd5 (token API)', () => {
  it(`reproduces ${MD5_VECTOR.source}`, () => {
    assert.equal(md5Plaintext(MD5_VECTOR.params, MD5_VECTOR.secret), MD5_VECTOR.plaintext)
    assert.equal(signMd5(MD5_VECTOR.params, MD5_VECTOR.secret, nodeCrypto), MD5_VECTOR.sign)
  })
})

describe('polyv signMobile and signCallback', () => {
  it(`reproduces ${MOBILE_VECTOR.source} in lower case`, () => {
    const v = MOBILE_VECTOR
    assert.equal(signMobile(v.secret, v.vid, v.ts, nodeCrypto), v.sign)
  })

  it(`reproduces ${CALLBACK_VECTOR.source} in lower case`, () => {
    const v = CALLBACK_VECTOR
    assert.equal(signCallback(v.answer, v.secret, nodeCrypto), v.sign)
  })
})
