// Every Polyv refusal over HTTP with its exact envelope (polyv.md §3, §4): HTTP 200 and the body
// code, `data: ""`, never a 500 and never a secret or password in the body.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../../../src/config/load.ts'
import { clientSignV2 } from './client.ts'
import { SECRET, VID, polyvWorld } from './world.ts'

const PAGE = '/v2/video/1b448be323/video-setting-page'
const err = (code: number, message: string) => ({ code, status: 'error', message, data: '' })
const body = (res: { body: string }) => JSON.parse(res.body) as unknown

describe('polyv errors', () => {
  it('answers each authentication failure with its exact message and HTTP 200', async (t) => {
    const w = await polyvWorld(t)
    const now = w.clock.now()
    const signed = (params: Record<string, string>, secret = SECRET) => ({
      ...params,
      sign: clientSignV2(params, secret),
    })
    const cases: [string, string, Record<string, string>, unknown][] = [
      [
        'unknown userid',
        '/v2/video/ffffffffff/video-setting-page',
        signed({ vids: VID, ptime: String(now) }),
        err(400, 'Could not find user by userid.'),
      ],
      ['missing sign', PAGE, { vids: VID, ptime: String(now) }, err(400, 'sign can not be empty.')],
      [
        'stale ptime',
        PAGE,
        signed({ vids: VID, ptime: String(now - 180_001) }),
        err(400, 'ptime is too old.'),
      ],
      [
        'future ptime',
        PAGE,
        signed({ vids: VID, ptime: String(now + 180_001) }),
        err(400, 'ptime is illegal.'),
      ],
      [
        'malformed ptime',
        PAGE,
        signed({ vids: VID, ptime: 'yesterday' }),
        err(400, 'ptime is illegal.'),
      ],
      ['missing ptime', PAGE, signed({ vids: VID }), err(400, 'ptime is illegal.')],
      [
        'wrong secret',
        PAGE,
        signed({ vids: VID, ptime: String(now) }, 'abd'),
        err(400, 'the sign is not right.'),
      ],
      ['empty vids', PAGE, signed({ vids: '', ptime: String(now + 1) }), err(400, 'vids为空.')],
      [
        'unknown vid',
        PAGE,
        signed({ vids: 'nope_1', ptime: String(now + 2) }),
        err(403, '用户的视频下找不到该视频.'),
      ],
    ]
    for (const [what, path, params, expected] of cases) {
      const res = await w.raw('GET', path, params)
      assert.equal(res.statusCode, 200, what)
      assert.deepEqual(body(res), expected, what)
      assert.ok(!res.body.includes(SECRET + '"'), what)
    }
  })

  it('says userid is blank for an empty path userid', async (t) => {
    const w = await polyvWorld(t)
    const res = await w.raw('GET', '/v2/video//video-setting-page', { vids: VID })
    assert.deepEqual(body(res), err(400, 'userid is blank.'))
  })

  it('refuses a parameter sent twice as a wrong sign', async (t) => {
    const w = await polyvWorld(t)
    const ptime = String(w.clock.now())
    const sign = clientSignV2({ vids: VID, ptime }, SECRET)
    const res = await w.app.inject({
      method: 'GET',
      url: `${PAGE}?vids=${VID}&ptime=${ptime}&sign=${sign}&vids=other_1`,
    })
    assert.deepEqual(body(res), err(400, 'the sign is not right.'))
  })

  it('refuses a replayed (userid, ptime, sign) within the window', async (t) => {
    const w = await polyvWorld(t)
    const ptime = String(w.clock.now())
    const params = { vids: VID, ptime, sign: clientSignV2({ vids: VID, ptime }, SECRET) }
    assert.equal((body(await w.raw('GET', PAGE, params)) as { code: number }).code, 200)
    assert.deepEqual(body(await w.raw('GET', PAGE, params)), err(400, 'sign has been used.'))
  })

  it('answers a disabled account and a suspended tenant as disabled users', async (t) => {
    const w = await polyvWorld(t)
    await w.services.tenants.update('tn_polyv', { status: 'suspended' })
    const res = await w.call('GET', PAGE, { vids: VID })
    assert.deepEqual(body(res), err(403, 'user is disabled.'))
  })

  it('answers an unknown path under its families and under /polyv/ in Polyv’s shape', async (t) => {
    const w = await polyvWorld(t)
    for (const url of ['/v2/video/1b448be323/nope', '/polyv/anything', '/service/v1/nope']) {
      const res = await w.app.inject({ method: 'GET', url })
      assert.deepEqual(body(res), err(404, 'api not found.'), url)
    }
  })

  it('refuses bad form bodies and NUL in Polyv’s shape, never a 500', async (t) => {
    const w = await polyvWorld(t)
    const bad = await w.app.inject({
      method: 'POST',
      url: '/v2/video/1b448be323/video-setting-save',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'vids=%zz',
    })
    assert.deepEqual(body(bad), err(400, 'body is illegal.'))
    const nul = await w.app.inject({ method: 'GET', url: `${PAGE}?vids=a%00b` })
    assert.deepEqual(body(nul), err(400, 'query is illegal.'))
    const hlslevel = await w.call('POST', '/v2/setting/1b448be323/set-playsafe', {
      hlslevel: 'all',
    })
    assert.deepEqual(body(hlslevel), err(400, 'hlslevel error'))
    const encrypt = await w.call('POST', '/v2/setting/1b448be323/set-playsafe', { encrypt: '2' })
    assert.deepEqual(body(encrypt), err(400, 'encrypt error'))
    const vid = await w.call('GET', '/v2/video/1b448be323/authplay-status', {})
    assert.deepEqual(body(vid), err(401, 'vid为空.'))
    const playauth = await w.call('POST', '/v2/video/1b448be323/authplay-status', { vids: VID })
    assert.deepEqual(body(playauth), err(400, 'playauth error'))
  })

  it('mirrors the body code into the HTTP status when configured', async (t) => {
    const w = await polyvWorld(t, { PLAYGATE_POLYV_MIRROR_CODE_AS_HTTP_STATUS: 'true' })
    const res = await w.raw('GET', PAGE, { vids: VID, ptime: String(w.clock.now()) })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(body(res), err(400, 'sign can not be empty.'))
  })

  it('limits a client IP to 1,500 requests per 10 s and blocks it 5 minutes by default', () => {
    const { ipLimitPer10Seconds, ipBlockSeconds } = loadConfig({ env: {} }).polyv
    assert.deepEqual([ipLimitPer10Seconds, ipBlockSeconds], [1500, 300])
  })

  it('blocks a client IP for 5 minutes past 1,500 requests in 10 s (here: the configured 3)', async (t) => {
    const w = await polyvWorld(t, { PLAYGATE_POLYV_IP_LIMIT_PER10_SECONDS: '3' })
    for (let i = 0; i < 3; i++) {
      const res = await w.call('GET', PAGE, { vids: VID }, { ptime: w.clock.now() + i })
      assert.equal((body(res) as { code: number }).code, 200)
    }
    const limited = await w.call('GET', PAGE, { vids: VID }, { ptime: w.clock.now() + 9 })
    assert.deepEqual(body(limited), err(429, 'request too frequent.'))
    assert.equal(limited.headers['retry-after'], '300')
    w.clock.advance(60_000)
    const still = await w.call('GET', PAGE, { vids: VID })
    assert.deepEqual(body(still), err(429, 'request too frequent.'))
    w.clock.advance(300_000)
    assert.equal((body(await w.call('GET', PAGE, { vids: VID })) as { code: number }).code, 200)
  })
})
