// Polyv video-setting-page end to end over loopback HTTP (path userid looked up, v2 SHA-1 sign
// checked, ptime window, replay guard, per-IP limit counted, vid resolved, sealed password
// opened), beside a bare Fastify route in the same run; then wrong play passwords posted to the
// native unlock route as fast as one attacker can, alone and while video-setting-page traffic
// runs, to show the throttle refusing them without slowing the others. BENCH_SECONDS per phase,
// BENCH_ROUNDS interleaved rounds; the server thread's CPU per request is read beside req/s,
// since on a shared machine it moves far less than the rates do.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import Fastify from 'fastify'
import { createRuntime } from '../src/compose.ts'
import { loadConfig } from '../src/config/load.ts'
import { buildApp } from '../src/http/app.ts'
import { createMetrics } from '../src/http/shared/metrics.ts'
import type { PolyvJob, PolyvResult } from './_polyv-client.ts'
import { reportRatio } from './_ratios.ts'
import { cpuMicrosPerRequest, threadCpuMs } from './_thread-cpu.ts'

const REPO = resolve(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ACCOUNT = { userid: '1b448be323', secret: 'bench-polyv-secret-0001' }
const VID = '1b448be323b452641878b54f21241188_1'

type Job = Omit<PolyvJob, 'warmupMs' | 'durationMs'>

/** Runs one client worker; `onMark` hears when its measured window starts and ends. */
function load(job: Job, onMark?: (m: 'start' | 'end') => void): Promise<PolyvResult> {
  const client = new URL('./_polyv-client.ts', import.meta.url).href
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(client)}) })`,
    { eval: true, workerData: { ...job, warmupMs: 1000, durationMs: SECONDS * 1000 } },
  )
  return new Promise((done, fail) => {
    worker.on(
      'message',
      (m: { mark?: 'start' | 'end'; ok?: boolean; result?: PolyvResult; error?: string }) => {
        if (m.mark) return onMark?.(m.mark)
        void worker.terminate()
        if (m.ok) done(m.result!)
        else fail(new Error(m.error))
      },
    )
    worker.once('error', fail)
  })
}

/** A row: the client's result and the server thread's CPU over its measured window. */
interface Row {
  readonly result: PolyvResult
  /** Server (main thread) CPU µs per request of this client; undefined without /proc. */
  readonly cpuUs: number | undefined
  /** Share of the window the server thread was on a CPU (below 1: it waited for a core). */
  readonly busy: number | undefined
}

/** Runs `main` (and `beside` at the same time); server CPU is read over `main`'s window. */
async function measure(main: Job, beside?: Job): Promise<[Row, PolyvResult | undefined]> {
  let from: number | undefined
  let to: number | undefined
  const mark = (m: 'start' | 'end') => {
    if (m === 'start') from = threadCpuMs()
    else to = threadCpuMs()
  }
  const [result, other] = await Promise.all([load(main, mark), beside ? load(beside) : undefined])
  const busy =
    from === undefined || to === undefined ? undefined : (to - from) / (result.seconds * 1000)
  return [{ result, cpuUs: cpuMicrosPerRequest(from, to, result.requests), busy }, other]
}

async function playGate(dataDir: string) {
  const config = loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_MEDIA_ROOT: join(REPO, 'media'),
      PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
      PLAYGATE_LOG_LEVEL: 'silent',
      PLAYGATE_DEMO_ENABLED: 'false',
      // The per-IP limit still counts every request; 1,500 / 10 s would only measure refusals.
      PLAYGATE_POLYV_IP_LIMIT_PER10_SECONDS: '1000000000',
    },
  })
  const runtime = await createRuntime(config)
  const { services } = runtime
  await services.tenants.create({ id: 'tn_polyv', name: 'Polyv bench' })
  await services.accessKeys.issue({
    tenantId: 'tn_polyv',
    protocol: 'polyv',
    keyId: ACCOUNT.userid,
    secret: ACCOUNT.secret,
  })
  await services.playDomains.create({
    tenantId: 'tn_polyv',
    host: 'polyv.playgate.local',
    scheme: 'aliyun-a',
    isDefault: true,
  })
  const video = await services.videos.create({
    tenantId: 'tn_polyv',
    title: 'Bench',
    status: 'Normal',
  })
  await services.videos.addAlias(video.id, { vendor: 'polyv', alias: VID })
  await services.videos.addStream({ videoId: video.id, location: 'demo/mp4/demo.mp4' })
  await services.playPasswords.set(video.id, 'the-right-one')
  const app = await buildApp({
    config,
    services,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    videoId: video.id,
    async close() {
      await app.close()
      await runtime.close()
    },
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const rps = (r: PolyvResult) => r.requests / r.seconds
const cpu = (us: number | undefined) => (us === undefined ? '-' : us.toFixed(0))
const pct = (x: number | undefined) => (x === undefined ? '-' : `${(x * 100).toFixed(0)} %`)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

function printTable(headers: string[], table: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)))
  for (const cells of [headers, ...table])
    console.log(
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
    )
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-polyv-'))
  const bare = Fastify()
  bare.get('/', () => ({ code: 200, status: 'success', message: 'success', data: { vids: VID } }))
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })
  const pg = await playGate(dataDir)
  const common = { ...ACCOUNT, vid: VID, videoId: pg.videoId, concurrency: 16 }
  const page: Job = { ...common, base: pg.url, mode: 'setting-page' }
  const attack: Job = { ...common, base: pg.url, mode: 'unlock-attack' }
  try {
    const [bareRow] = await measure({ ...common, base: bareUrl, mode: 'bare' })
    const vsBare = (r: Row) => (rps(r.result) / rps(bareRow.result)).toFixed(3)
    const cells = (name: string, r: Row, beside?: PolyvResult, perRequest = true) => [
      name,
      fmt(rps(r.result)),
      vsBare(r),
      perRequest ? cpu(r.cpuUs) : '-',
      pct(r.busy),
      beside ? fmt(rps(beside)) : '-',
    ]
    const rows: string[][] = [cells('bare Fastify GET / (JSON, no work)', bareRow)]
    // Rounds interleave the three phases, so load from elsewhere on the machine falls on all.
    const ratios: number[] = []
    const costs: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const [alone] = await measure(page)
      const [attacked] = await measure(attack)
      const [during, attacker] = await measure(page, attack)
      const statuses = Object.entries(attacked.result.statuses)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ')
      rows.push(
        cells(`${round}: video-setting-page alone`, alone),
        cells(`${round}: unlock, wrong passwords, alone (${statuses})`, attacked),
        // The server's CPU then also serves the attacker: no per-request figure.
        cells(`${round}: video-setting-page while attacked`, during, attacker, false),
      )
      ratios.push(rps(during.result) / rps(alone.result))
      if (alone.cpuUs !== undefined && attacked.cpuUs !== undefined)
        costs.push(attacked.cpuUs / alone.cpuUs)
    }
    printTable(
      [
        'loopback, 16 in flight',
        'req/s',
        'vs bare',
        'server CPU µs/req',
        'server busy',
        'attack req/s beside',
      ],
      rows,
    )
    const ratio = median(ratios)
    const cost = median(costs)
    reportRatio('polyv.page-under-attack', ratio)
    if (costs.length > 0) reportRatio('polyv.refusal-cpu-per-page-request', cost)
    console.log(
      `\nvideo-setting-page under attack runs at ${ratios.map((r) => (r * 100).toFixed(0) + ' %').join(', ')} ` +
        `of its rate alone (median ${(ratio * 100).toFixed(0)} %); a refused attempt costs the server ` +
        `${costs.length > 0 ? cost.toFixed(3) : '-'} of a page request's CPU (median of the rounds). ` +
        'Each page request: path userid, v2 SHA-1 sign, ptime, replay guard, per-IP counter, vid ' +
        'lookup, sealed password opened. Each refused attempt (429 after the first few 403s): ' +
        "answered from the replica's memory of the block and counted in one audit event per 10 s " +
        `window. ${SECONDS} s per row after 1 s warm-up, ${ROUNDS} interleaved rounds, clients in ` +
        'worker threads, in-process shared state, logs off.',
    )
  } finally {
    await pg.close()
    await bare.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
