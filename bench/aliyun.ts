// Aliyun GetVideoPlayAuth end to end over loopback HTTP (V1 signature verified, nonce checked,
// throttle counted, video looked up, PlayAuth minted, audit row written), beside a bare Fastify
// route measured by the same client in the same run, as a ratio. BENCH_SECONDS bounds each phase.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import Fastify, { type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { createRuntime } from '../src/compose.ts'
import { loadConfig } from '../src/config/load.ts'
import { buildApp } from '../src/http/app.ts'
import { createMetrics } from '../src/http/shared/metrics.ts'
import { DEMO, seedDemo } from '../src/services/demo.ts'
import { benchBackends } from './_backends.ts'
import type { ClientJob, ClientResult, WindowMark } from './_loopback-client.ts'
import { reportRatio } from './_ratios.ts'
import { cpuMicrosPerRequest, threadCpuMs } from './_thread-cpu.ts'

const REPO = resolve(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONCURRENCY = 16
export const KEY = { id: 'LTAIbenchmark0000001', secret: 'bench-secret-0123456789' }

export interface LoadResult extends ClientResult {
  /** Server (this thread) CPU time per request over the measured window, µs. */
  readonly cpuMicros: number | undefined
}

/**
 * Runs the load generator in a worker thread (with tsx, so it can import the signer), reading this
 * thread's CPU time when the worker opens and closes the measured window.
 */
export function load(
  job: Omit<ClientJob, 'warmupMs' | 'durationMs' | 'concurrency'>,
  options: {
    /** Requests in flight (16 by default). */
    readonly concurrency?: number
    /** The server's CPU time in ms (by default this thread's: the server runs in it). */
    readonly serverCpuMs?: () => number | undefined
    /** Called as the measured window opens and closes (a profiler starts and stops on it). */
    readonly onWindow?: (mark: WindowMark['mark']) => void
  } = {},
): Promise<LoadResult> {
  const full: ClientJob = {
    ...job,
    warmupMs: 1000,
    durationMs: SECONDS * 1000,
    concurrency: options.concurrency ?? CONCURRENCY,
  }
  const serverCpuMs = options.serverCpuMs ?? threadCpuMs
  // A worker's entry cannot be .ts by itself: register tsx in it first, then import the client.
  const client = new URL('./_loopback-client.ts', import.meta.url).href
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(client)}) })`,
    { eval: true, workerData: full },
  )
  const cpu: { start?: number; end?: number } = {}
  return new Promise((resolvePromise, rejectPromise) => {
    type Message = WindowMark | { ok: boolean; result?: ClientResult; error?: string }
    worker.on('message', (m: Message) => {
      if ('mark' in m) {
        cpu[m.mark] = serverCpuMs()
        options.onWindow?.(m.mark)
        return
      }
      void worker.terminate()
      if (!m.ok) return rejectPromise(new Error(m.error))
      const result = m.result!
      resolvePromise({
        ...result,
        cpuMicros: cpuMicrosPerRequest(cpu.start, cpu.end, result.requests),
      })
    })
    worker.once('error', rejectPromise)
  })
}

export async function bareFastify(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify()
  // About the size and shape of a JSON answer, without any work behind it.
  app.get('/', () => ({
    RequestId: '25818875-5F78-4A13-BEF6-D7393642CA58',
    PlayAuth: 'x'.repeat(900),
  }))
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) }
}

/**
 * `logs`: at info (the default level) into /dev/null, else off. `seed`: the demo tenant, video and
 * the bench's access key (a second replica on the same database finds them there).
 */
export async function playGate(
  dataDir: string,
  databaseUrl?: string,
  logs = false,
  env: Record<string, string> = {},
  seed = true,
) {
  const config = loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_MEDIA_ROOT: join(REPO, 'media'),
      PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
      PLAYGATE_LOG_LEVEL: logs ? 'info' : 'silent',
      PLAYGATE_DEMO_ENABLED: 'false',
      ...(databaseUrl ? { PLAYGATE_DATABASE_URL: databaseUrl } : {}),
      // The limiter still counts every request; 360 QPS would only measure refusals.
      PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH: '1000000000',
      ...env,
    },
  })
  const runtime = await createRuntime(config)
  if (seed) {
    await seedDemo(runtime.services)
    await runtime.services.accessKeys.issue({
      tenantId: DEMO.tenantId,
      protocol: 'aliyun',
      keyId: KEY.id,
      secret: KEY.secret,
    })
  }
  const app = await buildApp({
    config,
    services: runtime.services,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
    ...(logs ? { logStream: pino.destination({ dest: '/dev/null', sync: true }) } : {}),
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    app,
    runtime,
    async close() {
      await app.close()
      await runtime.close()
    },
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-aliyun-'))
  const bare = await bareFastify()
  const common = { accessKeyId: KEY.id, secret: KEY.secret, videoId: DEMO.videoId }
  try {
    const bareResult = await load({ ...common, base: bare.url, mode: 'bare' })
    const measured: [string, LoadResult][] = [['bare Fastify GET / (JSON, no work)', bareResult]]
    // The default SQLite file, and in memory: the audit row each PlayAuth writes is a commit
    // (strict: each answer waits for it, concurrent ones sharing it; batched: every 50 ms).
    const batched = { PLAYGATE_AUDIT_DURABILITY: 'batched' }
    const DEFAULT_ROW = 'GetVideoPlayAuth, SQLite file (default, audit strict)'
    const PG_ROW = 'GetVideoPlayAuth, PostgreSQL + Redis (audit strict)'
    const backends = await benchBackends()
    const rowsToRun: [string, string | undefined, boolean, Record<string, string>][] = [
      [DEFAULT_ROW, undefined, false, {}],
      ['GetVideoPlayAuth, SQLite file, audit batched', undefined, false, batched],
      ['GetVideoPlayAuth, SQLite :memory:', 'sqlite::memory:', false, {}],
      ['GetVideoPlayAuth, SQLite :memory:, log.level info', 'sqlite::memory:', true, {}],
    ]
    if (backends)
      rowsToRun.push([
        PG_ROW,
        backends.databaseUrl,
        false,
        { PLAYGATE_REDIS_URL: backends.redisUrl },
      ])
    else console.log('(PostgreSQL + Redis row skipped: set PLAYGATE_BENCH_PG_URL and _REDIS_URL)')
    try {
      for (const [name, db, logs, env] of rowsToRun) {
        const pg = await playGate(mkdtempSync(join(dataDir, 'pg-')), db, logs, env)
        try {
          const result = await load({ ...common, base: pg.url, mode: 'aliyun' })
          if (Object.keys(result.statuses).some((status) => status !== '200'))
            throw new Error(`GetVideoPlayAuth answered ${JSON.stringify(result.statuses)}`)
          measured.push([name, result])
        } finally {
          await pg.close()
        }
      }
    } finally {
      await backends?.drop()
    }
    const byName = new Map(measured)
    const main = byName.get(DEFAULT_ROW)!
    const pgRow = byName.get(PG_ROW)
    reportRatio(
      'getvideoplayauth_vs_bare',
      main.requests / main.seconds / (bareResult.requests / bareResult.seconds),
    )
    if (main.cpuMicros !== undefined && bareResult.cpuMicros !== undefined)
      reportRatio('getvideoplayauth_cpu_vs_bare', main.cpuMicros / bareResult.cpuMicros)
    if (pgRow)
      reportRatio(
        'pg_redis_vs_sqlite',
        pgRow.requests / pgRow.seconds / (main.requests / main.seconds),
      )
    const rps = (r: LoadResult) => r.requests / r.seconds
    const rows = measured.map(([name, r]) => [
      name,
      fmt(rps(r)),
      (rps(r) / rps(bareResult)).toFixed(3),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.cpuMicros === undefined ? '-' : r.cpuMicros.toFixed(0),
      r.cpuMicros === undefined || bareResult.cpuMicros === undefined
        ? '-'
        : (r.cpuMicros / bareResult.cpuMicros).toFixed(1),
    ])
    const headers = [
      'loopback HTTP/1.1 keep-alive',
      'req/s',
      'vs bare',
      'p50 ms',
      'p99 ms',
      'server CPU µs/req',
      'CPU vs bare',
    ]
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    for (const cells of [headers, ...rows])
      console.log(
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
      )
    console.log(
      `\nEach GetVideoPlayAuth: V1 signature verified, nonce recorded, throttle counted, key, ` +
        `video and domain looked up, PlayAuth minted, audit row written (strict unless said). ${CONCURRENCY} in ` +
        `flight, client in a worker thread, ${SECONDS} s per row after 1 s of warm-up; ` +
        'in-process shared state, logs off except in the last row (to /dev/null). Server CPU: on-CPU time of the server thread per ' +
        'request (Linux schedstat), which other load on the machine disturbs far less than req/s.',
    )
  } finally {
    await bare.app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
