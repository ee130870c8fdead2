// Tencent Cloud Live: (1) DescribeLivePlayAuthKey end to end over loopback HTTP (TC3-HMAC-SHA256
// JSON POST verified, limiter counted, domain read, envelope written) beside a bare Fastify route
// measured by the same client in the same run; (2) wrk against the live edge (a txSecret playlist,
// rewritten, and a segment of it) beside nginx serving the same live files as static files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { bareFastify, load, type LoadResult } from './aliyun.ts'
import { hasWrk, nginxWorkerPid, startPlayGate, wrk } from './edge.ts'
import { findNginx, freePort, startNginx } from '../test/edge/nginx-harness.ts'
import { processCpuMs, threadCpuMs } from './_thread-cpu.ts'

const REPO = resolve(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WRK_SECONDS = 3
const SECRET = { id: 'AKIDbench00000000000000000000000001', key: 'bench-tencent-secret-0123456789' }
const HOST = 'live.bench.test'
/** Tencent's published default limit for DescribeLivePlayAuthKey, per account. */
const VENDOR_LIMIT = 500

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const cells of [headers, ...rows])
    console.log(
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    )
}

/** An nginx-rtmp style HLS folder (no hls_nested): a 6-segment window of the demo segments. */
function writeLiveFolder(mediaRoot: string): void {
  const dir = join(mediaRoot, 'hls')
  mkdirSync(dir, { recursive: true })
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:2',
    '#EXT-X-MEDIA-SEQUENCE:40',
  ]
  const segment = readFileSync(join(REPO, 'media/demo/hls/segment-000.ts'))
  for (let i = 40; i < 46; i++) {
    writeFileSync(join(dir, `bench-${i}.ts`), segment)
    lines.push('#EXTINF:2.000,', `bench-${i}.ts`)
  }
  writeFileSync(join(dir, 'bench.m3u8'), lines.join('\n') + '\n')
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-tencent-'))
  writeLiveFolder(join(dataDir, 'media'))
  const pg = await startPlayGate(dataDir, {
    // The limiter still counts every request; 500/s would only measure refusals.
    PLAYGATE_LIMITS_TENCENT_DESCRIBE_LIVE_PLAY_AUTH_KEY: '1000000000',
  })
  const bare = await bareFastify()
  let stopNginx = async () => {}
  try {
    const { services } = pg.runtime
    const tenant = await services.tenants.create({ name: 'bench' })
    await services.accessKeys.issue({
      tenantId: tenant.id,
      protocol: 'tencent',
      keyId: SECRET.id,
      secret: SECRET.key,
    })
    const domain = await services.playDomains.create({
      tenantId: tenant.id,
      host: HOST,
      scheme: 'tencent-live',
      primaryKey: 'bench-live-auth-key-0001',
      backupKey: 'bench-live-back-key-0001',
      ttlSeconds: 3600,
    })
    const stream = await services.liveStreams.create({
      tenantId: tenant.id,
      playDomainId: domain.id,
      streamName: 'bench',
      location: 'hls/bench.m3u8',
    })

    // (1) The API.
    const common = { accessKeyId: SECRET.id, secret: SECRET.key, videoId: HOST }
    const bareResult = await load({ ...common, base: bare.url, mode: 'bare' })
    const describe = await load({ ...common, base: pg.url, mode: 'tencent' })
    if (Object.keys(describe.statuses).some((status) => status !== '200'))
      throw new Error(`DescribeLivePlayAuthKey answered ${JSON.stringify(describe.statuses)}`)
    const rps = (r: LoadResult) => r.requests / r.seconds
    const apiRows: [string, LoadResult][] = [
      ['bare Fastify GET / (JSON, no work)', bareResult],
      ['DescribeLivePlayAuthKey, TC3 POST, SQLite file', describe],
    ]
    table(
      [
        'loopback HTTP/1.1 keep-alive',
        'req/s',
        'vs bare',
        'vs 500/s',
        'p50 ms',
        'p99 ms',
        'CPU µs',
      ],
      apiRows.map(([name, r]) => [
        name,
        fmt(rps(r)),
        (rps(r) / rps(bareResult)).toFixed(3),
        (rps(r) / VENDOR_LIMIT).toFixed(1),
        r.p50.toFixed(2),
        r.p99.toFixed(2),
        r.cpuMicros === undefined ? '-' : r.cpuMicros.toFixed(0),
      ]),
    )
    console.log(
      `\nEach DescribeLivePlayAuthKey: TC3-HMAC-SHA256 signed by the client (fresh timestamp), ` +
        'verified (scope, host without port, raw body hash), limiter counted, key and domain read ' +
        `from the database, Tencent envelope written. 16 in flight, ${SECONDS} s after 1 s warm-up; ` +
        `"vs 500/s": Tencent's published per-account limit. CPU: server thread µs per request.`,
    )

    // (2) The live edge.
    const nginxBin = findNginx()
    if (!hasWrk() || !nginxBin) {
      console.log('\nlive edge rows skipped: wrk or nginx not installed')
      return
    }
    const urls = await services.liveStreams.mintUrls(stream.id, { ttlSeconds: 3600 })
    const playlist = new URL(urls.m3u8)
    const token = playlist.search
    const prefix = `${pg.edgeUrl}/play/${HOST}`
    const port = await freePort()
    const nginx = await startNginx(
      nginxBin,
      port,
      `server { listen 127.0.0.1:${port}; root ${join(dataDir, 'media')};
         location ~ \\.m3u8$ { add_header Cache-Control no-cache; } }`,
    )
    stopNginx = () => nginx.stop()
    const worker = nginxWorkerPid(nginx.pid)
    const nginxCpu = () => (worker === undefined ? undefined : processCpuMs(worker))
    const cases: [string, string, string][] = [
      [
        'live playlist (txSecret, rewritten)',
        `${prefix}/live/bench.m3u8${token}`,
        `${nginx.base}/hls/bench.m3u8`,
      ],
      [
        'live segment, 113 KB (txSecret)',
        `${prefix}/live/bench/bench-42.ts${token}`,
        `${nginx.base}/hls/bench-42.ts`,
      ],
    ]
    const rows: string[][] = []
    for (const [label, pgUrl, nginxUrl] of cases) {
      const check = await fetch(pgUrl)
      await check.arrayBuffer()
      if (check.status !== 200) throw new Error(`${label}: PlayGate answered ${check.status}`)
      await wrk(pgUrl, 1)
      const a = await wrk(pgUrl, WRK_SECONDS, threadCpuMs)
      const b = await wrk(nginxUrl, WRK_SECONDS, nginxCpu)
      rows.push([
        label,
        fmt(a.rps) + (a.errors ? ' !' : ''),
        a.p99,
        a.cpuMicros === undefined ? '-' : a.cpuMicros.toFixed(0),
        fmt(b.rps) + (b.errors ? ' !' : ''),
        b.p99,
        b.cpuMicros === undefined ? '-' : b.cpuMicros.toFixed(0),
        (a.rps / b.rps).toFixed(2),
      ])
      for (const r of [a, b]) if (r.errors) console.log(`  ${label}: ${r.errors}`)
    }
    console.log(
      `\nwrk -t1 -c32 -d${WRK_SECONDS}s, 127.0.0.1, ${availableParallelism()} CPUs shared by wrk, ` +
        'nginx (1 worker) and Node. PlayGate checks txSecret (md5, AuthKey or AuthBackKey), resolves ' +
        'the stream, re-reads and rewrites the playlist (fresh at most 1 s); nginx serves the same ' +
        'files as they are, with no check (it cannot verify txSecret on its own).',
    )
    table(
      [
        'live edge requests',
        'PlayGate r/s',
        'p99',
        'CPU µs',
        'nginx r/s',
        'p99',
        'CPU µs',
        'ratio',
      ],
      rows,
    )
  } finally {
    await stopNginx()
    await bare.app.close()
    await pg.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
