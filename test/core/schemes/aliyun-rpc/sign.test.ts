// Aliyun RPC signing (client side) against every published and wire vector of aliyun-vod.md.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toHex } from '../../../../src/core/encoding/bytes.ts'
import {
  aliplayerEncode,
  canonicalQueryV1,
  canonicalQueryV3,
  formatTimestamp,
  parseTimestamp,
  playerStringToSignV1,
  stringToSignV1,
} from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1, signV1, signV3 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import {
  EMPTY_SHA256,
  LENIENT_VECTOR,
  PLAYER_REQUEST_QUERY,
  V1_DOC_VECTORS,
  V1_WIRE_VECTORS,
  V3_VECTORS,
  wireParams,
} from './vectors.ts'
import { parseQuery } from '../../../../src/core/encoding/query.ts'

describe('aliyun-rpc signV1', () => {
  for (const v of V1_DOC_VECTORS) {
    it(`reproduces the string-to-sign and signature of ${v.source}`, () => {
      assert.equal(stringToSignV1(v.method, v.params), v.stringToSign)
      assert.deepEqual(
        signV1({ method: v.method, params: v.params, secret: v.secret }, nodeCrypto),
        {
          signature: v.signature,
          stringToSign: v.stringToSign,
        },
      )
    })
  }

  for (const v of V1_WIRE_VECTORS) {
    it(`reproduces the signature of ${v.source} from its decoded parameters`, () => {
      const params = wireParams(v).filter(([name]) => name !== 'Signature')
      const { signature } = signV1({ method: v.method, params, secret: v.secret }, nodeCrypto)
      assert.equal(signature, v.signature)
    })
  }

  it('puts the same query on the wire as pop-core: sorted, strict, Signature last (§12.2)', () => {
    const v = V1_WIRE_VECTORS[0]!
    const params = wireParams(v).filter(([name]) => name !== 'Signature')
    assert.equal(signedQueryV1({ method: 'GET', params, secret: v.secret }, nodeCrypto), v.query)
  })

  it('signs the player regression vector differently under each encoding (§3.3)', () => {
    const params = withPlayConfig(LENIENT_VECTOR.playConfig)
    const sign = (encoding: 'strict' | 'player') =>
      signV1({ method: 'GET', params, secret: LENIENT_VECTOR.secret, encoding }, nodeCrypto)
    assert.equal(sign('strict').signature, LENIENT_VECTOR.strictSignature)
    assert.equal(sign('player').signature, LENIENT_VECTOR.playerSignature)
  })

  it('gives the same string under both encodings for ordinary player values (§11.3)', () => {
    const params = parseQuery(PLAYER_REQUEST_QUERY)!
    assert.equal(playerStringToSignV1('GET', params), stringToSignV1('GET', params))
  })
})

describe('aliyun-rpc canonicalQueryV1', () => {
  it('sorts by name, drops Signature and keeps empty values', () => {
    const params = { b: '2', Signature: 'x', a: '', A: 'é ~*' }
    assert.equal(canonicalQueryV1(params), 'A=%C3%A9%20~%2A&a=&b=2')
  })

  it('keeps repeated names in arrival order', () => {
    const pairs = [
      ['k', '2'],
      ['j', '0'],
      ['k', '1'],
    ] as const
    assert.equal(canonicalQueryV1(pairs), 'j=0&k=2&k=1')
  })
})

describe('aliyun-rpc aliplayerEncode', () => {
  it("leaves !'() raw and encodes only the first * (JavaScript string replace)", () => {
    assert.equal(aliplayerEncode("a*b*c!'()~ +"), "a%2Ab*c!'()~%20%2B")
  })
})

describe('aliyun-rpc signV3', () => {
  const doc = V3_VECTORS[0]!
  const wire = V3_VECTORS[1]!

  it('builds the canonical request and hash of the doc vector (§5.3)', () => {
    const headers = withoutHeader(doc.headers, 'x-acs-content-sha256')
    const signed = signV3({ ...doc, query: parseQuery(doc.query)!, headers }, nodeCrypto)
    assert.equal(signed.canonicalRequest, doc.canonicalRequest)
    assert.equal(
      signed.stringToSign,
      `ACS3-HMAC-SHA256\n${doc.canonicalRequestHash ?? ''}`,
      'string-to-sign is the algorithm and the hex hash',
    )
    assert.equal(signed.authorization, doc.authorization)
    assert.equal(signed.contentSha256, EMPTY_SHA256)
  })

  it('reproduces the Authorization of openapi-client, ignoring unsigned headers (§12.5)', () => {
    const query = parseQuery(wire.query)!
    const signed = signV3({ ...wire, query }, nodeCrypto)
    assert.equal(signed.authorization, wire.authorization)
  })

  it('signs content-type and the body hash of a form body (§12.5)', () => {
    const body = 'VideoId=v%201*(x)&AuthInfoTimeout=3000'
    const signed = signV3(
      {
        method: 'POST',
        query: {},
        headers: { Host: 'h', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
        accessKeyId: 'ak',
        secret: 's',
      },
      nodeCrypto,
    )
    assert.deepEqual(signed.signedHeaders, ['content-type', 'host', 'x-acs-content-sha256'])
    assert.equal(signed.contentSha256, toHex(nodeCrypto.hash('sha256', body)))
    assert.match(signed.canonicalRequest, /\ncontent-type:application\/x-www-form-urlencoded\n/)
  })
})

describe('aliyun-rpc canonicalQueryV3', () => {
  it('sorts, encodes strictly, writes k= for an empty value and nothing for no parameters', () => {
    assert.equal(canonicalQueryV3({ b: "it's", a: '', c: 'x y' }), 'a=&b=it%27s&c=x%20y')
    assert.equal(canonicalQueryV3({}), '')
  })
})

describe('aliyun-rpc timestamps', () => {
  it('formats UTC seconds without milliseconds', () => {
    assert.equal(formatTimestamp(Date.UTC(2026, 10, 22, 5, 43, 36, 999)), '2026-11-22T05:43:36Z')
  })

  it('parses what it formats and refuses impossible dates', () => {
    assert.equal(parseTimestamp('2026-11-22T05:43:36Z'), Date.UTC(2026, 10, 22, 5, 43, 36))
    assert.equal(parseTimestamp('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29))
    assert.equal(parseTimestamp('2026-02-29T00:00:00Z'), undefined)
    assert.equal(parseTimestamp('2026-04-31T00:00:00Z'), undefined)
  })

  it('answers each value by its own text when the same ones repeat (the last is kept)', () => {
    const second = Date.UTC(2026, 10, 22, 5, 43, 36)
    for (let i = 0; i < 2; i++) {
      assert.equal(formatTimestamp(second), '2026-11-22T05:43:36Z')
      assert.equal(formatTimestamp(second + 999), '2026-11-22T05:43:36Z')
      assert.equal(formatTimestamp(second + 1000), '2026-11-22T05:43:37Z')
      assert.equal(formatTimestamp(second - 1), '2026-11-22T05:43:35Z')
      assert.equal(parseTimestamp('2026-11-22T05:43:36Z'), second)
      assert.equal(parseTimestamp('2026-11-22T05:43:36Z'), second)
      assert.equal(parseTimestamp('2026-11-22T05:43:36Z '), undefined)
      assert.equal(parseTimestamp('2026-11-22T05:43:37Z'), second + 1000)
      assert.equal(parseTimestamp('2026-02-30T00:00:00Z'), undefined)
      assert.equal(parseTimestamp('2026-02-30T00:00:00Z'), undefined)
    }
  })
})

function withPlayConfig(playConfig: string) {
  return parseQuery(PLAYER_REQUEST_QUERY)!
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]) => [name, name === 'PlayConfig' ? playConfig : value] as const)
}

function withoutHeader(headers: Readonly<Record<string, string>>, name: string) {
  return Object.fromEntries(Object.entries(headers).filter(([n]) => n !== name))
}
