// Aliyun RPC V3 (ACS3-HMAC-SHA256) verification, server side (aliyun-vod.md §5, §12.5).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseQuery } from '../../../../src/core/encoding/query.ts'
import type { RequestHeaders } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signV3 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import {
  parseAcs3Authorization,
  verifyV3,
  type Acs3Authorization,
} from '../../../../src/core/schemes/aliyun-rpc/verify.ts'
import type { Crypto } from '../../../../src/core/ports.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { V3_VECTORS } from './vectors.ts'

const parsed = (header: string): Acs3Authorization => {
  const verdict = parseAcs3Authorization(header)
  if (!verdict.ok) throw new Error(verdict.reason)
  return verdict.value
}

/** A V3 request as a dialect would receive it, signed by our own client with secret 's'. */
function request(
  overrides: { headers?: Record<string, string>; body?: string; query?: string } = {},
) {
  const headers = {
    host: '127.0.0.1:8080',
    'x-acs-action': 'GetPlayInfo',
    'x-acs-version': '2017-03-21',
    'x-acs-date': '2026-11-22T05:43:36Z',
    'x-acs-signature-nonce': 'n1',
    accept: 'application/json',
    ...overrides.headers,
  }
  const query = parseQuery(overrides.query ?? 'VideoId=v1&Formats=')!
  const body = overrides.body ?? ''
  const signed = signV3(
    { method: 'POST', query, headers, body, accessKeyId: 'ak', secret: 's' },
    nodeCrypto,
  )
  return {
    method: 'POST',
    query,
    headers: { ...headers, 'x-acs-content-sha256': signed.contentSha256 } as RequestHeaders,
    body,
    authorization: parsed(signed.authorization),
    secret: 's',
  }
}

const reasonOf = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason)

describe('aliyun-rpc parseAcs3Authorization', () => {
  it('reads Credential, SignedHeaders and Signature of the doc vector (§5.3)', () => {
    assert.deepEqual(parseAcs3Authorization(V3_VECTORS[0]!.authorization), {
      ok: true,
      value: {
        accessKeyId: 'YourAccessKeyId',
        signedHeaders: [
          'host',
          'x-acs-action',
          'x-acs-content-sha256',
          'x-acs-date',
          'x-acs-signature-nonce',
          'x-acs-version',
        ],
        signature: '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
      },
    })
  })

  it('accepts spaces after commas, any order, and upper-case names and hex', () => {
    const sig = 'A'.repeat(64)
    const verdict = parseAcs3Authorization(
      `ACS3-HMAC-SHA256 Signature=${sig}, SignedHeaders=Host;X-Acs-Date, Credential=STS.x`,
    )
    assert.deepEqual(verdict.ok && verdict.value, {
      accessKeyId: 'STS.x',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'a'.repeat(64),
    })
  })

  it('rejects another algorithm as unsupported', () => {
    const header = V3_VECTORS[0]!.authorization.replace('HMAC-SHA256', 'HMAC-SM3')
    assert.deepEqual(parseAcs3Authorization(header), {
      ok: false,
      code: 'UNSUPPORTED_OPERATION',
      reason: 'authorization-algorithm',
    })
  })

  const sig = 'a'.repeat(64)
  for (const bad of [
    '',
    'ACS3-HMAC-SHA256',
    `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host`,
    `ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=${sig}`,
    `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=${sig.slice(1)}`,
    `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=${'g'.repeat(64)}`,
    `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;;x,Signature=${sig}`,
    `ACS3-HMAC-SHA256 Credential=ak,Credential=b,SignedHeaders=host,Signature=${sig}`,
    `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=${sig},Extra=1`,
    `ACS3-HMAC-SHA256 Credential=ak SignedHeaders=host Signature=${sig}`,
  ]) {
    it(`rejects ${JSON.stringify(bad.slice(0, 70))} as malformed`, () => {
      assert.deepEqual(parseAcs3Authorization(bad), {
        ok: false,
        code: 'INVALID_PARAMETER',
        reason: 'authorization-malformed',
      })
    })
  }
})

describe('aliyun-rpc verifyV3', () => {
  for (const v of V3_VECTORS) {
    it(`accepts ${v.source}`, () => {
      const query = parseQuery(v.query)!
      const input = { ...v, query, authorization: parsed(v.authorization) }
      const verdict = verifyV3(input, nodeCrypto)
      assert.equal(verdict.ok, true)
      if (v.canonicalRequest) assert.equal(verdict.canonicalRequest, v.canonicalRequest)
    })
  }

  it('compares the body hash and the signature only through the port’s timingSafeEqual', () => {
    const input = request()
    const calls: string[] = []
    const recording: Crypto = {
      ...nodeCrypto,
      timingSafeEqual: (a, b) => {
        calls.push(String(b))
        return nodeCrypto.timingSafeEqual(a, b)
      },
    }
    assert.equal(verifyV3(input, recording).ok, true)
    assert.deepEqual(calls, [
      (input.headers['x-acs-content-sha256'] as string).toLowerCase(),
      input.authorization.signature,
    ])
    const refusing: Crypto = { ...nodeCrypto, timingSafeEqual: () => false }
    assert.equal(reasonOf(verifyV3(input, refusing)), 'content-sha256-mismatch')
  })

  it('rejects a wrong secret and exposes the string-to-sign', () => {
    const v = V3_VECTORS[0]!
    const input = {
      ...v,
      query: parseQuery(v.query)!,
      secret: 'wrong',
      authorization: parsed(v.authorization),
    }
    const verdict = verifyV3(input, nodeCrypto)
    assert.equal(reasonOf(verdict), 'signature-mismatch')
    assert.equal(verdict.stringToSign, `ACS3-HMAC-SHA256\n${v.canonicalRequestHash ?? ''}`)
  })

  it('accepts a request signed by our client, with headers given in any case', () => {
    const input = request()
    const upper = Object.fromEntries(
      Object.entries(input.headers).map(([k, v]) => [k.toUpperCase(), v]),
    )
    assert.equal(reasonOf(verifyV3({ ...input, headers: upper }, nodeCrypto)), 'ok')
  })

  it('rejects a tampered query value', () => {
    const input = request()
    const query = [...input.query.filter(([n]) => n !== 'VideoId'), ['VideoId', 'v2'] as const]
    assert.equal(reasonOf(verifyV3({ ...input, query }, nodeCrypto)), 'signature-mismatch')
  })

  it('rejects a different Host (the port is signed)', () => {
    const input = request()
    const headers = { ...input.headers, host: '127.0.0.1:8081' }
    assert.equal(reasonOf(verifyV3({ ...input, headers }, nodeCrypto)), 'signature-mismatch')
  })

  it('ignores a change to an unsigned header', () => {
    const input = request()
    const headers = { ...input.headers, accept: 'text/xml', 'user-agent': 'x' }
    assert.equal(reasonOf(verifyV3({ ...input, headers }, nodeCrypto)), 'ok')
  })

  it('verifies a form body and rejects one that does not match x-acs-content-sha256', () => {
    const input = request({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'VideoId=v%201*(x)&AuthInfoTimeout=3000',
      query: '',
    })
    assert.equal(reasonOf(verifyV3(input, nodeCrypto)), 'ok')
    const tampered = { ...input, body: 'VideoId=v2&AuthInfoTimeout=3000' }
    const verdict = verifyV3(tampered, nodeCrypto)
    assert.deepEqual(verdict.ok ? 'ok' : [verdict.code, verdict.reason], [
      'SIGNATURE_MISMATCH',
      'content-sha256-mismatch',
    ])
  })

  it('requires the six mandatory headers to be signed', () => {
    const input = request()
    const signedHeaders = input.authorization.signedHeaders.filter((h) => h !== 'x-acs-date')
    const authorization = { ...input.authorization, signedHeaders }
    const verdict = verifyV3({ ...input, authorization }, nodeCrypto)
    assert.deepEqual(verdict.ok ? 'ok' : [verdict.code, verdict.reason], [
      'INVALID_PARAMETER',
      'signed-headers-incomplete',
    ])
  })

  it('requires x-acs-security-token to be signed when it is sent', () => {
    const input = request()
    const headers = { ...input.headers, 'x-acs-security-token': 'tok' }
    assert.equal(reasonOf(verifyV3({ ...input, headers }, nodeCrypto)), 'signed-headers-incomplete')
    const sts = request({ headers: { 'x-acs-security-token': 'tok' } })
    assert.equal(reasonOf(verifyV3(sts, nodeCrypto)), 'ok')
  })

  it('rejects a signed header that was not received', () => {
    const input = request({ headers: { 'x-acs-credentials-provider': 'static_ak' } })
    const headers = Object.fromEntries(
      Object.entries(input.headers).filter(([n]) => n !== 'x-acs-credentials-provider'),
    )
    assert.equal(reasonOf(verifyV3({ ...input, headers }, nodeCrypto)), 'signed-header-absent')
  })

  it('rejects a query parameter sent twice', () => {
    const input = request({ query: 'VideoId=v1&VideoId=v2' })
    assert.equal(reasonOf(verifyV3(input, nodeCrypto)), 'duplicate-parameter')
  })

  it('joins repeated header values sorted with "," as openapi-util does', () => {
    const input = request({ headers: { 'x-acs-extra': 'b' } })
    const headers = { ...input.headers, 'x-acs-extra': ['b'] }
    assert.equal(reasonOf(verifyV3({ ...input, headers }, nodeCrypto)), 'ok')
    const repeated = { ...input.headers, 'x-acs-extra': ['b', 'a'] }
    const verdict = verifyV3({ ...input, headers: repeated }, nodeCrypto)
    assert.match(verdict.canonicalRequest, /\nx-acs-extra:a,b\n/)
  })
})
