// Every action through every wire shape and mount point (aliyun-vod.md §1, §16), and GetVideoInfo's
// body (§9.3). The other files go deep per behaviour: authenticate, replay, player, get-*.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { COVER_URL, VIDEO_ID, aliyunWorld, json } from './world.ts'

const ACTIONS = {
  GetVideoPlayAuth: 'PlayAuth',
  GetPlayInfo: 'PlayInfoList',
  GetVideoInfo: 'Video',
} as const

describe('aliyun dialect: every action, every wire shape', () => {
  for (const [action, field] of Object.entries(ACTIONS)) {
    it(`answers ${action} over V1 GET, V1 POST form and V3, at / and /aliyun/`, async (t) => {
      const w = await aliyunWorld(t)
      const params = { Action: action, VideoId: VIDEO_ID }
      const answers = [
        await w.v1Get(params),
        await w.v1Get(params, { url: '/aliyun/' }),
        await w.v1Get(params, { url: '/aliyun' }),
        await w.v1Post(params),
        await w.v1Post(params, { url: '/aliyun/' }),
        await w.v3(action, { VideoId: VIDEO_ID }),
      ]
      for (const res of answers) {
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
        const body = json(res)
        assert.ok(field in body, `${field} in ${res.body.slice(0, 80)}`)
        assert.ok(!('Code' in body))
      }
    })
  }

  it('answers V3 in JSON without Format (the SDK sends accept: application/json)', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v3('GetVideoInfo', { VideoId: VIDEO_ID })
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
    const xml = await w.v3('GetVideoInfo', { VideoId: VIDEO_ID, Format: 'XML' })
    assert.equal(xml.headers['content-type'], 'text/xml;charset=utf-8')
  })

  it('leaves requests without Aliyun markers at / to the other APIs', async (t) => {
    const w = await aliyunWorld(t)
    // GET / without markers is the web console's page (200, or 503 where web/dist is not built).
    const page = await w.app.inject({ method: 'GET', url: '/?foo=bar' })
    assert.ok([200, 503].includes(page.statusCode), String(page.statusCode))
    assert.match(String(page.headers['content-type']), /^text\/(html|plain)/)
    const res = await w.app.inject({ method: 'POST', url: '/?foo=bar' })
    assert.equal(res.statusCode, 404)
    assert.equal(json(res).Code, undefined)
    assert.equal(json(res).error.code, 'UNSUPPORTED_OPERATION')
    assert.match(json(res).error.message, /none of their protocol markers/)
  })
})

describe('aliyun dialect: GetVideoInfo', () => {
  it('answers the Video with the spec’s JSON types', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get({ Action: 'GetVideoInfo', VideoId: VIDEO_ID })
    const body = json(res)
    assert.deepEqual(body, {
      RequestId: body.RequestId,
      Video: {
        VideoId: VIDEO_ID,
        Title: 'Demo',
        Description: 'The bundled sample',
        Duration: w.video.duration,
        CoverURL: COVER_URL,
        Status: 'Normal',
        CreationTime: '2026-01-01T00:00:00Z',
        ModificationTime: '2026-01-01T00:00:00Z',
        Size: w.video.size,
        Snapshots: { Snapshot: [COVER_URL] },
        Tags: 'demo,sample',
        AuditStatus: 'Normal',
        DownloadSwitch: 'on',
        ReferenceId: 'demo-ref',
        RegionId: 'cn-shanghai',
        StorageClass: 'Standard',
      },
    })
    assert.equal(typeof body.Video.Duration, 'number')
    assert.equal(typeof body.Video.Size, 'number')
  })

  it('answers whatever the status, and by ReferenceId', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.videos.update(VIDEO_ID, { status: 'Transcoding', coverUrl: null })
    w.clock.advance(1000)
    const res = await w.v1Get({ Action: 'GetVideoInfo', ReferenceId: 'demo-ref' })
    assert.equal(res.statusCode, 200)
    assert.equal(json(res).Video.Status, 'Transcoding')
    assert.deepEqual(json(res).Video.Snapshots, { Snapshot: [] })
    assert.equal(json(res).Video.CoverURL, '')
  })

  it('answers InvalidVideo.NotFound (404)', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v3('GetVideoInfo', { VideoId: 'f'.repeat(32) })
    assert.deepEqual([res.statusCode, json(res).Code], [404, 'InvalidVideo.NotFound'])
  })
})
