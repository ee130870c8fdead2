// A PlayAuth's temporary credential as the web player uses it (aliyun-vod.md §10, §11): V1 GET
// GetPlayInfo without Timestamp, lenient encoding, RegionId unsigned after Signature; and every way
// such a credential is refused (§11.6, src/core/schemes/aliyun-play-auth/README.md).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { aliplayerEncode } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signV1 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { createPlayAuthKeyRing } from '../../../../src/services/aliyun-play-auth-keys.ts'
import { PLAY_HOST, TENANT_ID, VIDEO_ID, aliyunWorld, json, type World } from './world.ts'

interface PlayAuth {
  SecurityToken: string
  AuthInfo: string
  AccessKeyId: string
  AccessKeySecret: string
  Region: string
  PlayDomain: string
}

async function mint(w: World, extra: Record<string, string> = {}): Promise<PlayAuth> {
  const res = await w.v1Get({ Action: 'GetVideoPlayAuth', VideoId: VIDEO_ID, ...extra })
  assert.equal(res.statusCode, 200, res.body)
  return JSON.parse(Buffer.from(json(res).PlayAuth as string, 'base64').toString('utf8'))
}

interface PlayerOptions {
  /** Parameters to add or (undefined) to drop from the player's set. */
  readonly params?: Record<string, string | undefined>
  readonly encoding?: 'strict' | 'player'
  readonly secret?: string
  readonly nonce?: string
}

/** The request aliyun-aliplayer 2.37.7 sends with `customVodServer` (§11.3, §11.4). */
function playerGet(w: World, auth: PlayAuth, o: PlayerOptions = {}) {
  const all: Record<string, string | undefined> = {
    AccessKeyId: auth.AccessKeyId,
    Action: 'GetPlayInfo',
    VideoId: VIDEO_ID,
    Formats: '',
    AuthTimeout: '7200',
    Rand: randomUUID(),
    SecurityToken: auth.SecurityToken,
    StreamType: 'video',
    Format: 'JSON',
    Version: '2017-03-21',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomUUID(),
    PlayerVersion: '2.37.7',
    Channel: 'HTML5',
    AuthInfo: auth.AuthInfo,
    PlayConfig: '{}',
    ReAuthInfo: '{}',
    ...o.params,
  }
  const params = Object.fromEntries(
    Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined),
  )
  const { signature } = signV1(
    {
      method: 'GET',
      params,
      secret: o.secret ?? auth.AccessKeySecret,
      encoding: o.encoding ?? 'player',
    },
    nodeCrypto,
  )
  const query = Object.keys(params)
    .sort()
    .map((k) => `${aliplayerEncode(k)}=${aliplayerEncode(params[k]!)}`)
    .join('&')
  return w.app.inject({
    method: 'GET',
    url: `/?${query}&Signature=${aliplayerEncode(signature)}&RegionId=${auth.Region}`,
    headers: { origin: 'null' },
  })
}

describe('aliyun dialect: the web player with a PlayAuth', () => {
  it('answers its GetPlayInfo (no Timestamp, unsigned RegionId) with VideoBase and PlayInfoList', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w)
    assert.equal(auth.PlayDomain, PLAY_HOST)
    const res = await playerGet(w, auth)
    assert.equal(res.statusCode, 200, res.body)
    assert.equal(res.headers['access-control-allow-origin'], '*')
    const body = json(res)
    assert.equal(body.VideoBase.VideoId, VIDEO_ID)
    assert.deepEqual(
      body.PlayInfoList.PlayInfo.map((p: { Format: string }) => p.Format),
      ['m3u8', 'mp4'],
    )
    for (const info of body.PlayInfoList.PlayInfo)
      assert.match(info.PlayURL, new RegExp(`/play/${PLAY_HOST}/demo/.+\\?auth_key=\\d+-0-0-`))
  })

  it('accepts the player’s lenient encoding only from the player (Channel=HTML5, §3.3)', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w)
    const note = { PlayConfig: '{"Note":"it\'s (x)!"}' }
    const lenient = await playerGet(w, auth, { params: note })
    assert.equal(lenient.statusCode, 200, lenient.body)
    const strict = await playerGet(w, auth, { params: note, encoding: 'strict' })
    assert.equal(strict.statusCode, 200, strict.body)
    const sdk = await playerGet(w, auth, { params: { ...note, Channel: undefined } })
    assert.equal(json(sdk).Code, 'SignatureDoesNotMatch')
  })

  it('masks the SecurityToken and AuthInfo in the echoed string-to-sign', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w)
    const res = await playerGet(w, auth, { secret: 'wrong' })
    const message = json(res).Message as string
    assert.match(message, /SecurityToken%3D%252A%252A%252A/)
    assert.match(message, /AuthInfo%3D%252A%252A%252A/)
    assert.ok(!message.includes(auth.SecurityToken.slice(0, 20)))
    assert.ok(!message.includes('RegionId'))
  })

  it('may only call GetPlayInfo, and only for its own video (403 Forbidden)', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.videos.create({ tenantId: TENANT_ID, id: 'f'.repeat(32), title: 'Other' })
    const auth = await mint(w)
    const other = await playerGet(w, auth, { params: { VideoId: 'f'.repeat(32) } })
    assert.equal(other.statusCode, 403)
    assert.equal(json(other).Code, 'Forbidden')
    const missing = await playerGet(w, auth, {
      params: { VideoId: undefined, ReferenceId: 'nope' },
    })
    assert.equal(json(missing).Code, 'Forbidden')
    const byRef = await playerGet(w, auth, {
      params: { VideoId: undefined, ReferenceId: 'demo-ref' },
    })
    assert.equal(byRef.statusCode, 200)
    const mintAgain = await playerGet(w, auth, { params: { Action: 'GetVideoPlayAuth' } })
    assert.equal(json(mintAgain).Code, 'Forbidden')
  })

  it('refuses it from its ExpireTime on (InvalidSecurityToken.Expired)', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w, { AuthInfoTimeout: '100' })
    w.clock.advance(99_000)
    assert.equal((await playerGet(w, auth)).statusCode, 200)
    w.clock.advance(1_000)
    const expired = await playerGet(w, auth)
    assert.equal(expired.statusCode, 400)
    assert.equal(json(expired).Code, 'InvalidSecurityToken.Expired')
  })

  it('refuses a forged, mismatched or missing SecurityToken', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w)
    const other = await mint(w)
    const forged = await playerGet(w, auth, {
      params: { SecurityToken: auth.SecurityToken.slice(0, -2) + 'AA' },
    })
    assert.equal(json(forged).Code, 'InvalidSecurityToken.Malformed')
    const swapped = await playerGet(w, auth, {
      params: {
        SecurityToken: other.SecurityToken,
        AuthInfo: undefined,
        Timestamp: '2026-01-01T00:00:00Z',
      },
    })
    assert.equal(json(swapped).Code, 'InvalidSecurityToken.MismatchWithAccessKey')
    const missing = await playerGet(w, auth, { params: { SecurityToken: undefined } })
    assert.equal(json(missing).Code, 'MissingSecurityToken')
    const noClock = await playerGet(w, auth, { params: { AuthInfo: undefined } })
    assert.equal(json(noClock).Code, 'MissingTimestamp')
  })

  it('remembers player nonces until the PlayAuth expires, beyond 15 minutes', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w, { AuthInfoTimeout: '3000' })
    const nonce = randomUUID()
    assert.equal((await playerGet(w, auth, { nonce })).statusCode, 200)
    w.clock.advance(40 * 60_000)
    const replay = await playerGet(w, auth, { nonce })
    assert.equal(json(replay).Code, 'SignatureNonceUsed')
  })

  it('refuses a revoked credential and a suspended account', async (t) => {
    const w = await aliyunWorld(t)
    const auth = await mint(w)
    await w.services.revocations.revoke(auth.AccessKeyId, w.clock.now() / 1000 + 100)
    assert.equal(json(await playerGet(w, auth)).Code, 'InvalidSecurityToken.Expired')
    const fresh = await mint(w)
    await w.services.tenants.update(TENANT_ID, { status: 'suspended' })
    assert.equal(json(await playerGet(w, fresh)).Code, 'OperationDenied.Suspended')
  })

  it('keeps verifying PlayAuths minted before a key rotation', async (t) => {
    const w = await aliyunWorld(t)
    const before = await mint(w)
    await createPlayAuthKeyRing(w.services.deps).rotate()
    w.clock.advance(61_000)
    const after = await mint(w)
    assert.notEqual(before.SecurityToken.split('.')[1], after.SecurityToken.split('.')[1])
    assert.equal((await playerGet(w, before)).statusCode, 200)
    assert.equal((await playerGet(w, after)).statusCode, 200)
  })
})
