// GetVideoPlayAuth (aliyun-vod.md §9.1, §10): exact body and JSON types, the PlayAuth's eight keys,
// AuthInfoTimeout's default and range, VideoId/ReferenceId, status gating, XML.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { customerIdOf } from '../../../../src/services/aliyun-playback.ts'
import {
  COVER_URL,
  PLAY_HOST,
  TENANT_ID,
  VIDEO_ID,
  aliyunWorld,
  json,
  type World,
} from './world.ts'

const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/

function decode(playAuth: string): Record<string, any> {
  return JSON.parse(Buffer.from(playAuth, 'base64').toString('utf8'))
}

async function playAuth(w: World, params: Record<string, string> = {}) {
  return w.v1Get({ Action: 'GetVideoPlayAuth', VideoId: VIDEO_ID, ...params })
}

describe('aliyun dialect: GetVideoPlayAuth', () => {
  it('answers RequestId, VideoMeta and PlayAuth with the spec’s JSON types, no Code', async (t) => {
    const w = await aliyunWorld(t)
    const res = await playAuth(w)
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
    const body = json(res)
    assert.match(body.RequestId, REQUEST_ID)
    assert.equal(res.headers['x-acs-request-id'], body.RequestId)
    assert.equal(
      res.body,
      `{"RequestId":"${body.RequestId}","VideoMeta":{"CoverURL":"${COVER_URL}","Status":"Normal","Duration":${w.video.duration},"VideoId":"${VIDEO_ID}","Title":"Demo"},"PlayAuth":"${body.PlayAuth}"}`,
    )
    assert.equal(typeof body.VideoMeta.Duration, 'number')
    assert.ok(!('Code' in body))
  })

  it('issues a base64 JSON PlayAuth with Aliyun’s eight keys and types (§10.1)', async (t) => {
    const w = await aliyunWorld(t)
    const auth = decode(json(await playAuth(w)).PlayAuth)
    assert.deepEqual(Object.keys(auth), [
      'SecurityToken',
      'AuthInfo',
      'VideoMeta',
      'AccessKeyId',
      'PlayDomain',
      'AccessKeySecret',
      'Region',
      'CustomerId',
    ])
    assert.match(auth.AccessKeyId, /^STS\.[0-9a-f]{32}$/)
    assert.match(auth.SecurityToken, /^pg1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    assert.match(auth.AccessKeySecret, /^[A-Za-z0-9_-]{43}$/)
    assert.equal(auth.PlayDomain, PLAY_HOST)
    assert.equal(auth.Region, 'cn-shanghai')
    assert.equal(auth.CustomerId, customerIdOf(TENANT_ID, w.services.deps))
    assert.equal(typeof auth.CustomerId, 'number')
    // Remembered per tenant after the first PlayAuth (aliyun-playback.ts): the same value again.
    assert.equal(decode(json(await playAuth(w)).PlayAuth).CustomerId, auth.CustomerId)
    assert.deepEqual(auth.VideoMeta, {
      Status: 'Normal',
      VideoId: VIDEO_ID,
      Title: 'Demo',
      CoverURL: COVER_URL,
      Duration: w.video.duration,
    })
    assert.equal(typeof auth.AuthInfo, 'string')
    const info = JSON.parse(auth.AuthInfo)
    assert.deepEqual(Object.keys(info), [
      'CI',
      'Caller',
      'ExpireTime',
      'MediaId',
      'PlayDomain',
      'Signature',
    ])
    // AuthInfoTimeout defaults to 100 s.
    assert.deepEqual(
      [info.CI, info.Caller, info.ExpireTime, info.MediaId, info.PlayDomain],
      ['pg1.k1', TENANT_ID, '2026-01-01T00:01:40Z', VIDEO_ID, PLAY_HOST],
    )
  })

  it('takes AuthInfoTimeout within [100, 3000] and refuses the rest with InvalidParameter', async (t) => {
    const w = await aliyunWorld(t)
    const longest = decode(json(await playAuth(w, { AuthInfoTimeout: '3000' })).PlayAuth)
    assert.equal(JSON.parse(longest.AuthInfo).ExpireTime, '2026-01-01T00:50:00Z')
    for (const value of ['99', '3001', '1e3', 'abc', '-100']) {
      const res = await playAuth(w, { AuthInfoTimeout: value })
      assert.equal(res.statusCode, 400, value)
      assert.deepEqual(
        [json(res).Code, json(res).Message],
        ['InvalidParameter', 'The specified parameter "AuthInfoTimeout" is not valid.'],
      )
    }
  })

  it('finds the video by ReferenceId, ignores ApiVersion, and echoes a RegionId as Region', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get({
      Action: 'GetVideoPlayAuth',
      ReferenceId: 'demo-ref',
      ApiVersion: '1.0.0',
      RegionId: 'cn-beijing',
    })
    assert.equal(res.statusCode, 200)
    assert.equal(json(res).VideoMeta.VideoId, VIDEO_ID)
    assert.equal(decode(json(res).PlayAuth).Region, 'cn-beijing')
  })

  it('answers MissingParameter without VideoId or ReferenceId', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get({ Action: 'GetVideoPlayAuth' })
    assert.equal(res.statusCode, 400)
    assert.equal(json(res).Code, 'MissingParameter')
    assert.equal(
      json(res).Message,
      'The input parameter "VideoId" that is mandatory for processing this request is not supplied.',
    )
  })

  it('answers InvalidVideo.NotFound (404) for an unknown video and another account’s', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.tenants.create({ id: 'tn_other', name: 'Other' })
    await w.services.videos.create({ tenantId: 'tn_other', id: 'e'.repeat(32), title: 'Theirs' })
    for (const VideoId of ['f'.repeat(32), 'e'.repeat(32)]) {
      const res = await playAuth(w, { VideoId })
      assert.equal(res.statusCode, 404)
      assert.equal(json(res).Code, 'InvalidVideo.NotFound')
      assert.equal(json(res).Message, 'The video does not exist.')
    }
  })

  it('issues only for Normal videos: Forbidden.IllegalStatus (403) otherwise', async (t) => {
    const w = await aliyunWorld(t)
    for (const status of ['Transcoding', 'UploadSucc', 'Checking', 'Blocked'] as const) {
      await w.services.videos.update(VIDEO_ID, { status })
      const res = await playAuth(w)
      assert.equal(res.statusCode, 403)
      assert.equal(json(res).Code, 'Forbidden.IllegalStatus')
      assert.equal(
        json(res).Message,
        `Status of the video is illegal. Currently Video Status is ${status} and AuditStatus is Normal.`,
      )
    }
  })

  it('chooses PlayConfig.PlayDomain when it is the account’s, InvalidParameter otherwise', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.playDomains.create({
      tenantId: TENANT_ID,
      host: 'cdn2.playgate.test',
      scheme: 'aliyun-a',
    })
    const chosen = await playAuth(w, { PlayConfig: '{"PlayDomain":"cdn2.playgate.test"}' })
    assert.equal(decode(json(chosen).PlayAuth).PlayDomain, 'cdn2.playgate.test')
    const foreign = await playAuth(w, { PlayConfig: '{"PlayDomain":"elsewhere.example"}' })
    assert.deepEqual([foreign.statusCode, json(foreign).Code], [400, 'InvalidParameter'])
    assert.equal(json(foreign).Message, 'The specified parameter "PlayConfig" is not valid.')
    const broken = await playAuth(w, { PlayConfig: '{"PlayDomain":' })
    assert.equal(json(broken).Code, 'InvalidParameter')
  })

  it('records credential.issued in the audit trail', async (t) => {
    const w = await aliyunWorld(t)
    const auth = decode(json(await playAuth(w)).PlayAuth)
    const events = await w.services.audit.list({ tenantId: TENANT_ID, kind: 'credential.issued' })
    assert.equal(events.items.length, 1)
    assert.equal(events.items[0]!.subject, VIDEO_ID)
    assert.equal(events.items[0]!.detail.accessKeyId, auth.AccessKeyId)
  })

  it('answers XML for Format=XML, V1’s default when Format is absent', async (t) => {
    const w = await aliyunWorld(t)
    for (const common of [{ Format: 'XML' }, { Format: 'xml' }, { Format: undefined }]) {
      const res = await w.v1Get({ Action: 'GetVideoPlayAuth', VideoId: VIDEO_ID }, { common })
      assert.equal(res.headers['content-type'], 'text/xml;charset=utf-8')
      const requestId = res.headers['x-acs-request-id'] as string
      const token = /<PlayAuth>([^<]+)<\/PlayAuth>/.exec(res.body)![1]
      assert.equal(
        res.body,
        `<?xml version="1.0" encoding="UTF-8"?><GetVideoPlayAuthResponse><RequestId>${requestId}</RequestId><VideoMeta><CoverURL>${COVER_URL}</CoverURL><Status>Normal</Status><Duration>${w.video.duration}</Duration><VideoId>${VIDEO_ID}</VideoId><Title>Demo</Title></VideoMeta><PlayAuth>${token}</PlayAuth></GetVideoPlayAuthResponse>`,
      )
    }
  })

  it('never logs the signature, the PlayAuth or its secret', async (t) => {
    const w = await aliyunWorld(t)
    const res = await playAuth(w)
    const auth = decode(json(res).PlayAuth)
    const logs = w.logs.join('\n')
    assert.ok(logs.includes('Signature=***'))
    for (const secret of [
      json(res).PlayAuth.slice(0, 40),
      auth.AccessKeySecret,
      auth.SecurityToken,
    ])
      assert.ok(!logs.includes(secret))
  })
})
