// Stateless verification of PlayAuth temporary credentials (aliyun-vod.md §10.4, §11.6), including
// a web-player GetPlayInfo signed with the minted key, end to end through aliyun-rpc.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toBase64Url, utf8 } from '../../../../src/core/encoding/bytes.ts'
import {
  encodeAuthInfo,
  tokenSignedPart,
  type ServerKey,
} from '../../../../src/core/schemes/aliyun-play-auth/canonical.ts'
import {
  authInfoMac,
  mintPlayAuth,
  tokenMac,
} from '../../../../src/core/schemes/aliyun-play-auth/sign.ts'
import {
  verifyTemporaryCredential,
  type VerifyTemporaryCredentialInput,
} from '../../../../src/core/schemes/aliyun-play-auth/verify.ts'
import { signV1, signV3 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import {
  parseAcs3Authorization,
  verifyV1,
  verifyV3,
} from '../../../../src/core/schemes/aliyun-rpc/verify.ts'
import type { Crypto } from '../../../../src/core/ports.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { GOLDEN_MINT, MINT_INPUT, SERVER_KEY, countingCrypto } from './vectors.ts'

const K1: ServerKey = { id: 'k1', key: SERVER_KEY }
const K2: ServerKey = { id: 'k2', key: Uint8Array.from({ length: 32 }, (_, i) => 200 - i) }
const minted = () => mintPlayAuth(MINT_INPUT, countingCrypto)
const at = (unixSeconds: number) => unixSeconds * 1000

function verify(overrides: Partial<VerifyTemporaryCredentialInput> = {}) {
  const m = minted()
  return verifyTemporaryCredential(
    {
      accessKeyId: m.accessKeyId,
      securityToken: m.securityToken,
      authInfo: m.authInfo,
      serverKeys: [K1],
      now: MINT_INPUT.now,
      ...overrides,
    },
    nodeCrypto,
  )
}

const failure = (v: ReturnType<typeof verify>) => (v.ok ? 'ok' : [v.code, v.reason])

describe('aliyun-play-auth verifyTemporaryCredential', () => {
  it('recovers tenant, video, expiry and the derived secret from the token alone', () => {
    assert.deepEqual(verify(), {
      ok: true,
      value: {
        accessKeyId: GOLDEN_MINT.accessKeyId,
        tenantId: MINT_INPUT.tenantId,
        videoId: MINT_INPUT.videoId,
        secret: GOLDEN_MINT.accessKeySecret,
        keyId: 'k1',
        issuedAt: GOLDEN_MINT.issuedAt,
        expiresAt: GOLDEN_MINT.expiresAt,
      },
    })
  })

  it('verifies without AuthInfo (SDK and VidSts callers) and for the right video', () => {
    const v = verify({ authInfo: undefined, videoId: MINT_INPUT.videoId })
    assert.equal(v.ok, true)
  })

  it('rejects a call about another video', () => {
    assert.deepEqual(failure(verify({ videoId: 'ffffffffffffffffffffffffffffffff' })), [
      'SCOPE_MISMATCH',
      'video-mismatch',
    ])
  })

  it('accepts until the last millisecond and rejects from the expiry second on', () => {
    assert.equal(verify({ now: at(GOLDEN_MINT.expiresAt) - 1 }).ok, true)
    assert.deepEqual(failure(verify({ now: at(GOLDEN_MINT.expiresAt) })), [
      'TOKEN_EXPIRED',
      'security-token-expired',
    ])
  })

  it('requires a SecurityToken', () => {
    assert.deepEqual(failure(verify({ securityToken: undefined })), [
      'MISSING_PARAMETER',
      'security-token-missing',
    ])
    assert.deepEqual(failure(verify({ securityToken: '' })), [
      'MISSING_PARAMETER',
      'security-token-missing',
    ])
  })

  it('rejects a token paired with another access key id', () => {
    const other = mintPlayAuth(MINT_INPUT, nodeCrypto)
    assert.deepEqual(failure(verify({ accessKeyId: other.accessKeyId })), [
      'TOKEN_INVALID',
      'security-token-access-key-mismatch',
    ])
  })

  const claims = {
    accessKeyId: GOLDEN_MINT.accessKeyId,
    tenantId: MINT_INPUT.tenantId,
    videoId: MINT_INPUT.videoId,
    issuedAt: GOLDEN_MINT.issuedAt,
    expiresAt: GOLDEN_MINT.expiresAt,
  }
  const mac = GOLDEN_MINT.securityToken.split('.')[3]!

  it('rejects a token whose claims were edited under the original MAC (forged video)', () => {
    const forged = `${tokenSignedPart('k1', { ...claims, videoId: 'f'.repeat(32) })}.${mac}`
    assert.deepEqual(failure(verify({ securityToken: forged, authInfo: undefined })), [
      'TOKEN_INVALID',
      'security-token-signature',
    ])
  })

  it('rejects a token extended past its expiry under the original MAC', () => {
    const forged = `${tokenSignedPart('k1', { ...claims, expiresAt: claims.expiresAt + 86400 })}.${mac}`
    assert.equal(failure(verify({ securityToken: forged }))[1], 'security-token-signature')
  })

  it('rejects a token MACed with a key that merely claims the id k1', () => {
    const part = tokenSignedPart('k1', claims)
    const forged = `${part}.${tokenMac(K2.key, part, nodeCrypto)}`
    assert.equal(failure(verify({ securityToken: forged }))[1], 'security-token-signature')
  })

  const encoded = (json: string) => toBase64Url(utf8(json))
  for (const [name, token] of [
    ['three parts', 'pg1.k1.abc'],
    ['five parts', `${GOLDEN_MINT.securityToken}.x`],
    ['another version', GOLDEN_MINT.securityToken.replace(/^pg1/, 'pg2')],
    ['a bad key id', GOLDEN_MINT.securityToken.replace('.k1.', '.k!.')],
    ['an empty MAC', `pg1.k1.${encoded('{}')}.`],
    ['claims that are not base64url', `pg1.k1.a+b.${mac}`],
    ['claims that are not JSON', `pg1.k1.${encoded('{')}.${mac}`],
    ['claims missing exp', `pg1.k1.${encoded('{"ak":"a","tn":"t","vid":"v","iat":1}')}.${mac}`],
    ['a string exp', `pg1.k1.${encoded('{"ak":"a","tn":"t","vid":"v","iat":1,"exp":"2"}')}.${mac}`],
    ['an empty tenant', `pg1.k1.${encoded('{"ak":"a","tn":"","vid":"v","iat":1,"exp":2}')}.${mac}`],
    ['a huge length', `pg1.k1.${'A'.repeat(4000)}.${mac}`],
    ['an Aliyun STS token', 'CAIS.testtoken+/='],
  ] as const) {
    it(`rejects a token with ${name} as malformed`, () => {
      assert.deepEqual(failure(verify({ securityToken: token })), [
        'TOKEN_INVALID',
        'security-token-malformed',
      ])
    })
  }
})

describe('aliyun-play-auth comparisons (aliyun-vod.md §16: constant time)', () => {
  it('compares the token MAC, the AccessKeyId and the AuthInfo signature through the port', () => {
    const m = minted()
    const input = {
      accessKeyId: m.accessKeyId,
      securityToken: m.securityToken,
      authInfo: m.authInfo,
      serverKeys: [K1],
      now: MINT_INPUT.now,
    }
    // A port that answers "different" at call n refuses at the n-th check: each is the port's.
    const refusingAt = (n: number): Crypto => {
      let calls = 0
      return {
        ...nodeCrypto,
        timingSafeEqual: (a, b) => ++calls !== n && nodeCrypto.timingSafeEqual(a, b),
      }
    }
    const reasons = [1, 2, 3, 4].map((n) => {
      const v = verifyTemporaryCredential(input, refusingAt(n))
      return v.ok ? 'ok' : v.reason
    })
    assert.deepEqual(reasons, [
      'security-token-signature',
      'security-token-access-key-mismatch',
      'auth-info-signature',
      'ok',
    ])
  })
})

describe('aliyun-play-auth key rotation', () => {
  it('still verifies a token from an older key that is kept in the ring', () => {
    const v = verify({ serverKeys: [K2, K1] })
    assert.equal(v.ok && v.value.keyId, 'k1')
    assert.equal(v.ok && v.value.secret, GOLDEN_MINT.accessKeySecret)
  })

  it('verifies tokens minted after rotation with the new key', () => {
    const m = mintPlayAuth({ ...MINT_INPUT, serverKey: K2.key, keyId: 'k2' }, nodeCrypto)
    const v = verify({ ...m, serverKeys: [K2, K1] })
    assert.equal(v.ok && v.value.keyId, 'k2')
  })

  it('rejects a token whose key was dropped from the ring', () => {
    assert.deepEqual(failure(verify({ serverKeys: [K2] })), [
      'TOKEN_INVALID',
      'security-token-key-unknown',
    ])
  })

  it('rejects a token whose key id now names a different key', () => {
    assert.equal(
      failure(verify({ serverKeys: [{ id: 'k1', key: K2.key }] }))[1],
      'security-token-signature',
    )
  })
})

describe('aliyun-play-auth AuthInfo', () => {
  const info = JSON.parse(GOLDEN_MINT.authInfo) as Record<string, string>
  const withInfo = (edit: Record<string, string>) => JSON.stringify({ ...info, ...edit })

  it('rejects the AuthInfo of another credential for the same video', () => {
    const other = mintPlayAuth(MINT_INPUT, nodeCrypto)
    assert.deepEqual(failure(verify({ authInfo: other.authInfo })), [
      'TOKEN_INVALID',
      'auth-info-signature',
    ])
  })

  it('rejects an AuthInfo whose MediaId or ExpireTime was edited', () => {
    const media = withInfo({ MediaId: 'f'.repeat(32) })
    const expiry = withInfo({ ExpireTime: '2031-01-01T00:00:00Z' })
    assert.equal(failure(verify({ authInfo: media }))[1], 'auth-info-signature')
    assert.equal(failure(verify({ authInfo: expiry }))[1], 'auth-info-signature')
  })

  for (const [name, authInfo] of [
    ['not JSON', '{'],
    ['empty', ''],
    ['a number Signature', JSON.stringify({ ...info, Signature: 1 })],
    ['an unknown CI key', withInfo({ CI: 'pg1.k9' })],
    ['a CI without the version', withInfo({ CI: 'k1' })],
  ] as const) {
    it(`rejects an AuthInfo that is ${name} as malformed`, () => {
      assert.deepEqual(failure(verify({ authInfo })), ['TOKEN_INVALID', 'auth-info-malformed'])
    })
  }

  it('rejects a validly signed AuthInfo that disagrees with the token (tripwire)', () => {
    const unsigned = {
      ci: 'pg1.k1',
      caller: MINT_INPUT.tenantId,
      expireTime: GOLDEN_MINT.expireTime,
      mediaId: 'f'.repeat(32),
      playDomain: 'vod.example.com',
    }
    const signature = authInfoMac(K1.key, unsigned, GOLDEN_MINT.accessKeyId, nodeCrypto)
    const authInfo = encodeAuthInfo({ ...unsigned, signature })
    assert.deepEqual(failure(verify({ authInfo })), ['TOKEN_INVALID', 'auth-info-mismatch'])
  })
})

describe('aliyun-play-auth with aliyun-rpc signatures', () => {
  it('verifies a web-player GetPlayInfo signed with the minted temporary key (§11.3)', () => {
    const m = mintPlayAuth(MINT_INPUT, nodeCrypto)
    const params = {
      AccessKeyId: m.accessKeyId,
      Action: 'GetPlayInfo',
      VideoId: MINT_INPUT.videoId,
      Formats: '',
      AuthTimeout: '7200',
      Rand: 'b0f0f6a2-4c1d-4e7a-9a55-3b1f2a9d8c11',
      SecurityToken: m.securityToken,
      StreamType: 'video',
      Format: 'JSON',
      Version: '2017-03-21',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: '7d1b2c3e-0000-4000-8000-000000000001',
      PlayerVersion: '2.37.7',
      Channel: 'HTML5',
      AuthInfo: m.authInfo,
    }
    const { signature } = signV1(
      { method: 'GET', params, secret: m.accessKeySecret, encoding: 'player' },
      nodeCrypto,
    )
    const credential = verifyTemporaryCredential(
      {
        accessKeyId: params.AccessKeyId,
        securityToken: params.SecurityToken,
        authInfo: params.AuthInfo,
        videoId: params.VideoId,
        serverKeys: [K2, K1],
        now: MINT_INPUT.now + 60_000,
      },
      nodeCrypto,
    )
    assert.ok(credential.ok)
    const request = { ...params, Signature: signature, RegionId: 'cn-shanghai' }
    const verdict = verifyV1(
      { method: 'GET', params: request, secret: credential.value.secret },
      nodeCrypto,
    )
    assert.deepEqual(verdict.ok && verdict.value, { encoding: 'strict', unsigned: ['RegionId'] })
  })

  it('verifies a V3 call made with the temporary key and x-acs-security-token (§12.5)', () => {
    const m = mintPlayAuth(MINT_INPUT, nodeCrypto)
    const headers = {
      host: '127.0.0.1:8080',
      'x-acs-action': 'GetPlayInfo',
      'x-acs-version': '2017-03-21',
      'x-acs-date': '2029-12-31T23:11:00Z',
      'x-acs-signature-nonce': 'n',
      'x-acs-accesskey-id': m.accessKeyId,
      'x-acs-security-token': m.securityToken,
    }
    const query = { VideoId: MINT_INPUT.videoId }
    const signed = signV3(
      { method: 'POST', query, headers, accessKeyId: m.accessKeyId, secret: m.accessKeySecret },
      nodeCrypto,
    )
    const authorization = parseAcs3Authorization(signed.authorization)
    assert.ok(authorization.ok)
    const credential = verifyTemporaryCredential(
      {
        accessKeyId: authorization.value.accessKeyId,
        securityToken: headers['x-acs-security-token'],
        serverKeys: [K1],
        now: MINT_INPUT.now,
      },
      nodeCrypto,
    )
    assert.ok(credential.ok)
    const all = { ...headers, 'x-acs-content-sha256': signed.contentSha256 }
    const verdict = verifyV3(
      {
        method: 'POST',
        query,
        headers: all,
        body: '',
        authorization: authorization.value,
        secret: credential.value.secret,
      },
      nodeCrypto,
    )
    assert.equal(verdict.ok, true)
  })
})
