// Scale of data: one SQLite file grown to 1k, 100k and 1M videos across 10k play domains (all
// generated here, nothing committed), and at each size GetVideoPlayAuth for random videos and
// edge requests on random domains, with the server's CPU per request and its RSS: the server runs
// in a process of its own on the same file, apart from the generator and the load generator.
// PLAYGATE_BENCH_MAX_VIDEOS caps the largest size (default 1,000,000); BENCH_SECONDS each phase.
// The server runs the compiled dist/ as `npm start` does (built first); PLAYGATE_BENCH_SERVER=tsx
// runs it from the sources through tsx instead. PLAYGATE_BENCH_FRESH_SERVER=1 starts a new server
// for each size, so each RSS is that catalog's alone rather than the run's so far.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { PlayDomainWithKeys } from '../src/core/model.ts'
import { createPlayUrls } from '../src/services/play-urls.ts'
import { DEMO } from '../src/services/demo.ts'
import { compiledOnce } from '../src/storage/repositories/compiled.ts'
import { startReplica, startServe, type Replica } from './_child-server.ts'
import { reportRatio } from './_ratios.ts'
import { processCpuMs } from './_thread-cpu.ts'
import { KEY, load, playGate, type LoadResult } from './aliyun.ts'

const MAX_VIDEOS = Number(process.env.PLAYGATE_BENCH_MAX_VIDEOS ?? 1_000_000)
const SIZES = [1_000, 100_000, 1_000_000].filter((n) => n <= MAX_VIDEOS)
const DOMAINS = 10_000
const FRESH_SERVER = process.env.PLAYGATE_BENCH_FRESH_SERVER === '1'
const SERVER = process.env.PLAYGATE_BENCH_SERVER
const NODE_OPTIONS = (process.env.PLAYGATE_BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean)
/** Videos and domains the load picks from at random (a sample: the client runs in a worker). */
const SAMPLE = 5_000
const ROWS_PER_INSERT = 500

const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1_000}k`)
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
/** A 32-hex video id per index, spread over the key space like real ids. */
const videoIdOf = (i: number) => createHash('md5').update(`bench-video-${i}`).digest('hex')
const hostOf = (i: number) => `d${i}.scale.playgate.test`

type Db = Awaited<ReturnType<typeof playGate>>['runtime']['services']['deps']['db']

// One multi-row insert compiled once: the generator writes through the same storage path.
const insertVideos = compiledOnce((db: Db) =>
  db.insertInto('videos').values(
    Array.from({ length: ROWS_PER_INSERT }, () => ({
      id: '',
      tenant_id: '',
      reference_id: '',
      title: '',
      description: '',
      tags: '[]',
      cover_url: null,
      duration: 0,
      size: 0,
      status: 'Normal',
      audit_status: 'Normal',
      settings: '{}',
      play_domain: '',
      created_at: 0,
      updated_at: 0,
    })),
  ),
)

async function addVideos(db: Db, from: number, to: number): Promise<void> {
  const now = Date.now()
  for (let start = from; start < to; start += 50_000) {
    const end = Math.min(to, start + 50_000)
    await db.transaction().execute(async (trx) => {
      for (let at = start; at < end; at += ROWS_PER_INSERT) {
        const parameters: unknown[] = []
        for (let i = at; i < at + ROWS_PER_INSERT; i++)
          parameters.push(
            ...[videoIdOf(i), DEMO.tenantId, `ref-${i}`, `Video ${i}`, '', '[]', null, 60.5],
            ...[1_000_000, 'Normal', 'Normal', '{}', hostOf(i % DOMAINS), now + i, now + i],
          )
        await insertVideos(trx, parameters)
      }
    })
  }
}

interface SizeRow {
  readonly videos: number
  readonly seconds: number
  readonly issuance: LoadResult
  readonly edge: LoadResult
  /** The server process's resident set after the loads, and its peak so far (MB). */
  readonly rssMb: number
  readonly peakRssMb: number
  /** Of its RSS, the anonymous memory; V8's heap (MB). */
  readonly anonMb: number
  readonly heapMb: number
  /** This process's (the generator's and the load generator's), for comparison. */
  readonly benchRssMb: number
}

/** A field of a /proc file in kB ("Name:   123 kB"), as MB. */
const mbOf = (text: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]) / 1024

/**
 * A process's memory (Linux /proc): VmRSS, VmHWM (its peak), the anonymous part of its RSS
 * (heap, malloc, stacks: not the binary and files mapped), and V8's heap as the server's own
 * /metrics tells it.
 */
async function memoryOf(server: Replica) {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const rollup = readFileSync(`/proc/${server.pid}/smaps_rollup`, 'utf8')
  const metrics = await (await fetch(`${server.url}/metrics`)).text()
  const heap = /^nodejs_heap_size_total_bytes (\S+)$/m.exec(metrics)?.[1]
  return {
    rssMb: mbOf(status, 'VmRSS'),
    peakRssMb: mbOf(status, 'VmHWM'),
    anonMb: mbOf(rollup, 'Anonymous'),
    heapMb: Number(heap) / 2 ** 20,
  }
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-scale-'))
  const media = join(dataDir, 'media')
  mkdirSync(join(media, 'bench'), { recursive: true })
  // The demo catalog the server seeds points into media/demo.
  cpSync(resolve(import.meta.dirname, '../media/demo'), join(media, 'demo'), { recursive: true })
  writeFileSync(
    join(media, 'bench', 'small.txt'),
    'PlayGate bench: a signed URL for a tiny file.\n',
  )
  // The generator writes through its own runtime on the file the server (started below) reads.
  const shared = {
    PLAYGATE_DATABASE_URL: `sqlite:${join(dataDir, 'data', 'playgate.db')}`,
    PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    PLAYGATE_MEDIA_ROOT: media,
  }
  const generator = await playGate(
    join(dataDir, 'data'),
    shared.PLAYGATE_DATABASE_URL,
    false,
    shared,
  )
  const { services } = generator.runtime
  const rows: SizeRow[] = []
  let server: Replica | undefined
  try {
    let started = performance.now()
    const domains: PlayDomainWithKeys[] = []
    for (let i = 0; i < DOMAINS; i += 200) {
      const batch = Array.from({ length: Math.min(200, DOMAINS - i) }, (_, k) =>
        services.playDomains.create({
          tenantId: DEMO.tenantId,
          host: hostOf(i + k),
          scheme: 'nginx-secure-link',
          ttlSeconds: 3600,
        }),
      )
      domains.push(...(await Promise.all(batch)))
    }
    console.log(
      `${fmt(DOMAINS)} play domains in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    const playUrls = createPlayUrls(services.deps)
    const edgePaths = Array.from({ length: Math.min(SAMPLE, DOMAINS) }, (_, k) => {
      const domain = domains[Math.floor((k * DOMAINS) / Math.min(SAMPLE, DOMAINS))]!
      return playUrls.signTarget(domain, '/bench/small.txt', 3600, {}, `/play/${domain.host}`)
        .target
    })
    const startServer = serverStarter({
      ...shared,
      PLAYGATE_DATA_DIR: join(dataDir, 'serve'),
      PLAYGATE_LOG_LEVEL: 'silent',
      PLAYGATE_DEMO_ENABLED: 'false',
      PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH: '1000000000',
    })
    server = await startServer()
    const serverCpuMs = () => processCpuMs(server!.pid)
    let have = 0
    for (const size of SIZES) {
      started = performance.now()
      await addVideos(services.deps.db, have, size)
      have = size
      const seconds = (performance.now() - started) / 1000
      // A server of its own per size: its RSS is then the catalog's, not the run's so far.
      if (FRESH_SERVER && size !== SIZES[0]) {
        await server.stop()
        server = await startServer()
      }
      const videoIds = Array.from({ length: Math.min(SAMPLE, size) }, (_, k) =>
        videoIdOf(Math.floor((k * size) / Math.min(SAMPLE, size))),
      )
      const common = { accessKeyId: KEY.id, secret: KEY.secret, videoId: DEMO.videoId }
      const issuance = await load(
        { ...common, videoIds, base: server.url, mode: 'aliyun' },
        { serverCpuMs },
      )
      const edge = await load(
        { ...common, paths: edgePaths, base: server.url, mode: 'get' },
        { serverCpuMs },
      )
      for (const [what, r] of [
        ['GetVideoPlayAuth', issuance],
        ['edge', edge],
      ] as const)
        if (Object.keys(r.statuses).some((status) => status !== '200'))
          throw new Error(`${what} at ${label(size)} answered ${JSON.stringify(r.statuses)}`)
      rows.push({
        videos: size,
        seconds,
        issuance,
        edge,
        ...(await memoryOf(server)),
        benchRssMb: process.memoryUsage().rss / 2 ** 20,
      })
    }
  } finally {
    await server?.stop()
    await generator.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  print(rows)
}

/**
 * How the bench starts its server: `playgate serve` from the compiled dist/ (built first), as a
 * user runs it, with PLAYGATE_BENCH_NODE_OPTIONS' flags; or, with PLAYGATE_BENCH_SERVER=tsx, a
 * replica running the sources through tsx. The catalog (the demo tenant and the bench's access
 * key included) is already in the file, written by the generator.
 */
function serverStarter(env: Record<string, string>): () => Promise<Replica> {
  if (SERVER === 'tsx') return () => startReplica(env)
  const build = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/build.js')], {
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('bin/build.js failed: the server has no dist/ to run')
  return () => startServe(env, NODE_OPTIONS)
}

function print(rows: readonly SizeRow[]): void {
  const base = rows[0]!
  const rps = (r: LoadResult) => r.requests / r.seconds
  const cpu = (r: LoadResult) => (r.cpuMicros === undefined ? '-' : r.cpuMicros.toFixed(0))
  const headers = ['videos (10k domains)', 'insert s', 'PlayAuth r/s', 'vs 1k', 'CPU µs']
  headers.push('edge r/s', 'vs 1k', 'CPU µs', 'server RSS MB', 'peak', 'anon', 'V8 heap')
  headers.push('bench RSS')
  const table = rows.map((r) => [
    fmt(r.videos),
    r.seconds.toFixed(1),
    fmt(rps(r.issuance)),
    (rps(r.issuance) / rps(base.issuance)).toFixed(2),
    cpu(r.issuance),
    fmt(rps(r.edge)),
    (rps(r.edge) / rps(base.edge)).toFixed(2),
    cpu(r.edge),
    r.rssMb.toFixed(0),
    r.peakRssMb.toFixed(0),
    r.anonMb.toFixed(0),
    r.heapMb.toFixed(0),
    r.benchRssMb.toFixed(0),
  ])
  const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
  for (const cells of [headers, ...table])
    console.log(
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    )
  console.log(
    '\nOne SQLite file (default settings, audit strict) grown in place; GetVideoPlayAuth for a ' +
      'random video of a 5k sample spread over the catalog, edge GETs of a signed 47 B file on ' +
      'a random one of 5k domains (API listener). The server is a process of its own on the ' +
      `file, ${SERVER === 'tsx' ? 'a replica running the sources through tsx' : `\`playgate serve\` from the compiled dist/${NODE_OPTIONS.length ? ` (node ${NODE_OPTIONS.join(' ')})` : ''}`}` +
      `${FRESH_SERVER ? ', a new one for each size' : ''} ` +
      '(CPU: its main thread; RSS after the loads, and its peak so far; anon: the anonymous ' +
      'part of that RSS; V8 heap: its size, from /metrics); bench RSS is ' +
      'this process: the generator and the load generator thread. Insert: the generator, ' +
      'through the storage layer in 500-row statements.',
  )
  const last = rows[rows.length - 1]!
  if (last !== base) {
    const name = `${label(last.videos)}_vs_${label(base.videos)}`
    reportRatio(`issuance_${name}`, rps(last.issuance) / rps(base.issuance))
    reportRatio(`edge_${name}`, rps(last.edge) / rps(base.edge))
    if (last.issuance.cpuMicros && base.issuance.cpuMicros)
      reportRatio(`issuance_cpu_${name}`, last.issuance.cpuMicros / base.issuance.cpuMicros)
  }
  reportRatio('scale_server_max_rss_mb', Math.max(...rows.map((r) => r.peakRssMb)))
}
