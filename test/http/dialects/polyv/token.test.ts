// The playsafe token API (polyv.md §8.2) and PlayGate as the authorised-playback callback
// (§8.4), over HTTP with the spec-built client's MD5 sign.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clientSignCallback, clientSignMd5, form } from './client.ts'
import { CLIENT_IP, SECRET, USERID, VID, VID2, polyvWorld, type World } from './world.ts'

const body = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>

function requestToken(
  w: World,
  fields: Record<string, string>,
  secret = SECRET,
  headers: Record<string, string> = {},
) {
  const params = { userId: USERID, videoId: VID, ts: String(w.clock.now()), ...fields }
  return w.app.inject({
    method: 'POST',
    url: '/service/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form({ ...params, sign: clientSignMd5(params, secret) }),
  })
}

describe('polyv playsafe token API', () => {
  it('issues a 10-minute token bound to the caller’s IP by default', async (t) => {
    const w = await polyvWorld(t)
    const res = await requestToken(w, { viewerId: 'abcd1234', viewerName: 'Ann' })
    const out = body(res)
    const data = out.data as Record<string, unknown>
    assert.match(String(data.token), /^[0-9a-f]{32}$/)
    assert.deepEqual(out, {
      code: 200,
      status: 'success',
      message: 'success',
      data: {
        token: data.token,
        userId: USERID,
        videoId: VID,
        viewerIp: CLIENT_IP,
        viewerId: 'abcd1234',
        viewerName: 'Ann',
        extraParams: '',
        ttl: 600_000,
        createdTime: w.clock.now(),
        expiredTime: w.clock.now() + 600_000,
        iswxa: 0,
        disposable: false,
      },
    })
  })

  it('binds to the viewer behind a trusted proxy, never to a forged X-Forwarded-For', async (t) => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9' }
    const trusting = await polyvWorld(t, { PLAYGATE_EDGE_TRUSTED_PROXIES: '127.0.0.1, ::1' })
    const behind = body(await requestToken(trusting, { viewerId: 'v' }, SECRET, forwarded))
    assert.equal((behind.data as Record<string, unknown>).viewerIp, '203.0.113.9')
    const plain = await polyvWorld(t)
    const forged = body(await requestToken(plain, { viewerId: 'v' }, SECRET, forwarded))
    assert.equal((forged.data as Record<string, unknown>).viewerIp, CLIENT_IP)
  })

  it('returns the same token, extended, for the same video, viewer and IP', async (t) => {
    const w = await polyvWorld(t)
    const first = body(await requestToken(w, { viewerId: 'v', viewerIp: '203.0.113.7' }))
    w.clock.advance(60_000)
    const again = body(
      await requestToken(w, { viewerId: 'v', viewerIp: '203.0.113.7', expires: '86400' }),
    )
    const [a, b] = [first.data, again.data] as Record<string, unknown>[]
    assert.equal(b!.token, a!.token)
    assert.equal(b!.expiredTime, w.clock.now() + 86_400_000)
  })

  it('answers the documented errors: unknown user, stale ts, bad sign, bad expires, unknown video', async (t) => {
    const w = await polyvWorld(t)
    const unknown = await w.app.inject({
      method: 'POST',
      url: '/service/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ userId: 'ffffffffff', videoId: VID, ts: '1', viewerId: 'v', sign: 'X' }),
    })
    assert.deepEqual(body(unknown), {
      code: 400,
      status: 'error',
      message: 'user_not_found',
      data: 'user secretKey not found.',
    })
    const stale = await requestToken(w, { viewerId: 'v', ts: String(w.clock.now() - 600_001) })
    assert.deepEqual(body(stale), {
      code: 403,
      status: 'error',
      message: 'ts is expired.',
      data: '',
    })
    const wrong = await requestToken(w, { viewerId: 'v' }, 'abd')
    assert.deepEqual(body(wrong).message, 'the sign is not right.')
    const expires = await requestToken(w, { viewerId: 'v', expires: '86401' })
    assert.deepEqual(body(expires).message, 'expires is illegal.')
    const video = await requestToken(w, { viewerId: 'v', videoId: 'nope_1' })
    assert.deepEqual(body(video).message, '用户的视频下找不到该视频.')
    const viewer = await requestToken(w, {})
    assert.deepEqual(body(viewer).message, 'viewerId can not be empty.')
  })
})

describe('polyv authorised-playback callback', () => {
  it('answers status 1 with the viewer for a valid token of the video, signed as documented', async (t) => {
    const w = await polyvWorld(t)
    const issued = body(await requestToken(w, { viewerId: 'u-1', viewerName: 'test' }))
    const code = String((issued.data as Record<string, unknown>).token)
    const res = await w.app.inject({
      method: 'GET',
      url: `/v2/video/${USERID}/authplay-callback?vid=${VID}&code=${code}&t=143020010115550947`,
    })
    const sign = clientSignCallback(SECRET, {
      vid: VID,
      username: 'test',
      code,
      status: 1,
      t: '143020010115550947',
    })
    assert.deepEqual(body(res), { status: 1, username: 'test', sign })
  })

  it('answers status 0 for anything else, and JSONP when asked', async (t) => {
    const w = await polyvWorld(t)
    const res = await w.app.inject({
      method: 'GET',
      url: `/polyv/v2/video/${USERID}/authplay-callback?vid=${VID}&code=abc&t=1&callback=jQuery1_2`,
    })
    assert.equal(res.headers['content-type'], 'application/javascript;charset=UTF-8')
    const sign = clientSignCallback(SECRET, {
      vid: VID,
      username: '',
      code: 'abc',
      status: 0,
      t: '1',
    })
    assert.equal(res.body, `/**/jQuery1_2(${JSON.stringify({ status: 0, username: '', sign })})`)
    const evil = await w.app.inject({
      method: 'GET',
      url: `/v2/video/${USERID}/authplay-callback?vid=${VID}&code=abc&t=1&callback=alert(1)`,
    })
    assert.equal(body(evil).message, 'callback is illegal.')
  })
})

describe('polyv authorised-playback callback: refusals', () => {
  it('answers status 0 for another video’s token, another IP, an expired one; errors in the envelope', async (t) => {
    const w = await polyvWorld(t)
    const tokenOf = async (fields: Record<string, string>) =>
      String((body(await requestToken(w, fields)).data as { token: string }).token)
    const ask = (code: string, remoteAddress = CLIENT_IP, vid = VID) =>
      w.app.inject({
        method: 'GET',
        url: `/v2/video/${USERID}/authplay-callback?vid=${vid}&code=${code}&t=7`,
        remoteAddress,
      })
    const status = async (reply: ReturnType<typeof ask>) => body(await reply).status
    const other = await tokenOf({ viewerId: 'u-2', videoId: VID2 })
    assert.equal(await status(ask(other)), 0)
    assert.equal(await status(ask(other, CLIENT_IP, VID2)), 1)
    const mine = await tokenOf({ viewerId: 'u-1' })
    assert.equal(await status(ask(mine, '203.0.113.9')), 0)
    assert.equal(await status(ask(mine)), 1)
    w.clock.advance(600_001)
    assert.equal(await status(ask(mine)), 0)
    const noVid = await w.app.inject({
      method: 'GET',
      url: `/v2/video/${USERID}/authplay-callback?code=${mine}&t=7`,
    })
    assert.deepEqual(body(noVid), {
      code: 400,
      status: 'error',
      message: 'vid can not be empty.',
      data: '',
    })
    const unknown = await w.app.inject({
      method: 'GET',
      url: `/v2/video/ffffffffff/authplay-callback?vid=${VID}&code=x&t=7`,
    })
    assert.equal(body(unknown).message, 'Could not find user by userid.')
  })
})
