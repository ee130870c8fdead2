// End to end with real parts from Debian: ffmpeg publishes a generated stream over RTMP into nginx
// with libnginx-mod-rtmp, nginx asks PlayGate (on_publish / on_play) and writes HLS, and PlayGate's
// edge serves that live HLS to a txSecret URL (refused tampered or expired). Skips only when
// nginx, the rtmp module or ffmpeg is missing; bounded to well under a minute.
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parsePlaylist } from '../../src/core/hls/parse-playlist.ts'
import { buildEdgeTestApp } from './edge-app.ts'
import { findNginx, freePort } from './nginx-harness.ts'

const MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so'
const nginx = findNginx()
const ffmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0
const missing = !nginx
  ? 'nginx'
  : !existsSync(MODULE)
    ? 'libnginx-mod-rtmp'
    : !ffmpeg
      ? 'ffmpeg'
      : ''

function start(bin: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)))
  return Object.assign(child, { output: () => err })
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

/** Polls until `probe` answers a value or the deadline passes (readiness, not a timing check). */
async function until<T>(deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('gave up waiting')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe(
  'live end to end: ffmpeg → nginx-rtmp → PlayGate edge',
  { skip: missing ? `${missing} is not installed` : false },
  () => {
    it(
      'publishes with the push key, plays live HLS with txSecret, refuses forged and expired',
      { timeout: 45_000 },
      async (t) => {
        const edge = await buildEdgeTestApp(t)
        const domain = await edge.domain('tencent-live', {
          host: 'live.playgate.test',
          ttlSeconds: 300,
        })
        const stream = await edge.services.liveStreams.create({
          tenantId: domain.tenantId,
          playDomainId: domain.id,
          streamName: 'test',
          location: 'hls/test.m3u8',
        })
        const urls = await edge.services.liveStreams.mintUrls(stream.id)
        mkdirSync(join(edge.mediaRoot, 'hls'), { recursive: true })

        const rtmpPort = await freePort()
        const prefix = mkdtempSync(join(tmpdir(), 'playgate-rtmp-'))
        t.after(() => rmSync(prefix, { recursive: true, force: true }))
        const hook = `${edge.base}/edge/live/nginx-rtmp/${domain.host}`
        writeFileSync(
          join(prefix, 'nginx.conf'),
          `load_module ${MODULE};
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log stderr error;
events { worker_connections 64; }
rtmp {
  server {
    listen 127.0.0.1:${rtmpPort};
    application live {
      live on;
      on_publish ${hook};
      on_play ${hook};
      hls on;
      hls_path ${join(edge.mediaRoot, 'hls')};
      hls_fragment 1s;
      hls_playlist_length 6s;
    }
  }
}
`,
        )
        const server = start(nginx!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')])
        t.after(async () => {
          server.kill('SIGTERM')
          await exited(server)
        })
        const rtmp = (target: string) => `rtmp://127.0.0.1:${rtmpPort}${target}`
        const pushTarget = new URL(urls.push!.replace(/^rtmp:/, 'http:'))
        const publish = (query: string) =>
          start('ffmpeg', [
            '-hide_banner',
            '-loglevel',
            'error',
            '-re',
            '-f',
            'lavfi',
            '-i',
            'testsrc=size=160x120:rate=10',
            '-f',
            'lavfi',
            '-i',
            'sine=frequency=440:sample_rate=44100',
            '-t',
            '30',
            '-c:v',
            'libx264',
            '-preset',
            'ultrafast',
            '-g',
            '10',
            '-pix_fmt',
            'yuv420p',
            '-c:a',
            'aac',
            '-f',
            'flv',
            rtmp(`/live/test${query}`),
          ])

        // A forged push is refused by on_publish: ffmpeg gives up on its own.
        // Flip the secret's first hex digit (a fixed '0' left it whole one time in sixteen).
        const forged = publish(
          pushTarget.search.replace(
            /txSecret=(.)/,
            (_, c: string) => `txSecret=${c === '0' ? '1' : '0'}`,
          ),
        )
        t.after(() => forged.kill('SIGKILL'))
        // Bounded by the test's timeout: nginx-rtmp drops the publisher once on_publish refuses.
        assert.notEqual(await exited(forged), 0)
        assert.equal(existsSync(join(edge.mediaRoot, 'hls', 'test.m3u8')), false)

        const live = publish(pushTarget.search)
        t.after(async () => {
          live.kill('SIGKILL')
          await exited(live)
        })
        const playlistUrl = urls.m3u8.replace(/^http:\/\/127\.0\.0\.1:\d+/, edge.base)
        const text = await until(30_000, async () => {
          const res = await fetch(playlistUrl)
          const body = await res.text()
          if (live.exitCode !== null) throw new Error(`ffmpeg exited: ${live.output()}`)
          return res.status === 200 && /#EXTINF/.test(body) ? body : undefined
        })
        const playlist = parsePlaylist(text)
        assert.equal(playlist.kind, 'media')
        const segment = playlist.kind === 'media' ? playlist.segments[0]! : undefined
        const segmentUrl = new URL(segment!.uri, playlistUrl).href
        assert.ok(
          segmentUrl.includes('/live/test/test-') && segmentUrl.includes('txSecret='),
          segmentUrl,
        )
        const bytes = new Uint8Array(await (await fetch(segmentUrl)).arrayBuffer())
        assert.equal(bytes[0], 0x47, 'an MPEG-TS segment starts with its sync byte')

        const tampered = await fetch(
          playlistUrl.replace(
            /txSecret=(.)/,
            (_m, c: string) => `txSecret=${c === 'a' ? 'b' : 'a'}`,
          ),
        )
        assert.deepEqual(
          [tampered.status, tampered.headers.get('x-error-code')],
          [403, 'SIGNATURE_MISMATCH'],
        )
        edge.clock.advance((300 + edge.services.deps.config.edge.skewSeconds + 1) * 1000)
        const expired = await fetch(segmentUrl)
        assert.deepEqual(
          [expired.status, expired.headers.get('x-error-code')],
          [403, 'TOKEN_EXPIRED'],
        )
      },
    )
  },
)
