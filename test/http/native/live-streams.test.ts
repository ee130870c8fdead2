// Native API, /v1/live-streams: live streams of a play domain (AppName/StreamName, a media-root
// HLS folder or an upstream URL, an optional catalog video, a push key) and their play URLs in
// the four Tencent forms, which the edge on the same listener serves.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import type { ErrorCode } from '../../../src/core/errors.ts'
import { assertError, assertNotFound, nativeApp } from './native-app.ts'

const KEY = 'e12c46f2612d5106e2034781ab261ca3'

async function world(t: Parameters<typeof nativeApp>[0]) {
  const w = await nativeApp(t, { demoMedia: true })
  const { id: tenantId } = await w.tenant()
  const domain = await w.domain(tenantId, {
    host: 'live.play.test',
    scheme: 'tencent-live',
    ttlSeconds: 300,
    primaryKey: KEY,
  })
  return { ...w, tenantId, domain }
}

describe('native API: live streams', () => {
  it('creates, lists, gets, updates and deletes a live stream of a play domain', async (t) => {
    const w = await world(t)
    const video = await w.video(w.tenantId)
    const created = await w.call('POST', '/v1/live-streams', {
      playDomainId: w.domain.id,
      streamName: 'test',
      location: 'demo/hls/index.m3u8',
      videoId: video.id,
      pushKey: 'push-secret-1',
    })
    assert.equal(created.status, 201, created.text)
    const id = created.body.id as string
    assert.match(id, /^\S+$/)
    assert.deepEqual(created.body, {
      id,
      tenantId: w.tenantId,
      playDomainId: w.domain.id,
      appName: 'live',
      streamName: 'test',
      location: 'demo/hls/index.m3u8',
      videoId: video.id,
      enabled: true,
      pushKey: 'push-secret-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    const { pushKey: _p, ...shown } = created.body as Record<string, unknown>

    const got = await w.call('GET', `/v1/live-streams/${id}`)
    assert.equal(got.status, 200, got.text)
    assert.deepEqual(got.body, shown)

    w.clock.advance(1000) // lists are in creation order
    const upstream = await w.call('POST', '/v1/live-streams', {
      playDomainId: w.domain.id,
      appName: 'studio',
      streamName: 'cam_hd',
      location: 'http://mediamtx.internal:8888/studio/cam/index.m3u8',
    })
    assert.equal(upstream.status, 201, upstream.text)
    assert.equal(upstream.body.videoId, null)
    assert.match(upstream.body.pushKey as string, /^\S{32}$/)

    const byDomain = await w.call('GET', `/v1/live-streams?playDomainId=${w.domain.id}`)
    assert.equal(byDomain.status, 200)
    assert.deepEqual(
      (byDomain.body.items as { streamName: string }[]).map((s) => s.streamName),
      ['test', 'cam_hd'],
    )
    assert.equal(byDomain.body.total, 2)
    assert.equal('pushKey' in byDomain.body.items[0], false)
    const byTenant = await w.call('GET', `/v1/live-streams?tenantId=${w.tenantId}&pageSize=1`)
    assert.deepEqual([byTenant.body.total, byTenant.body.items.length], [2, 1])

    const patched = await w.call('PATCH', `/v1/live-streams/${id}`, {
      location: 'http://srs.internal:8080/live/test.m3u8',
      videoId: null,
      enabled: false,
    })
    assert.equal(patched.status, 200, patched.text)
    assert.deepEqual(
      [patched.body.location, patched.body.videoId, patched.body.enabled, patched.body.appName],
      ['http://srs.internal:8080/live/test.m3u8', null, false, 'live'],
    )
    assert.equal('pushKey' in patched.body, false)

    assert.equal((await w.call('DELETE', `/v1/live-streams/${id}`)).status, 204)
    assertNotFound(await w.call('GET', `/v1/live-streams/${id}`), `live stream "${id}" not found`)
    assertNotFound(
      await w.call('DELETE', `/v1/live-streams/${id}`),
      `live stream "${id}" not found`,
    )
  })

  it('mints m3u8, flv, rtmp and webrtc play URLs and a push URL; the edge plays the m3u8', async (t) => {
    const w = await world(t)
    const { body: stream } = await w.call('POST', '/v1/live-streams', {
      playDomainId: w.domain.id,
      streamName: 'test',
      location: 'demo/hls/index.m3u8',
      pushKey: 'push-secret-1',
    })
    const reply = await w.call('GET', `/v1/live-streams/${stream.id}/play-urls?ttlSeconds=120`)
    assert.equal(reply.status, 200, reply.text)
    // 2026-01-01T00:02:00Z − AuthDelta 300 s, as Tencent's generators write it: upper-case hex.
    const txTime = (Date.parse('2026-01-01T00:02:00Z') / 1000 - 300).toString(16).toUpperCase()
    const q = `?txSecret=${md5(KEY + 'test' + txTime)}&txTime=${txTime}`
    assert.deepEqual(reply.body, {
      streamId: stream.id,
      host: 'live.play.test',
      expiresAt: '2026-01-01T00:02:00.000Z',
      m3u8: `http://127.0.0.1:8080/play/live.play.test/live/test.m3u8${q}`,
      flv: `http://127.0.0.1:8080/play/live.play.test/live/test.flv${q}`,
      rtmp: `rtmp://live.play.test/live/test${q}`,
      webrtc: `webrtc://live.play.test/live/test${q}`,
      push: reply.body.push,
    })
    assert.match(
      reply.body.push as string,
      /^rtmp:\/\/live\.play\.test\/live\/test\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]{8}$/,
    )
    const m3u8 = new URL(reply.body.m3u8)
    const served = await w.app.inject({ method: 'GET', url: m3u8.pathname + m3u8.search })
    assert.equal(served.statusCode, 200, served.body)
    assert.match(served.body, /^#EXTM3U/)
    const tampered = m3u8.search.replace(/txSecret=./, 'txSecret=x')
    assert.equal(
      (await w.app.inject({ method: 'GET', url: m3u8.pathname + tampered })).statusCode,
      403,
    )
  })

  it('leaves the push URL out for a stream without a push key and refuses a disabled one', async (t) => {
    const w = await world(t)
    const { body: stream } = await w.call('POST', '/v1/live-streams', {
      playDomainId: w.domain.id,
      streamName: 'open',
      location: 'demo/hls/index.m3u8',
      pushKey: null,
    })
    assert.equal(stream.pushKey, null)
    const urls = await w.call('GET', `/v1/live-streams/${stream.id}/play-urls`)
    assert.equal(urls.status, 200, urls.text)
    assert.equal('push' in urls.body, false)
    assert.equal(urls.body.expiresAt, '2026-01-01T00:05:00.000Z')
    await w.call('PATCH', `/v1/live-streams/${stream.id}`, { enabled: false })
    assertError(
      await w.call('GET', `/v1/live-streams/${stream.id}/play-urls`),
      409,
      'MEDIA_NOT_READY',
    )
  })

  it('refuses bad input with the native error shape', async (t) => {
    const w = await world(t)
    const base = { playDomainId: w.domain.id, streamName: 'test', location: 'live/test.m3u8' }
    const cases: [unknown, number, ErrorCode, string?][] = [
      [{ ...base, streamName: '../x' }, 400, 'INVALID_PARAMETER', 'streamName'],
      [{ ...base, streamName: 'test.m3u8' }, 400, 'INVALID_PARAMETER', 'streamName'],
      [{ ...base, appName: 'a/b' }, 400, 'INVALID_PARAMETER', 'appName'],
      [{ ...base, location: '../etc/passwd' }, 400, 'INVALID_PARAMETER', 'location'],
      [{ ...base, location: 'http://u:p@x/a.m3u8' }, 400, 'INVALID_PARAMETER', 'location'],
      [{ ...base, location: 'ftp://x/a.m3u8' }, 400, 'INVALID_PARAMETER', 'location'],
      [{ ...base, pushKey: 'short' }, 400, 'INVALID_PARAMETER', 'pushKey'],
      [{ ...base, extra: 1 }, 400, 'INVALID_PARAMETER', 'extra'],
      [{ ...base, streamName: undefined }, 400, 'MISSING_PARAMETER', 'streamName'],
    ]
    for (const [body, status, code, parameter] of cases)
      assertError(await w.call('POST', '/v1/live-streams', body), status, code, parameter)
    // A domain that does not exist names its field like another tenant's domain does.
    assertNotFound(
      await w.call('POST', '/v1/live-streams', { ...base, playDomainId: 'pd_missing' }),
      'play domain "pd_missing" not found',
      'playDomainId',
    )
    assertNotFound(
      await w.call('POST', '/v1/live-streams', { ...base, videoId: 'missing' }),
      'video "missing" not found',
      'videoId',
    )
    assert.equal((await w.call('POST', '/v1/live-streams', base)).status, 201)
    assertError(
      await w.call('POST', '/v1/live-streams', base),
      409,
      'CONFLICT',
      undefined,
      'live stream live/test already exists',
    )
    assertError(
      await w.call('GET', '/v1/live-streams/nope/play-urls?ttlSeconds=0'),
      400,
      'INVALID_PARAMETER',
      'ttlSeconds',
    )
    const unknown = 'live stream "nope" not found'
    assertNotFound(await w.call('GET', '/v1/live-streams/nope/play-urls'), unknown)
    assertNotFound(await w.call('PATCH', '/v1/live-streams/nope', { enabled: true }), unknown)
  })
})

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}
