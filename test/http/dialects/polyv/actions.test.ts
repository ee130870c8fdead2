// Every Polyv route over HTTP (app.inject) with the spec-built client, for success: at the API
// root by path and under /polyv/, each client style, exact envelopes (polyv.md §5, §6, §8).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clientSignMd5, form } from './client.ts'
import { VID, VID2, polyvWorld } from './world.ts'

const body = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>
const ok = (data: unknown) => ({ code: 200, status: 'success', message: 'success', data })

describe('polyv video-setting-page', () => {
  for (const style of ['sdk', 'doc', 'legacy'] as const) {
    it(`answers the documented body to a ${style}-style client`, async (t) => {
      const w = await polyvWorld(t)
      await w.services.playPasswords.set(w.video.id, '123456')
      const res = await w.call(
        'GET',
        '/v2/video/1b448be323/video-setting-page',
        { vids: VID },
        { style },
      )
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json;charset=UTF-8')
      assert.deepEqual(
        body(res),
        ok({
          questionnaire: { qid: '' },
          isShowPassword: false,
          vids: VID,
          videoPool: {
            describ: '美食',
            videoPoolExt: { password: '123456' },
            tag: '合并美食',
            title: '合并美食视频',
            publishUrl: '',
          },
          qid: '',
        }),
      )
    })
  }

  it('is also under /polyv/, and answers an array for several vids', async (t) => {
    const w = await polyvWorld(t)
    const res = await w.call(
      'GET',
      '/v2/video/1b448be323/video-setting-page',
      { vids: `${VID},${VID2}` },
      { prefix: '/polyv' },
    )
    const data = body(res).data as { vids: string; videoPool: { videoPoolExt: unknown } }[]
    assert.deepEqual(
      data.map((d) => [d.vids, d.videoPool.videoPoolExt]),
      [
        [VID, { password: '' }],
        [VID2, { password: '' }],
      ],
    )
  })

  it('shows qid and isShowPassword from the video’s settings', async (t) => {
    const w = await polyvWorld(t)
    await w.services.videos.update(w.video.id, {
      settings: { 'polyv.qid': 'q-7', 'polyv.isShowPassword': 'true' },
    })
    const res = await w.call('GET', '/v2/video/1b448be323/video-setting-page', { vids: VID })
    const data = body(res).data as Record<string, unknown>
    assert.deepEqual(
      [data.qid, data.questionnaire, data.isShowPassword],
      ['q-7', { qid: 'q-7' }, true],
    )
  })
})

describe('polyv video-setting-save', () => {
  it('sets the password and metadata of several vids and answers how many (vector P3 shape)', async (t) => {
    const w = await polyvWorld(t)
    const res = await w.call(
      'POST',
      '/v2/video/1b448be323/video-setting-save',
      {
        vids: `${VID},${VID2}`,
        password: '123456',
        title: '视频标题',
        tag: '标签,第二',
        describ: '描述',
        publishUrl: 'https://example.com/first',
      },
      { style: 'doc' },
    )
    assert.deepEqual(body(res), ok(2))
    for (const video of [w.video, w.video2]) {
      const after = await w.services.videos.get(video.id)
      assert.deepEqual(
        [after.title, after.tags, after.description, after.settings['polyv.publishUrl']],
        ['视频标题', ['标签', '第二'], '描述', 'https://example.com/first'],
      )
      assert.equal(await w.services.playPasswords.get(video.id), '123456')
    }
  })

  it('clears the password with an empty one (sent, not signed, by the SDK)', async (t) => {
    const w = await polyvWorld(t)
    await w.services.playPasswords.set(w.video.id, 'old')
    const res = await w.call('POST', '/v2/video/1b448be323/video-setting-save', {
      vids: VID,
      password: '',
    })
    assert.deepEqual(body(res), ok(1))
    assert.equal(await w.services.playPasswords.get(w.video.id), undefined)
    const after = await w.services.videos.get(w.video.id)
    assert.equal(after.title, '合并美食视频')
  })

  it('changes nothing when one vid is unknown', async (t) => {
    const w = await polyvWorld(t)
    const res = await w.call('POST', '/v2/video/1b448be323/video-setting-save', {
      vids: `${VID},1b448be3230000000000000000000000_1`,
      password: 'x',
    })
    assert.deepEqual(body(res), {
      code: 403,
      status: 'error',
      message: '用户的视频下找不到该视频.',
      data: '',
    })
    assert.equal(await w.services.playPasswords.get(w.video.id), undefined)
  })

  it('finds a vid by the polyv alias only: a reference id that looks like one is not it', async (t) => {
    const w = await polyvWorld(t)
    const vid = '1b448be3230000000000000000000000_1'
    const video = await w.services.videos.create({
      tenantId: 'tn_polyv',
      referenceId: vid,
      title: 'Reference only',
      status: 'Normal',
    })
    const page = () => w.call('GET', '/v2/video/1b448be323/video-setting-page', { vids: vid })
    assert.equal(body(await page()).message, '用户的视频下找不到该视频.')
    await w.services.videos.addAlias(video.id, { vendor: 'polyv', alias: vid })
    assert.equal(
      (body(await page()).data as { videoPool: { title: string } }).videoPool.title,
      'Reference only',
    )
  })
})

describe('polyv authplay-status', () => {
  it('reads 0, sets it for several vids by POST, then reads 1 by GET or POST', async (t) => {
    const w = await polyvWorld(t)
    const path = '/v2/video/1b448be323/authplay-status'
    assert.deepEqual(body(await w.call('GET', path, { vid: VID })), ok(0))
    assert.deepEqual(
      body(await w.call('POST', path, { vids: `${VID},${VID2}`, playauth: '1' })),
      ok(2),
    )
    assert.deepEqual(body(await w.call('GET', path, { vid: VID })), ok(1))
    assert.deepEqual(body(await w.call('POST', path, { vid: VID2 })), ok(1))
    assert.deepEqual(body(await w.call('GET', path, { vids: VID, playauth: '0' })), ok(1))
    assert.deepEqual(body(await w.call('GET', path, { vid: VID })), ok(0))
  })
})

describe('polyv set-playsafe and get-playsafe', () => {
  it('reads the defaults, saves encrypt and hlslevel, and reads them back', async (t) => {
    const w = await polyvWorld(t)
    const get = () => w.call('GET', '/v2/setting/1b448be323/get-playsafe', {})
    assert.deepEqual(body(await get()), ok({ encrypt: '0', hlslevel: 'open' }))
    const set = await w.call('POST', '/v2/setting/1b448be323/set-playsafe', {
      encrypt: '1',
      hlslevel: 'web',
    })
    assert.deepEqual(body(set), ok({ encrypt: '1', hlslevel: 'web' }))
    await w.call('POST', '/v2/setting/1b448be323/set-playsafe', { hlslevel: 'wxa_app' })
    assert.deepEqual(body(await get()), ok({ encrypt: '1', hlslevel: 'wxa_app' }))
  })
})

describe('polyv routes under /polyv/', () => {
  it('answers every v2 route and the token API there as at the root', async (t) => {
    const w = await polyvWorld(t)
    const v2: ['GET' | 'POST', string, Record<string, string>, unknown][] = [
      ['POST', 'video/1b448be323/video-setting-save', { vids: VID, title: 'T' }, 1],
      ['GET', 'video/1b448be323/authplay-status', { vid: VID }, 0],
      ['POST', 'video/1b448be323/authplay-status', { vids: VID, playauth: '1' }, 1],
      [
        'POST',
        'setting/1b448be323/set-playsafe',
        { encrypt: '1' },
        { encrypt: '1', hlslevel: 'open' },
      ],
      ['GET', 'setting/1b448be323/get-playsafe', {}, { encrypt: '1', hlslevel: 'open' }],
    ]
    for (const [method, path, params, data] of v2)
      assert.deepEqual(
        body(await w.call(method, `/v2/${path}`, params, { prefix: '/polyv' })),
        ok(data),
        path,
      )
    const ts = String(w.clock.now())
    const params = { userId: '1b448be323', videoId: VID, ts, viewerId: 'v1' }
    const res = await w.app.inject({
      method: 'POST',
      url: '/polyv/service/v1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ ...params, sign: clientSignMd5(params, 'abc') }),
    })
    assert.deepEqual([body(res).code, (body(res).data as { videoId: string }).videoId], [200, VID])
  })
})
