// Aliyun RPC V1 verification and the timestamp window, server side (aliyun-vod.md §3.3, §4, §6, §11).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseQuery, type QueryPair } from '../../../../src/core/encoding/query.ts'
import { signV1 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import {
  checkTimestamp,
  checkV1SignatureMethod,
  verifyV1,
} from '../../../../src/core/schemes/aliyun-rpc/verify.ts'
import type { Crypto } from '../../../../src/core/ports.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import {
  LENIENT_VECTOR,
  PLAYER_REQUEST_QUERY,
  V1_DOC_VECTORS,
  V1_WIRE_VECTORS,
  wireParams,
} from './vectors.ts'

const player = () => parseQuery(PLAYER_REQUEST_QUERY)!
const unsigned = (pairs: readonly QueryPair[]) => pairs.filter(([n]) => n !== 'Signature')
const signed = (pairs: readonly QueryPair[], encoding: 'strict' | 'player' = 'strict') => {
  const params = unsigned(pairs)
  const { signature } = signV1({ method: 'GET', params, secret: 'k', encoding }, nodeCrypto)
  return [...params, ['Signature', signature] as const]
}
const reasonOf = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason)
const replace = (pairs: readonly QueryPair[], name: string, value: string) =>
  pairs.map(([n, v]) => [n, n === name ? value : v] as const)

describe('aliyun-rpc verifyV1', () => {
  for (const v of V1_WIRE_VECTORS) {
    it(`accepts ${v.source} with strict encoding`, () => {
      const verdict = verifyV1(
        { method: v.method, params: wireParams(v), secret: v.secret },
        nodeCrypto,
      )
      assert.equal(verdict.ok, true)
      assert.deepEqual(verdict.ok && verdict.value, { encoding: 'strict', unsigned: [] })
    })
  }

  for (const v of V1_DOC_VECTORS) {
    it(`accepts ${v.source} and exposes its string-to-sign`, () => {
      const params = { ...v.params, Signature: v.signature }
      const verdict = verifyV1({ method: v.method, params, secret: v.secret }, nodeCrypto)
      assert.equal(verdict.ok, true)
      assert.equal(verdict.stringToSign, v.stringToSign)
    })
  }

  it('rejects a wrong secret and still exposes the server string-to-sign', () => {
    const v = V1_DOC_VECTORS[1]!
    const params = { ...v.params, Signature: v.signature }
    const verdict = verifyV1({ method: 'GET', params, secret: 'wrong' }, nodeCrypto)
    assert.deepEqual(verdict, {
      ok: false,
      code: 'SIGNATURE_MISMATCH',
      reason: 'signature-mismatch',
      stringToSign: v.stringToSign,
    })
  })

  it('rejects a tampered parameter', () => {
    const params = replace(wireParams(V1_WIRE_VECTORS[0]!), 'VideoId', 'ffffffffffffffffffffffff')
    const verdict = verifyV1({ method: 'GET', params, secret: 'testAccessKeySecret' }, nodeCrypto)
    assert.equal(!verdict.ok && verdict.reason, 'signature-mismatch')
  })

  it('rejects a GET signature replayed as POST', () => {
    const params = wireParams(V1_WIRE_VECTORS[0]!)
    const verdict = verifyV1({ method: 'POST', params, secret: 'testAccessKeySecret' }, nodeCrypto)
    assert.equal(!verdict.ok && verdict.code, 'SIGNATURE_MISMATCH')
  })

  it('rejects a request without Signature', () => {
    const verdict = verifyV1({ method: 'GET', params: unsigned(player()), secret: 'k' }, nodeCrypto)
    assert.equal(verdict.ok, false)
    assert.deepEqual(!verdict.ok && [verdict.code, verdict.reason], [
      'MISSING_PARAMETER',
      'signature-missing',
    ])
  })

  it('rejects a parameter sent twice, even with a valid signature over both', () => {
    const params = signed([...unsigned(player()), ['VideoId', 'other']])
    const verdict = verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto)
    assert.deepEqual(!verdict.ok && [verdict.code, verdict.reason], [
      'INVALID_PARAMETER',
      'duplicate-parameter',
    ])
  })

  it('repairs a raw "+" in Signature that query decoding turned into a space', () => {
    const v = V1_WIRE_VECTORS[2]!
    const params = replace(wireParams(v), 'Signature', v.signature.replace('+', ' '))
    assert.equal(verifyV1({ method: 'GET', params, secret: v.secret }, nodeCrypto).ok, true)
  })
})

describe('aliyun-rpc verifyV1 comparisons (§16: constant time)', () => {
  it('decides only through the port’s timingSafeEqual, on the received Signature', () => {
    const v = V1_WIRE_VECTORS[0]!
    const calls: [string, string][] = []
    const recording: Crypto = {
      ...nodeCrypto,
      timingSafeEqual: (a, b) => {
        calls.push([String(a), String(b)])
        return nodeCrypto.timingSafeEqual(a, b)
      },
    }
    const input = { method: v.method, params: wireParams(v), secret: v.secret }
    assert.equal(verifyV1(input, recording).ok, true)
    assert.deepEqual(calls, [[v.signature, v.signature]])
    // A port that says "different" refuses even the published vector: no other path accepts.
    const refusing: Crypto = { ...nodeCrypto, timingSafeEqual: () => false }
    assert.equal(reasonOf(verifyV1(input, refusing)), 'signature-mismatch')
  })
})

describe('aliyun-rpc verifyV1 web-player fallbacks', () => {
  const lenientParams = (pairs: readonly QueryPair[]) =>
    signed(replace(pairs, 'PlayConfig', LENIENT_VECTOR.playConfig), 'player')

  it('accepts the player encoding of the §3.3 vector when Channel=HTML5', () => {
    const params = replace(player(), 'PlayConfig', LENIENT_VECTOR.playConfig).map(
      ([n, v]) => [n, n === 'Signature' ? LENIENT_VECTOR.playerSignature : v] as const,
    )
    const verdict = verifyV1({ method: 'GET', params, secret: LENIENT_VECTOR.secret }, nodeCrypto)
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'player', unsigned: [] })
  })

  it('prefers the strict encoding when both would match', () => {
    const verdict = verifyV1({ method: 'GET', params: signed(player()), secret: 'k' }, nodeCrypto)
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'strict', unsigned: [] })
  })

  it('refuses the player encoding without Channel=HTML5', () => {
    const params = lenientParams(player().filter(([n]) => n !== 'Channel'))
    const verdict = verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto)
    assert.equal(!verdict.ok && verdict.reason, 'signature-mismatch')
  })

  it('refuses the player encoding when Channel is another value', () => {
    const params = lenientParams(replace(player(), 'Channel', 'html5'))
    assert.equal(verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto).ok, false)
  })

  it('echoes the strict string-to-sign when the player encoding also fails', () => {
    const params = lenientParams(player())
    const verdict = verifyV1({ method: 'GET', params, secret: 'other' }, nodeCrypto)
    assert.equal(verdict.ok, false)
    assert.match(verdict.stringToSign, /%2522it%2527s%2520%2528x%2529%2521%2522/)
  })

  it('ignores an unsigned RegionId appended after Signature (§11.4)', () => {
    const params = [...signed(player()), ['RegionId', 'cn-shanghai'] as const]
    const verdict = verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto)
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'strict', unsigned: ['RegionId'] })
  })

  it('also accepts a RegionId after Signature that was signed', () => {
    const params = signed([...player(), ['RegionId', 'cn-shanghai']])
    const [signature] = params.splice(-1, 1)
    const reordered = [...params.filter(([n]) => n !== 'RegionId'), signature!, params.at(-1)!]
    const verdict = verifyV1({ method: 'GET', params: reordered, secret: 'k' }, nodeCrypto)
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'strict', unsigned: [] })
  })

  it('combines the RegionId suffix with the player encoding', () => {
    const params = [...lenientParams(player()), ['RegionId', 'cn-shanghai'] as const]
    const verdict = verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto)
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'player', unsigned: ['RegionId'] })
  })

  it('does not ignore an unsigned RegionId placed before Signature', () => {
    const [signature, ...rest] = signed(player()).reverse()
    const params = [...rest.reverse(), ['RegionId', 'cn-shanghai'] as const, signature!]
    assert.equal(verifyV1({ method: 'GET', params, secret: 'k' }, nodeCrypto).ok, false)
  })
})

describe('aliyun-rpc checkTimestamp', () => {
  const t = '2026-11-22T05:43:36Z'
  const at = Date.UTC(2026, 10, 22, 5, 43, 36)

  it('accepts a timestamp exactly 15 minutes old and exactly 15 minutes ahead', () => {
    assert.deepEqual(checkTimestamp(t, at + 900_000), { ok: true, value: at })
    assert.deepEqual(checkTimestamp(t, at - 900_000), { ok: true, value: at })
  })

  it('rejects a timestamp 1 ms past the window on either side as expired', () => {
    const expired = { ok: false, code: 'SIGNATURE_EXPIRED', reason: 'timestamp-expired' }
    assert.deepEqual(checkTimestamp(t, at + 900_001), expired)
    assert.deepEqual(checkTimestamp(t, at - 900_001), expired)
  })

  it('rejects a request signed 16 minutes ago', () => {
    assert.equal(checkTimestamp(t, at + 16 * 60_000).ok, false)
  })

  it('honours a custom skew', () => {
    assert.equal(checkTimestamp(t, at + 60_000, 60).ok, true)
    assert.equal(checkTimestamp(t, at + 61_000, 60).ok, false)
  })

  for (const bad of [
    '',
    '2026-11-22T05:43:36.000Z',
    '2026-11-22T05:43:36',
    '2026-11-22T05:43:36+08:00',
    '2026-11-22 05:43:36Z',
    '2026-11-22t05:43:36z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T05:60:00Z',
    '2026-11-22T05:43:60Z',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '1763790216',
    ' 2026-11-22T05:43:36Z',
  ]) {
    it(`rejects ${JSON.stringify(bad)} as a format error, not as expired`, () => {
      assert.deepEqual(checkTimestamp(bad, at), {
        ok: false,
        code: 'INVALID_PARAMETER',
        reason: 'timestamp-format',
      })
    })
  }
})

describe('aliyun-rpc checkV1SignatureMethod', () => {
  it('accepts HMAC-SHA1 in any case with version 1.0', () => {
    assert.equal(checkV1SignatureMethod('HMAC-SHA1', '1.0').ok, true)
    assert.equal(checkV1SignatureMethod('Hmac-SHA1', '1.0').ok, true)
  })

  it('rejects another method or version', () => {
    assert.deepEqual(checkV1SignatureMethod('HMAC-SHA256', '1.0'), {
      ok: false,
      code: 'UNSUPPORTED_OPERATION',
      reason: 'signature-method',
    })
    assert.deepEqual(checkV1SignatureMethod('HMAC-SHA1', '2.0'), {
      ok: false,
      code: 'UNSUPPORTED_OPERATION',
      reason: 'signature-version',
    })
  })
})
