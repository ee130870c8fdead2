// Tencent Cloud API 3.0 verification, server side: TC3 and v1 against every vector of
// tencent-live.md §2–§3, host with and without port, the ±300 s window, and malformed input.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { utcDate } from '../../../../src/core/schemes/tencent-tc3/canonical.ts'
import { signTc3, tc3SigningKey } from '../../../../src/core/schemes/tencent-tc3/sign.ts'
import {
  checkTimestamp,
  hostCandidates,
  parseTc3Authorization,
  verifyTc3,
  verifyV1,
  type Tc3Authorization,
} from '../../../../src/core/schemes/tencent-tc3/verify.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { TC3_VECTORS, V1_VECTORS, type Tc3Vector } from './vectors.ts'

const reasonOf = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason)

function authOf(v: Tc3Vector, signature = v.signature): Tc3Authorization {
  const parsed = parseTc3Authorization(
    `TC3-HMAC-SHA256 Credential=${v.secretId}/${utcDate(v.timestamp)}/${v.service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
  )
  assert.ok(parsed.ok)
  return parsed.value
}

function verify(v: Tc3Vector, changes: Partial<Parameters<typeof verifyTc3>[0]> = {}) {
  return verifyTc3(
    {
      method: v.method,
      query: v.query,
      headers: { host: v.hostHeader, 'content-type': v.contentType },
      body: v.body,
      authorization: authOf(v),
      timestamp: String(v.timestamp),
      secretKey: v.secretKey,
      ...changes,
    },
    nodeCrypto,
  )
}

describe('tencent-tc3 verifyTc3', () => {
  for (const v of TC3_VECTORS) {
    it(`accepts ${v.source} with the Host header as sent`, () => {
      const verdict = verify(v)
      assert.deepEqual(verdict.ok && verdict.value, { host: v.signedHost })
    })
  }

  it('accepts the SDK POST only through the host without its port (the SDK signs that)', () => {
    const v = TC3_VECTORS[1]!
    const verdict = verify(v)
    assert.ok(verdict.ok)
    assert.equal(verdict.value.host, '127.0.0.1')
    assert.match(
      verdict.stringToSign,
      /^TC3-HMAC-SHA256\n1795325844\n2026-11-22\/127\/tc3_request\n/,
    )
  })

  it('tries the configured public host names last', () => {
    const v = TC3_VECTORS[3]!
    const verdict = verify(v, {
      headers: { host: '10.0.0.5:8080', 'content-type': v.contentType },
      publicHosts: ['live.tencentcloudapi.com'],
    })
    assert.deepEqual(verdict.ok && verdict.value, { host: 'live.tencentcloudapi.com' })
  })

  it('accepts a content-type signed in lower case while sent in mixed case', () => {
    const v = TC3_VECTORS[1]!
    const signed = signTc3({ ...v, host: '127.0.0.1', contentType: 'application/json' }, nodeCrypto)
    const verdict = verify(v, {
      headers: { host: v.hostHeader, 'content-type': 'Application/JSON' },
      authorization: authOf(v, signed.signature),
    })
    assert.equal(reasonOf(verdict), 'ok')
  })

  it('uses a signing key the caller kept', () => {
    const v = TC3_VECTORS[2]!
    const signingKey = tc3SigningKey(v.secretKey, utcDate(v.timestamp), v.service, nodeCrypto)
    assert.equal(reasonOf(verify(v, { signingKey, secretKey: 'unused' })), 'ok')
  })

  it('rejects a wrong secret, a changed body, a changed query and a changed method', () => {
    const [post, , get] = [TC3_VECTORS[1]!, TC3_VECTORS[2]!, TC3_VECTORS[2]!]
    assert.equal(reasonOf(verify(post, { secretKey: 'wrong' })), 'signature-mismatch')
    assert.equal(reasonOf(verify(post, { body: post.body + ' ' })), 'signature-mismatch')
    assert.equal(reasonOf(verify(get, { query: 'DomainName=other.com' })), 'signature-mismatch')
    assert.equal(reasonOf(verify(get, { method: 'POST' })), 'signature-mismatch')
  })

  it('rejects a scope date other than the UTC date of the timestamp', () => {
    const v = TC3_VECTORS[1]!
    const verdict = verify(v, { timestamp: String(v.timestamp + 86_400) })
    assert.deepEqual([verdict.ok, reasonOf(verdict)], [false, 'scope-date-mismatch'])
    assert.equal(!verdict.ok && verdict.code, 'SIGNATURE_MISMATCH')
  })

  it('rejects a signature that leaves out host or content-type', () => {
    const v = TC3_VECTORS[1]!
    const authorization = { ...authOf(v), signedHeaders: ['content-type'] }
    const verdict = verify(v, { authorization })
    assert.equal(reasonOf(verdict), 'signed-headers-incomplete')
    assert.equal(!verdict.ok && verdict.code, 'INVALID_PARAMETER')
  })

  it('rejects a signed header that was not sent', () => {
    const v = TC3_VECTORS[1]!
    const verdict = verify(v, { headers: { host: v.hostHeader } })
    assert.equal(reasonOf(verdict), 'signed-header-absent')
  })
})

describe('tencent-tc3 parseTc3Authorization', () => {
  it('reads the SDK header', () => {
    assert.deepEqual(
      parseTc3Authorization(
        'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-22/127/tc3_request, SignedHeaders=content-type;host, Signature=F4E34F88B0DE78338D37BB8F9646AE46CCD586B9835635DE50A364D9979B034D',
      ),
      {
        ok: true,
        value: {
          secretId: 'AKIDEXAMPLE',
          date: '2026-11-22',
          service: '127',
          signedHeaders: ['content-type', 'host'],
          signature: 'f4e34f88b0de78338d37bb8f9646ae46ccd586b9835635de50a364d9979b034d',
        },
      },
    )
  })

  const sig = 'a'.repeat(64)
  const bad: readonly [string, string][] = [
    ['empty', ''],
    [
      'another algorithm',
      `HMAC-SHA256 Credential=A/2026-11-22/live/tc3_request, SignedHeaders=host, Signature=${sig}`,
    ],
    ['no components', 'TC3-HMAC-SHA256'],
    [
      'a short credential',
      `TC3-HMAC-SHA256 Credential=A/2026-11-22/live, SignedHeaders=host, Signature=${sig}`,
    ],
    [
      'a wrong terminator',
      `TC3-HMAC-SHA256 Credential=A/2026-11-22/live/x, SignedHeaders=host, Signature=${sig}`,
    ],
    [
      'a bad date',
      `TC3-HMAC-SHA256 Credential=A/20261122/live/tc3_request, SignedHeaders=host, Signature=${sig}`,
    ],
    [
      'an empty SecretId',
      `TC3-HMAC-SHA256 Credential=/2026-11-22/live/tc3_request, SignedHeaders=host, Signature=${sig}`,
    ],
    [
      'a short signature',
      'TC3-HMAC-SHA256 Credential=A/2026-11-22/live/tc3_request, SignedHeaders=host, Signature=abc',
    ],
    [
      'a repeated component',
      `TC3-HMAC-SHA256 Credential=A/2026-11-22/live/tc3_request, Credential=B/2026-11-22/live/tc3_request, Signature=${sig}`,
    ],
    [
      'a bad header name',
      `TC3-HMAC-SHA256 Credential=A/2026-11-22/live/tc3_request, SignedHeaders=ho st, Signature=${sig}`,
    ],
    [
      'an extra component',
      `TC3-HMAC-SHA256 Credential=A/2026-11-22/live/tc3_request, SignedHeaders=host, Signature=${sig}, X=1`,
    ],
  ]
  for (const [what, header] of bad) {
    it(`refuses ${what} as authorization-malformed`, () => {
      assert.deepEqual(parseTc3Authorization(header), {
        ok: false,
        code: 'INVALID_PARAMETER',
        reason: 'authorization-malformed',
      })
    })
  }
})

describe('tencent-tc3 checkTimestamp', () => {
  const now = 1795325844_000
  it('accepts ±300 s and refuses 301 s either way', () => {
    assert.equal(reasonOf(checkTimestamp('1795325544', now)), 'ok')
    assert.equal(reasonOf(checkTimestamp('1795326144', now)), 'ok')
    assert.deepEqual(checkTimestamp('1795325543', now), {
      ok: false,
      code: 'SIGNATURE_EXPIRED',
      reason: 'timestamp-expired',
    })
    assert.equal(reasonOf(checkTimestamp('1795326145', now)), 'timestamp-expired')
  })
  for (const value of ['', '-1', '1.5', '0x10', ' 1795325844', '1'.repeat(13)]) {
    it(`refuses ${JSON.stringify(value)} as timestamp-format`, () => {
      assert.equal(reasonOf(checkTimestamp(value, now)), 'timestamp-format')
    })
  }
})

describe('tencent-tc3 verifyV1', () => {
  for (const v of V1_VECTORS) {
    it(`accepts ${v.source}`, () => {
      const params = v.params.some(([n]) => n === 'Signature')
        ? v.params
        : [...v.params, ['Signature', v.signature] as const]
      const verdict = verifyV1(
        { method: v.method, params, hosts: [v.host], secretKey: v.secretKey },
        nodeCrypto,
      )
      assert.ok(verdict.ok)
      assert.equal(verdict.stringToSign, v.stringToSign)
    })
  }

  it('tries the host with its port first, then without', () => {
    assert.deepEqual(hostCandidates('127.0.0.1:18080', ['live.example']), [
      '127.0.0.1:18080',
      '127.0.0.1',
      'live.example',
    ])
    const v = V1_VECTORS[2]!
    const verdict = verifyV1(
      { method: v.method, params: v.params, hosts: ['proxy:80', v.host], secretKey: v.secretKey },
      nodeCrypto,
    )
    assert.deepEqual(verdict.ok && verdict.value, { host: v.host, signatureMethod: 'HmacSHA256' })
  })

  it('repairs a raw + that arrived as a space', () => {
    const v = V1_VECTORS[1]!
    const params = [...v.params, ['Signature', v.signature.replaceAll('+', ' ')] as const]
    const verdict = verifyV1({ ...v, params, hosts: [v.host] }, nodeCrypto)
    assert.equal(reasonOf(verdict), 'ok')
  })

  it('refuses a missing signature, a duplicate name, an unknown method and a mismatch', () => {
    const v = V1_VECTORS[3]!
    const run = (params: typeof v.params) =>
      verifyV1({ method: v.method, params, hosts: [v.host], secretKey: v.secretKey }, nodeCrypto)
    const unsigned = v.params.filter(([n]) => n !== 'Signature')
    assert.equal(reasonOf(run(unsigned)), 'signature-missing')
    assert.equal(reasonOf(run([...v.params, ['Nonce', '1']])), 'duplicate-parameter')
    const md5 = v.params.map(([n, x]) => [n, n === 'SignatureMethod' ? 'HmacMD5' : x] as const)
    assert.deepEqual(
      (({ ok, code, reason }) => [ok, code, reason])(
        run(md5) as { ok: false; code: string; reason: string },
      ),
      [false, 'UNSUPPORTED_OPERATION', 'signature-method'],
    )
    const tampered = v.params.map(([n, x]) => [n, n === 'DomainName' ? 'evil.com' : x] as const)
    assert.equal(reasonOf(run(tampered)), 'signature-mismatch')
    assert.equal(
      reasonOf(
        verifyV1(
          { method: 'POST', params: v.params, hosts: [v.host], secretKey: v.secretKey },
          nodeCrypto,
        ),
      ),
      'signature-mismatch',
    )
  })
})
