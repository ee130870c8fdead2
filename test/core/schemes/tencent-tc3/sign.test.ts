// Tencent Cloud API 3.0 signing, client side: every TC3 and v1 vector of tencent-live.md §2–§3.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toHex } from '../../../../src/core/encoding/bytes.ts'
import {
  canonicalRequestTc3,
  credentialScope,
  stringToSignV1,
  utcDate,
} from '../../../../src/core/schemes/tencent-tc3/canonical.ts'
import { signTc3, signV1 } from '../../../../src/core/schemes/tencent-tc3/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { TC3_POST_WITH_PORT, TC3_VECTORS, V1_DOC_ERRATUM, V1_VECTORS } from './vectors.ts'

describe('tencent-tc3 signTc3', () => {
  for (const v of TC3_VECTORS) {
    it(`reproduces ${v.source}`, () => {
      const signed = signTc3(
        {
          method: v.method,
          host: v.signedHost,
          contentType: v.contentType,
          query: v.query,
          body: v.body,
          timestamp: v.timestamp,
          service: v.service,
          secretId: v.secretId,
          secretKey: v.secretKey,
        },
        nodeCrypto,
      )
      assert.equal(signed.signature, v.signature)
      assert.equal(
        signed.authorization,
        `TC3-HMAC-SHA256 Credential=${v.secretId}/${utcDate(v.timestamp)}/${v.service}/tc3_request, SignedHeaders=content-type;host, Signature=${v.signature}`,
      )
      if (v.canonicalRequest) assert.equal(signed.canonicalRequest, v.canonicalRequest)
      if (v.hashedCanonicalRequest)
        assert.equal(
          toHex(nodeCrypto.hash('sha256', signed.canonicalRequest)),
          v.hashedCanonicalRequest,
        )
      if (v.hashedPayload) assert.equal(toHex(nodeCrypto.hash('sha256', v.body)), v.hashedPayload)
    })
  }

  it('gives the §2.5 mismatch when the SDK POST is signed with the port in the host', () => {
    const v = TC3_VECTORS[1]!
    const { signature } = signTc3(
      { ...v, host: v.hostHeader, method: v.method, body: v.body },
      nodeCrypto,
    )
    assert.ok(signature.startsWith(TC3_POST_WITH_PORT.prefix))
    assert.ok(signature.endsWith(TC3_POST_WITH_PORT.suffix))
  })

  it('hashes SHA256("") for a GET and signs the query as sent', () => {
    const text = canonicalRequestTc3({
      method: 'GET',
      canonicalQuery: 'a=1&b=%20',
      headers: [
        ['content-type', ' application/x-www-form-urlencoded '],
        ['host', 'h'],
      ],
      hashedPayload: toHex(nodeCrypto.hash('sha256', '')),
    })
    assert.equal(
      text,
      'GET\n/\na=1&b=%20\ncontent-type:application/x-www-form-urlencoded\nhost:h\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    )
  })

  it('takes the scope date in UTC, also just after midnight in UTC+8', () => {
    // 2019-02-25T23:30:00Z is 2019-02-26 07:30 in Beijing; the scope says 2019-02-25.
    assert.equal(utcDate(1551137400), '2019-02-25')
    assert.equal(credentialScope('2019-02-25', 'live'), '2019-02-25/live/tc3_request')
  })
})

describe('tencent-tc3 signV1', () => {
  for (const v of V1_VECTORS) {
    it(`reproduces ${v.source}`, () => {
      const method = v.params.some(([n, m]) => n === 'SignatureMethod' && m === 'HmacSHA256')
        ? 'HmacSHA256'
        : 'HmacSHA1'
      const signed = signV1(
        {
          method: v.method,
          host: v.host,
          params: v.params,
          secretKey: v.secretKey,
          signatureMethod: method,
        },
        nodeCrypto,
      )
      assert.equal(signed.stringToSign, v.stringToSign)
      assert.equal(signed.signature, v.signature)
    })
  }

  it('does not reproduce the erratum of the older English doc copy', () => {
    const v = V1_VECTORS[0]!
    const signed = signV1({ ...v, signatureMethod: 'HmacSHA1' }, nodeCrypto)
    assert.notEqual(signed.signature, V1_DOC_ERRATUM)
  })

  it('sorts by code point and keeps values raw (no re-encoding)', () => {
    assert.equal(
      stringToSignV1('post', 'h:1', [
        ['b', 'x y/+'],
        ['B', '1'],
        ['Signature', 'ignored'],
        ['a.0', 'é'],
      ]),
      'POSTh:1/?B=1&a.0=é&b=x y/+',
    )
  })
})
