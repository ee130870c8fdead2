// GetPlayInfo with an access key (aliyun-vod.md §9.2, §13): exact body and JSON types, filters,
// AuthTimeout and ReAuthInfo in the type A URL, PlayConfig, gating, and the edge serving the URL.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import type { Stream } from '../../../../src/core/model.ts'
import {
  COVER_URL,
  PLAY_HOST,
  PLAY_KEY,
  TENANT_ID,
  VIDEO_ID,
  aliyunWorld,
  json,
  type World,
} from './world.ts'

/** 2026-01-01T00:00:00Z, the world's clock, in Unix seconds. */
const NOW = 1767225600
const TTL = 1800

/**
 * §13: `auth_key={timestamp}-{rand}-{uid}-md5("{URI}-{timestamp}-{rand}-{uid}-{key}")`, URI being
 * the path of the URL as delivered, `/play/<host>` prefix included.
 */
// Regression #7: the MAC covered the path under the domain, which no CDN or nginx in front reproduces.
function typeA(path: string, timestamp: number, rand = '0', uid = '0'): string {
  const uri = `/play/${PLAY_HOST}${path}`
  const md5 = createHash('md5')
    .update(`${uri}-${timestamp}-${rand}-${uid}-${PLAY_KEY}`)
    .digest('hex')
  return `http://127.0.0.1:8080${uri}?auth_key=${timestamp}-${rand}-${uid}-${md5}`
}

function playInfo(w: World, params: Record<string, string> = {}) {
  return w.v1Get({ Action: 'GetPlayInfo', VideoId: VIDEO_ID, ...params })
}

function wireInfo(s: Stream, url: string) {
  return {
    PlayURL: url,
    Definition: s.definition,
    Format: s.format,
    Duration: s.duration.toFixed(4),
    Size: s.size,
    Bitrate: s.bitrate.toFixed(4),
    Width: s.width,
    Height: s.height,
    Fps: String(s.fps),
    StreamType: 'video',
    Status: 'Normal',
    JobId: s.id,
    Encrypt: 0,
    CreationTime: '2026-01-01T00:00:00Z',
    ModificationTime: '2026-01-01T00:00:00Z',
    NarrowBandType: '0',
  }
}

describe('aliyun dialect: GetPlayInfo', () => {
  it('answers VideoBase and PlayInfoList with the spec’s string/number asymmetry', async (t) => {
    const w = await aliyunWorld(t)
    const res = await playInfo(w)
    assert.equal(res.statusCode, 200, res.body)
    const body = json(res)
    assert.deepEqual(body, {
      RequestId: body.RequestId,
      VideoBase: {
        VideoId: VIDEO_ID,
        Title: 'Demo',
        CoverURL: COVER_URL,
        CreationTime: '2026-01-01T00:00:00Z',
        Duration: w.video.duration.toFixed(4),
        MediaType: 'video',
        Status: 'Normal',
        OutputType: 'cdn',
        ThumbnailList: { Thumbnail: [{ URL: COVER_URL }] },
      },
      PlayInfoList: {
        PlayInfo: [
          wireInfo(w.hls, typeA('/demo/hls/master.m3u8', NOW)),
          wireInfo(w.mp4, typeA('/demo/mp4/demo.mp4', NOW)),
        ],
      },
    })
    const info = json(res).PlayInfoList.PlayInfo[0] as Record<string, unknown>
    for (const key of ['Duration', 'Bitrate', 'Fps']) assert.equal(typeof info[key], 'string', key)
    for (const key of ['Size', 'Width', 'Height', 'Encrypt'])
      assert.equal(typeof info[key], 'number', key)
  })

  it('filters by Formats, Definition and StreamType (empty values mean all)', async (t) => {
    const w = await aliyunWorld(t)
    const formats = async (params: Record<string, string>) =>
      json(await playInfo(w, params)).PlayInfoList.PlayInfo.map((p: { Format: string }) => p.Format)
    assert.deepEqual(await formats({ Formats: 'mp4' }), ['mp4'])
    assert.deepEqual(await formats({ Formats: 'MP4,m3u8' }), ['m3u8', 'mp4'])
    assert.deepEqual(await formats({ Formats: '', Definition: '' }), ['m3u8', 'mp4'])
    assert.deepEqual(await formats({ Definition: 'LD,HD', StreamType: 'video' }), ['m3u8', 'mp4'])
    assert.deepEqual(await formats({ ResultType: 'Multiple', OutputType: 'oss' }), ['m3u8', 'mp4'])
  })

  it('answers InvalidVideo.NoneStream (404) when nothing matches', async (t) => {
    const w = await aliyunWorld(t)
    const res = await playInfo(w, { Formats: 'flv', Definition: 'LD', StreamType: 'video' })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(
      [json(res).Code, json(res).Message],
      [
        'InvalidVideo.NoneStream',
        "The video has no stream to play for the request parameter 'Formats: flv, Definition: LD, StreamType: video'.",
      ],
    )
    assert.equal(json(await playInfo(w, { StreamType: 'audio' })).Code, 'InvalidVideo.NoneStream')
    await w.services.videos.removeStream(VIDEO_ID, w.mp4.id)
    await w.services.videos.removeStream(VIDEO_ID, w.hls.id)
    assert.equal(json(await playInfo(w)).Code, 'InvalidVideo.NoneStream')
  })

  it('answers InvalidParameter for unknown filter values', async (t) => {
    const w = await aliyunWorld(t)
    for (const [name, value] of [
      ['Formats', 'mkv'],
      ['Definition', 'XL'],
      ['StreamType', 'text'],
      ['ResultType', 'All'],
      ['OutputType', 's3'],
      ['AuthTimeout', '0'],
      ['AuthTimeout', 'soon'],
      ['ReAuthInfo', '{"uid":"1-2"}'],
      ['ReAuthInfo', '[1]'],
    ]) {
      const res = await playInfo(w, { [name!]: value! })
      assert.equal(res.statusCode, 400, `${name}=${value}`)
      assert.equal(json(res).Message, `The specified parameter "${name}" is not valid.`)
    }
  })

  it('signs URLs valid for AuthTimeout, carrying ReAuthInfo’s uid and rand (§13)', async (t) => {
    const w = await aliyunWorld(t)
    const res = await playInfo(w, {
      Formats: 'mp4',
      AuthTimeout: '3600',
      ReAuthInfo: '{"uid":"12345","rand":"abckljd"}',
    })
    const [info] = json(res).PlayInfoList.PlayInfo
    // timestamp = now + AuthTimeout − TTL, so a verifier with the domain's TTL expires it on time.
    assert.equal(info.PlayURL, typeA('/demo/mp4/demo.mp4', NOW + 3600 - TTL, 'abckljd', '12345'))
    const numeric = await playInfo(w, { Formats: 'mp4', ReAuthInfo: '{"uid":12345}' })
    assert.equal(
      json(numeric).PlayInfoList.PlayInfo[0].PlayURL,
      typeA('/demo/mp4/demo.mp4', NOW, '0', '12345'),
    )
  })

  it('uses PlayConfig.PlayDomain when it is one of the account’s domains', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.playDomains.create({
      tenantId: TENANT_ID,
      host: 'cdn2.playgate.test',
      scheme: 'aliyun-a',
      primaryKey: 'second-key',
    })
    const res = await playInfo(w, {
      Formats: 'mp4',
      PlayConfig: '{"PlayDomain":"CDN2.playgate.test"}',
    })
    assert.match(
      json(res).PlayInfoList.PlayInfo[0].PlayURL,
      /\/play\/cdn2\.playgate\.test\/demo\/mp4\/demo\.mp4\?auth_key=/,
    )
    const foreign = await playInfo(w, { PlayConfig: '{"PlayDomain":"elsewhere.example"}' })
    assert.equal(json(foreign).Code, 'InvalidParameter')
  })

  it('answers InvalidDomain.NotFound when the account has no play domain', async (t) => {
    const w = await aliyunWorld(t)
    const [domain] = (await w.services.playDomains.list({ tenantId: TENANT_ID })).items
    await w.services.playDomains.remove(domain!.id)
    const res = await playInfo(w)
    assert.deepEqual([res.statusCode, json(res).Code], [404, 'InvalidDomain.NotFound'])
  })

  it('plays only Normal videos and leaves Invisible streams out', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.videos.update(VIDEO_ID, { status: 'Blocked' })
    const blocked = await playInfo(w)
    assert.deepEqual([blocked.statusCode, json(blocked).Code], [403, 'Forbidden.IllegalStatus'])
    await w.services.videos.update(VIDEO_ID, { status: 'Normal' })
    await w.services.videos.removeStream(VIDEO_ID, w.hls.id)
    await w.services.videos.addStream({
      videoId: VIDEO_ID,
      location: 'demo/hls/master.m3u8',
      status: 'Invisible',
    })
    const formats = json(await playInfo(w)).PlayInfoList.PlayInfo.map(
      (p: { Format: string }) => p.Format,
    )
    assert.deepEqual(formats, ['mp4'])
  })

  it('lists every PlayInfo in XML under PlayInfoList', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get(
      { Action: 'GetPlayInfo', VideoId: VIDEO_ID },
      { common: { Format: 'XML' } },
    )
    assert.equal(res.headers['content-type'], 'text/xml;charset=utf-8')
    assert.match(
      res.body,
      /^<\?xml version="1\.0" encoding="UTF-8"\?><GetPlayInfoResponse><RequestId>[0-9A-F-]{36}<\/RequestId><VideoBase><VideoId>/,
    )
    assert.match(
      res.body,
      /<PlayInfoList><PlayInfo><PlayURL>http:\/\/127\.0\.0\.1:8080\/play\/vod\.playgate\.test\/demo\/hls\/master\.m3u8\?auth_key=[^<]+<\/PlayURL>.*<\/PlayInfo><PlayInfo><PlayURL>[^<]+demo\.mp4\?auth_key=[^<]+<\/PlayURL>.*<\/PlayInfo><\/PlayInfoList><\/GetPlayInfoResponse>$/,
    )
    assert.match(
      res.body,
      /<ThumbnailList><Thumbnail><URL>https:\/\/img\.example\.com\/c\.jpg<\/URL><\/Thumbnail><\/ThumbnailList>/,
    )
  })

  it('answers a CORS preflight from a file page (Origin: null), and errors carry CORS too', async (t) => {
    const w = await aliyunWorld(t)
    const preflight = await w.app.inject({
      method: 'OPTIONS',
      url: '/?AccessKeyId=STS.x&Action=GetPlayInfo',
      headers: {
        origin: 'null',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'X-Custom',
      },
    })
    assert.equal(preflight.statusCode, 204)
    assert.equal(preflight.headers['access-control-allow-origin'], '*')
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, POST, OPTIONS')
    assert.equal(preflight.headers['access-control-allow-headers'], 'x-custom')
    const failed = await w.v1Get(
      { Action: 'GetPlayInfo', VideoId: 'f'.repeat(32) },
      { headers: { origin: 'null' } },
    )
    assert.equal(failed.statusCode, 404)
    assert.equal(failed.headers['access-control-allow-origin'], '*')
    assert.match(String(failed.headers['access-control-expose-headers']), /x-acs-request-id/)
  })

  it('hands out URLs the edge serves', async (t) => {
    const w = await aliyunWorld(t)
    const [info] = json(await playInfo(w, { Formats: 'mp4' })).PlayInfoList.PlayInfo
    const url = new URL(info.PlayURL as string)
    const media = await w.app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: { range: 'bytes=0-99', origin: 'null' },
    })
    assert.equal(media.statusCode, 206)
    assert.equal(media.rawPayload.length, 100)
    const flipped = url.search.replace(/.$/, (c) => (c === '0' ? '1' : '0'))
    const forged = await w.app.inject({ method: 'GET', url: url.pathname + flipped })
    assert.ok(forged.statusCode === 403 || forged.statusCode === 401, String(forged.statusCode))
  })
})
