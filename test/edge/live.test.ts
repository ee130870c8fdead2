// Live HLS at the edge (tencent-live.md §7): a txSecret URL for /{App}/{Stream}.m3u8 opens the
// playlist and every segment it names, from a folder a live origin writes or from an upstream
// origin; tampered, expired, disabled and cross-stream requests are refused.
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parsePlaylist } from '../../src/core/hls/parse-playlist.ts'
import { liveRouteOf } from '../../src/edge/live.ts'
import { buildEdgeTestApp, type EdgeTestApp } from './edge-app.ts'

const PLAYLIST = (name: string) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:2',
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXTINF:2.000,',
    `${name}-0.ts`,
    '#EXTINF:2.000,',
    `${name}-1.ts`,
    '',
  ].join('\n')

/** nginx-rtmp without hls_nested: playlists and segments of every stream in one folder. */
function writeLiveFolder(mediaRoot: string): void {
  const dir = join(mediaRoot, 'hls')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'test.m3u8'), PLAYLIST('test'))
  writeFileSync(join(dir, 'test-0.ts'), 'segment zero')
  writeFileSync(join(dir, 'test-1.ts'), 'segment one')
  writeFileSync(join(dir, 'other-0.ts'), 'another stream')
}

async function world(t: Parameters<typeof buildEdgeTestApp>[0]) {
  const edge = await buildEdgeTestApp(t)
  writeLiveFolder(edge.mediaRoot)
  const domain = await edge.domain('tencent-live', {
    host: 'live.playgate.test',
    ttlSeconds: 300,
    primaryKey: 'e12c46f2612d5106e2034781ab261ca3',
    backupKey: 'backup-key',
  })
  const stream = await edge.services.liveStreams.create({
    tenantId: domain.tenantId,
    playDomainId: domain.id,
    streamName: 'test',
    location: 'hls/test.m3u8',
  })
  return { edge, domain, stream }
}

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init)
  return { status: res.status, code: res.headers.get('x-error-code'), res, text: await res.text() }
}

function segmentUrls(playlistUrl: string, text: string): string[] {
  const playlist = parsePlaylist(text)
  assert.equal(playlist.kind, 'media')
  return playlist.kind === 'media'
    ? playlist.segments.map((s) => new URL(s.uri, playlistUrl).href)
    : []
}

describe('live edge routes', () => {
  it('reads /{App}/{Stream}.m3u8, .flv and files under the stream', () => {
    assert.deepEqual(liveRouteOf('/live/test.m3u8'), {
      appName: 'live',
      streamName: 'test',
      kind: 'playlist',
      rest: '',
    })
    assert.deepEqual(liveRouteOf('/live/test.flv'), {
      appName: 'live',
      streamName: 'test',
      kind: 'flv',
      rest: '',
    })
    assert.deepEqual(liveRouteOf('/live/test/a/b.ts'), {
      appName: 'live',
      streamName: 'test',
      kind: 'child',
      rest: 'a/b.ts',
    })
    for (const path of ['/live', '/live/test', '/live/test.ts', '/live/test/', '/'])
      assert.equal(liveRouteOf(path), undefined, path)
  })
})

describe('live edge from a local HLS folder', () => {
  it('serves the playlist fresh and every segment it names with the same txSecret', async (t) => {
    const { edge, stream } = await world(t)
    const urls = await edge.services.liveStreams.mintUrls(stream.id)
    const playlistUrl = urls.m3u8.replace(/^http:\/\/127\.0\.0\.1:8080/, edge.base)
    const playlist = await get(playlistUrl)
    assert.equal(playlist.status, 200, playlist.code ?? '')
    assert.equal(playlist.res.headers.get('cache-control'), 'no-cache')
    assert.equal(playlist.res.headers.get('content-type'), 'application/vnd.apple.mpegurl')
    const token = new URL(playlistUrl).search
    const segments = segmentUrls(playlistUrl, playlist.text)
    assert.deepEqual(
      segments.map((u) => new URL(u).pathname + new URL(u).search),
      [
        `/play/live.playgate.test/live/test/test-0.ts${token}`,
        `/play/live.playgate.test/live/test/test-1.ts${token}`,
      ],
    )
    assert.deepEqual(await Promise.all(segments.map(async (u) => (await get(u)).text)), [
      'segment zero',
      'segment one',
    ])
  })

  it('applies viewer controls: a rule refuses with its reason, a session counts its bytes', async (t) => {
    const { edge, domain, stream } = await world(t)
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [{ action: 'deny', userAgent: ['cli'] }],
      caps: { idleSeconds: 60 },
    })
    const urls = await edge.services.liveStreams.mintUrls(stream.id)
    const playlistUrl = urls.m3u8.replace(/^http:\/\/127\.0\.0\.1:8080/, edge.base)
    const refused = await get(playlistUrl, { headers: { 'user-agent': 'curl/8.5.0' } })
    assert.deepEqual(
      [refused.status, refused.code, refused.res.headers.get('x-deny-reason')],
      [403, 'FORBIDDEN', 'rule'],
    )
    const playlist = await get(playlistUrl)
    const [segment] = segmentUrls(playlistUrl, playlist.text)
    assert.equal((await get(segment!)).text, 'segment zero')
    const sessions = await edge.services.viewerSessions.list(domain.tenantId)
    assert.deepEqual(
      sessions.map((s) => s.bytes),
      [Buffer.byteLength(playlist.text) + 'segment zero'.length],
    )
  })

  it("refuses another stream's file in a shared folder, a tampered and an expired URL", async (t) => {
    const { edge, stream } = await world(t)
    const urls = await edge.services.liveStreams.mintUrls(stream.id)
    const playlistUrl = urls.m3u8.replace(/^http:\/\/127\.0\.0\.1:8080/, edge.base)
    const token = new URL(playlistUrl).search
    const base = `${edge.base}/play/live.playgate.test/live/test`
    assert.deepEqual((await get(`${base}/other-0.ts${token}`)).status, 404)
    const tampered = playlistUrl.replace(
      /txSecret=(.)/,
      (_m, c: string) => `txSecret=${c === 'a' ? 'b' : 'a'}`,
    )
    assert.deepEqual(
      [(await get(tampered)).status, (await get(tampered)).code],
      [403, 'SIGNATURE_MISMATCH'],
    )
    assert.equal((await get(`${base}.m3u8`)).code, 'TOKEN_INVALID')
    edge.clock.advance((300 + edge.services.deps.config.edge.skewSeconds + 1) * 1000)
    const late = await get(`${base}/test-0.ts${token}`)
    assert.deepEqual([late.status, late.code], [403, 'TOKEN_EXPIRED'])
  })

  it('serves openly when Enable=0, refuses a disabled stream, and does not serve FLV', async (t) => {
    const { edge, domain, stream } = await world(t)
    const base = `${edge.base}/play/live.playgate.test/live/test`
    await edge.services.livePlayAuth.modify(domain.tenantId, domain.host, { enabled: false })
    const open = await get(`${base}.m3u8`)
    assert.equal(open.status, 200)
    assert.deepEqual(
      segmentUrls(`${base}.m3u8`, open.text).map((u) => new URL(u).pathname),
      [
        '/play/live.playgate.test/live/test/test-0.ts',
        '/play/live.playgate.test/live/test/test-1.ts',
      ],
    )
    assert.equal((await get(`${base}/test-1.ts`)).text, 'segment one')
    assert.deepEqual([(await get(`${base}.flv`)).status], [404])
    await edge.services.liveStreams.update(stream.id, { enabled: false })
    assert.deepEqual(
      [(await get(`${base}.m3u8`)).status, (await get(`${base}.m3u8`)).code],
      [403, 'FORBIDDEN'],
    )
  })

  it('leaves paths that are no live stream to the file edge', async (t) => {
    const { edge, domain } = await world(t)
    await edge.services.livePlayAuth.modify(domain.tenantId, domain.host, { enabled: false })
    const res = await get(`${edge.base}/play/live.playgate.test/hls/test-0.ts`)
    assert.deepEqual([res.status, res.text], [200, 'segment zero'])
    assert.equal((await get(`${edge.base}/play/live.playgate.test/live/nope.m3u8`)).status, 404)
  })
})

/** A MediaMTX-like upstream: a master playlist, a media playlist and segments under /live/up/. */
async function upstream(t: Parameters<typeof buildEdgeTestApp>[0]) {
  const seen: string[] = []
  const files: Record<string, string> = {
    '/live/up/index.m3u8': '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nvideo1_stream.m3u8\n',
    '/live/up/video1_stream.m3u8':
      '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1.0,\nseg1.mp4\n#EXTINF:1.0,\nhttp://elsewhere.example/seg2.mp4\n',
    '/live/up/init.mp4': 'init',
    '/live/up/seg1.mp4': 'segment one',
  }
  const server = createServer((req, res) => {
    seen.push(req.url ?? '')
    const body = files[new URL(req.url ?? '/', 'http://x').pathname]
    if (body === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': req.url?.includes('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp4',
    })
    res.end(body)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  t.after(() => new Promise<void>((done) => server.close(() => done())))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('live edge from an upstream origin', () => {
  it('proxies master, media playlist, init and segments with one credential', async (t) => {
    const { edge, domain } = await world(t)
    const up = await upstream(t)
    const stream = await edge.services.liveStreams.create({
      tenantId: domain.tenantId,
      playDomainId: domain.id,
      streamName: 'up',
      location: `${up.origin}/live/up/index.m3u8`,
    })
    const urls = await edge.services.liveStreams.mintUrls(stream.id)
    const masterUrl = urls.m3u8.replace(/^http:\/\/127\.0\.0\.1:8080/, edge.base)
    const token = new URL(masterUrl).search
    const master = await get(masterUrl)
    assert.equal(master.status, 200, master.code ?? '')
    assert.ok(
      master.text.includes(`\n/play/live.playgate.test/live/up/video1_stream.m3u8${token}\n`),
    )
    const mediaUrl = `${edge.base}/play/live.playgate.test/live/up/video1_stream.m3u8${token}`
    const media = await get(mediaUrl)
    assert.equal(media.status, 200)
    assert.ok(media.text.includes(`URI="/play/live.playgate.test/live/up/init.mp4${token}"`))
    assert.ok(
      media.text.includes('\nhttp://elsewhere.example/seg2.mp4\n'),
      'other hosts stay as written',
    )
    const seg = await get(`${edge.base}/play/live.playgate.test/live/up/seg1.mp4${token}`)
    assert.deepEqual(
      [seg.status, seg.text, seg.res.headers.get('content-type')],
      [200, 'segment one', 'video/mp4'],
    )
    // The credential never travels upstream.
    assert.ok(
      up.seen.every((u) => !u.includes('txSecret')),
      up.seen.join(' '),
    )
    const missing = await get(`${edge.base}/play/live.playgate.test/live/up/nope.mp4${token}`)
    assert.equal(missing.status, 404)
  })

  it('answers UNAVAILABLE when the upstream cannot be reached', async (t) => {
    const { edge, domain } = await world(t)
    await edge.services.livePlayAuth.modify(domain.tenantId, domain.host, { enabled: false })
    await edge.services.liveStreams.create({
      tenantId: domain.tenantId,
      playDomainId: domain.id,
      streamName: 'gone',
      location: 'http://127.0.0.1:9/live/gone/index.m3u8',
    })
    const res = await get(`${edge.base}/play/live.playgate.test/live/gone.m3u8`)
    assert.deepEqual([res.status, res.code], [503, 'UNAVAILABLE'])
  })
})

export type { EdgeTestApp }
