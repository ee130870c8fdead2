// PlayAuth format and minting (aliyun-vod.md §10): vendor layout, PlayGate's token layout, inputs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  fromBase64,
  fromBase64Url,
  fromUtf8,
  toBase64,
  utf8,
} from '../../../../src/core/encoding/bytes.ts'
import { percentEncode } from '../../../../src/core/encoding/percent.ts'
import { aliplayerEncode } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import {
  decodeAuthInfo,
  decodePlayAuth,
  encodePlayAuth,
} from '../../../../src/core/schemes/aliyun-play-auth/canonical.ts'
import { mintPlayAuth } from '../../../../src/core/schemes/aliyun-play-auth/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { GOLDEN_MINT, ILLUSTRATIVE_PLAY_AUTH, MINT_INPUT, countingCrypto } from './vectors.ts'

const decodeJson = (playAuth: string) => fromUtf8(fromBase64(playAuth)!)!

describe('aliyun-play-auth encodePlayAuth', () => {
  const v = ILLUSTRATIVE_PLAY_AUTH

  it('encodes the §10.4 illustrative PlayAuth byte for byte', () => {
    const playAuth = encodePlayAuth(v.fields)
    assert.equal(decodeJson(playAuth), v.json)
    assert.ok(playAuth.startsWith(v.base64Prefix))
    assert.equal(playAuth.length, v.base64Length)
  })

  it('decodes it back with the §10.1 JSON types', () => {
    assert.deepEqual(decodePlayAuth(encodePlayAuth(v.fields)), v.fields)
  })

  it('keeps non-ASCII titles as UTF-8', () => {
    const fields = { ...v.fields, videoMeta: { ...v.fields.videoMeta, title: '阿里云VOD' } }
    assert.equal(decodePlayAuth(encodePlayAuth(fields))?.videoMeta.title, '阿里云VOD')
  })

  const tamper = (edit: (o: Record<string, unknown>) => void) => {
    const o = JSON.parse(v.json) as Record<string, unknown>
    edit(o)
    return toBase64(utf8(JSON.stringify(o)))
  }
  for (const [name, playAuth] of [
    ['not base64', '!!!'],
    ['not JSON', toBase64(utf8('{'))],
    ['a JSON array', toBase64(utf8('[]'))],
    ['CustomerId as a string', tamper((o) => (o.CustomerId = '1'))],
    ['AuthInfo as an object', tamper((o) => (o.AuthInfo = {}))],
    ['no SecurityToken', tamper((o) => delete o.SecurityToken)],
    ['VideoMeta missing', tamper((o) => delete o.VideoMeta)],
    [
      'Duration as a string',
      tamper((o) => ((o.VideoMeta as { Duration: unknown }).Duration = '1')),
    ],
  ] as const) {
    it(`refuses a PlayAuth with ${name}`, () => {
      assert.equal(decodePlayAuth(playAuth), undefined)
    })
  }
})

describe('aliyun-play-auth mintPlayAuth', () => {
  it('produces the golden PlayGate credential for fixed inputs', () => {
    const { playAuth, ...minted } = mintPlayAuth(MINT_INPUT, countingCrypto)
    assert.deepEqual(minted, {
      accessKeyId: GOLDEN_MINT.accessKeyId,
      accessKeySecret: GOLDEN_MINT.accessKeySecret,
      securityToken: GOLDEN_MINT.securityToken,
      authInfo: GOLDEN_MINT.authInfo,
      expireTime: GOLDEN_MINT.expireTime,
      expiresAt: GOLDEN_MINT.expiresAt,
    })
    assert.equal(decodePlayAuth(playAuth)?.securityToken, GOLDEN_MINT.securityToken)
  })

  it('lays out the SecurityToken as pg1.<keyId>.<base64url claims>.<base64url mac>', () => {
    const [version, keyId, claims, mac] = GOLDEN_MINT.securityToken.split('.')
    assert.deepEqual([version, keyId], ['pg1', 'k1'])
    assert.equal(fromUtf8(fromBase64Url(claims!)!), GOLDEN_MINT.tokenClaimsJson)
    assert.equal(fromBase64Url(mac!)?.length, 32)
  })

  it('embeds the eight §10.1 keys in order, with AuthInfo as a string', () => {
    const minted = mintPlayAuth(MINT_INPUT, countingCrypto)
    const json = JSON.parse(decodeJson(minted.playAuth)) as Record<string, unknown>
    assert.deepEqual(Object.keys(json), [
      'SecurityToken',
      'AuthInfo',
      'VideoMeta',
      'AccessKeyId',
      'PlayDomain',
      'AccessKeySecret',
      'Region',
      'CustomerId',
    ])
    assert.deepEqual(decodePlayAuth(minted.playAuth), {
      securityToken: GOLDEN_MINT.securityToken,
      authInfo: GOLDEN_MINT.authInfo,
      videoMeta: { ...MINT_INPUT.videoMeta, videoId: MINT_INPUT.videoId },
      accessKeyId: GOLDEN_MINT.accessKeyId,
      playDomain: 'vod.example.com',
      accessKeySecret: GOLDEN_MINT.accessKeySecret,
      region: 'cn-shanghai',
      customerId: 1234567890123456,
    })
  })

  it('fills AuthInfo with CI, Caller, ExpireTime, MediaId, PlayDomain and a signature', () => {
    const minted = mintPlayAuth(MINT_INPUT, countingCrypto)
    assert.deepEqual(decodeAuthInfo(minted.authInfo), {
      ci: 'pg1.k1',
      caller: MINT_INPUT.tenantId,
      expireTime: '2030-01-01T00:00:00Z',
      mediaId: MINT_INPUT.videoId,
      playDomain: 'vod.example.com',
      signature: 'ep1fNeajxT26laNgs9wCNIz5vMpDWMXvpbUHmqRIDQI',
    })
  })

  it('expires timeoutSeconds after the whole second it was issued in', () => {
    const minted = mintPlayAuth({ ...MINT_INPUT, timeoutSeconds: 100 }, countingCrypto)
    assert.equal(minted.expiresAt, Math.floor(MINT_INPUT.now / 1000) + 100)
    assert.equal(minted.expireTime, '2029-12-31T23:11:40Z')
  })

  it('mints values that the strict and the player encodings encode identically', () => {
    const minted = mintPlayAuth(MINT_INPUT, nodeCrypto)
    for (const value of [minted.accessKeyId, minted.securityToken, minted.authInfo]) {
      assert.equal(aliplayerEncode(value), percentEncode(value))
    }
  })

  it('mints a fresh key id and secret every time', () => {
    const a = mintPlayAuth(MINT_INPUT, nodeCrypto)
    const b = mintPlayAuth(MINT_INPUT, nodeCrypto)
    assert.notEqual(a.accessKeyId, b.accessKeyId)
    assert.notEqual(a.accessKeySecret, b.accessKeySecret)
    assert.match(a.accessKeyId, /^STS\.[0-9a-f]{32}$/)
  })

  for (const [name, edit] of [
    ['a server key shorter than 16 bytes', { serverKey: new Uint8Array(15) }],
    ['a key id with a dot', { keyId: 'k.1' }],
    ['an empty key id', { keyId: '' }],
    ['a zero timeout', { timeoutSeconds: 0 }],
    ['a fractional timeout', { timeoutSeconds: 1.5 }],
    ['an unsafe customer id', { customerId: 2 ** 53 }],
    ['a negative customer id', { customerId: -1 }],
    ['an empty video id', { videoId: '' }],
    ['an empty tenant id', { tenantId: '' }],
    ['a NaN clock', { now: Number.NaN }],
    ['a NaN duration', { videoMeta: { ...MINT_INPUT.videoMeta, duration: Number.NaN } }],
  ] as const) {
    it(`throws a TypeError for ${name}`, () => {
      assert.throws(() => mintPlayAuth({ ...MINT_INPUT, ...edit }, nodeCrypto), TypeError)
    })
  }
})
