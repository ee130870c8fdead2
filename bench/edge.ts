// Edge benchmarks: (1) in-process verifications per second for every URL scheme beside the bare
// MD5 and HMAC-SHA256 primitives; (2) requests per second with wrk against PlayGate's edge and,
// in the same run, nginx secure_link on the same files and the same signed URLs.
import { spawn, spawnSync } from 'node:child_process'
import { createHash, createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { createRuntime, type Runtime } from '../src/compose.ts'
import { loadConfig } from '../src/config/load.ts'
import type { PlayDomainWithKeys } from '../src/core/model.ts'
import type { RingKey } from '../src/core/schemes/url-scheme.ts'
import { URL_SCHEMES } from '../src/core/schemes/url-schemes.ts'
import { startEdge } from '../src/edge/server.ts'
import { buildApp } from '../src/http/app.ts'
import { createMetrics } from '../src/http/shared/metrics.ts'
import { nodeCrypto } from '../src/platform/node/crypto.ts'
import { createPlayUrls } from '../src/services/play-urls.ts'
import { fillTemplate, findNginx, freePort, startNginx } from '../test/edge/nginx-harness.ts'
import { startReplica } from './_child-server.ts'
import { reportRatio } from './_ratios.ts'
import { cpuMicrosPerRequest, processCpuMs, threadCpuMs } from './_thread-cpu.ts'

const REPO = resolve(import.meta.dirname, '..')
const VERIFY_MS = 500
const WRK_SECONDS = 3
const ROUNDS = 2
const WRK_CONNECTIONS = 32
const SEGMENT_BYTES = 44 * 1024

/**
 * Operations per second of `fn`'s own CPU time (this thread's schedstat; wall time where /proc is
 * missing), measured for about `ms` after a short warm-up: other load on the machine takes turns
 * on the core but does not count against `fn`.
 */
function opsPerSecond(fn: () => unknown, ms = VERIFY_MS): number {
  for (let i = 0; i < 2000; i++) fn()
  let count = 0
  const start = performance.now()
  const cpuStart = threadCpuMs()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 256; i++) fn()
    count += 256
    now = performance.now()
  }
  const cpuEnd = threadCpuMs()
  const spent = cpuStart !== undefined && cpuEnd !== undefined ? cpuEnd - cpuStart : now - start
  return count / (spent / 1000)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const us = (opsPerSec: number) => (1e6 / opsPerSec).toFixed(2)

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(line(headers))
  for (const row of rows) console.log(line(row))
}

export function verifications(): void {
  const target = '/v/abc/segment-001.ts'
  const now = Math.floor(Date.now() / 1000)
  const keys: RingKey[] = [
    { id: 'k1', secret: 'primary-key-0123456789' },
    { id: 'k2', secret: 'backup-key-0123456789' },
  ]
  const text = `${target}-${now}-0-0-${keys[0]!.secret}`
  const md5 = createHash('md5').update(text).digest('hex')
  const mac = createHmac('sha256', keys[0]!.secret).update(text).digest()
  const primitives: [string, () => unknown][] = [
    ['bare md5 hex (node:crypto)', () => createHash('md5').update(text).digest('hex') === md5],
    [
      'bare HMAC-SHA256 + timingSafeEqual',
      () => timingSafeEqual(createHmac('sha256', keys[0]!.secret).update(text).digest(), mac),
    ],
  ]
  const rows: string[][] = []
  const schemeRates: Record<string, number> = {}
  const md5Rate = opsPerSecond(primitives[0]![1])
  const hmacRate = opsPerSecond(primitives[1]![1])
  rows.push([primitives[0]![0], fmt(md5Rate), us(md5Rate), '1.00'])
  rows.push([primitives[1]![0], fmt(hmacRate), us(hmacRate), (hmacRate / md5Rate).toFixed(2)])
  // What the schemes now hash with (the port's hashText): shown beside the baseline, which stays
  // the createHash route every earlier figure was measured against.
  const oneShotRate = opsPerSecond(() => hash('md5', text) === md5)
  rows.push([
    'md5 hex, one-shot crypto.hash',
    fmt(oneShotRate),
    us(oneShotRate),
    (oneShotRate / md5Rate).toFixed(2),
  ])
  for (const [name, scheme] of Object.entries(URL_SCHEMES)) {
    const signed = scheme.sign(
      { target, key: keys[0]!, now, ttlSeconds: 1800, options: { rand: '0' } },
      nodeCrypto,
    )
    const input = { target: signed, keys, now, ttlSeconds: 1800, skewSeconds: 30 }
    if (!scheme.verify(input, nodeCrypto).ok) throw new Error(`${name} does not verify`)
    const rate = opsPerSecond(() => scheme.verify(input, nodeCrypto))
    rows.push([`verify ${name} (primary key)`, fmt(rate), us(rate), (rate / md5Rate).toFixed(2)])
    schemeRates[name] = rate
  }
  const md5Schemes = Object.keys(schemeRates).filter((name) => name !== 'native')
  reportRatio(
    'verify_md5_schemes_min_vs_md5',
    Math.min(...md5Schemes.map((n) => schemeRates[n]!)) / md5Rate,
  )
  if (schemeRates.native !== undefined)
    reportRatio('verify_native_vs_hmac', schemeRates.native / hmacRate)
  table(['in-process (per CPU second)', 'ops/s', 'µs/op', 'vs md5'], rows)
}

interface WrkResult {
  readonly rps: number
  readonly p99: string
  readonly errors: string | undefined
  /** CPU time of the server per request, µs (see `cpu`). */
  readonly cpuMicros: number | undefined
}

/**
 * Runs wrk against `url`; `cpu` reads the server's CPU time (ms) before and after, for a CPU per
 * request figure that other load on a shared machine disturbs far less than requests per second.
 */
export function wrk(
  url: string,
  seconds = WRK_SECONDS,
  cpu: () => number | undefined = () => undefined,
): Promise<WrkResult> {
  const args = ['-t1', `-c${WRK_CONNECTIONS}`, `-d${seconds}s`, '--latency', url]
  const cpuBefore = cpu()
  return new Promise((resolvePromise, rejectPromise) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.on('error', rejectPromise)
    child.on('exit', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)
      const p99 = /^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '?'
      const bad = /Non-2xx or 3xx responses: (\d+)|Socket errors: .*/.exec(out)?.[0]
      const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0)
      const cpuMicros = cpuMicrosPerRequest(cpuBefore, cpu(), requests)
      resolvePromise({ rps, p99, errors: bad, cpuMicros })
    })
  })
}

/** One row: `url` measured with `cpu` (this thread by default), beside nginx where it has one. */
interface Case {
  readonly label: string
  readonly url: string
  readonly cpu?: () => number | undefined
  readonly nginxUrl?: string
}

const best = (x: WrkResult, y: WrkResult) => (y.rps > x.rps ? y : x)
/** CPU per request varies less than req/s; the least of the rounds is the least disturbed one. */
const leastCpu = (x: number | undefined, y: number | undefined) =>
  x === undefined ? y : y === undefined ? x : Math.min(x, y)
const micros = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(0))

/** The nginx worker: the master's only child (Linux /proc). */
export function nginxWorkerPid(masterPid: number | undefined): number | undefined {
  if (masterPid === undefined) return undefined
  try {
    const children = readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, 'utf8')
    const pid = Number(children.trim().split(/\s+/)[0])
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

export const hasWrk = () => spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined

/**
 * Another API listener on `runtime`, logging at info (the default level) into /dev/null, with
 * edge.logRequests as given: what per-request log lines cost an edge request.
 */
async function loggingListener(runtime: Runtime, logRequests: boolean) {
  const config = {
    ...runtime.config,
    log: { ...runtime.config.log, level: 'info' as const },
    edge: { ...runtime.config.edge, logRequests },
  }
  const app = await buildApp({
    config,
    services: runtime.services,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
    logStream: pino.destination({ dest: '/dev/null', sync: true }),
  })
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) }
}

export async function startPlayGate(dataDir: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
      PLAYGATE_LOG_LEVEL: 'silent',
      PLAYGATE_DEMO_ENABLED: 'false',
      ...env,
    },
  })
  const runtime: Runtime = await createRuntime(config)
  const app: FastifyInstance = await buildApp({
    config,
    services: runtime.services,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const edge = await startEdge({ config, services: runtime.services }, 0)
  return {
    runtime,
    url,
    edgeUrl: edge.url,
    async close() {
      await edge.close()
      await app.close()
      await runtime.close()
    },
  }
}

/**
 * PlayGate in a data directory of its own serving the bench's 47 B file on one signed domain: the
 * profiling drivers' set-up. `target` is the signed `/play/<host>/…` path; close removes it all.
 */
export async function startSignedFile(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-edge-'))
  mkdirSync(join(dataDir, 'media', 'bench'), { recursive: true })
  writeFileSync(
    join(dataDir, 'media', 'bench', 'small.txt'),
    'PlayGate bench: a signed URL for a tiny file.\n',
  )
  const pg = await startPlayGate(dataDir, env)
  const { services } = pg.runtime
  const tenant = await services.tenants.create({ name: 'bench' })
  const domain = await services.playDomains.create({
    tenantId: tenant.id,
    host: 'bench.playgate.test',
    scheme: 'nginx-secure-link',
    primaryKey: 'bench-primary-key-0001',
    backupKey: 'bench-backup-key-0001',
    ttlSeconds: 3600,
  })
  const { target } = createPlayUrls(services.deps).signTarget(
    domain,
    '/bench/small.txt',
    3600,
    {},
    `/play/${domain.host}`,
  )
  const close = async () => {
    await pg.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { pg, target, close }
}

async function requests(): Promise<void> {
  const nginxBin = findNginx()
  if (!hasWrk() || !nginxBin) {
    console.log(
      `\nwrk rows skipped: ${hasWrk() ? '' : 'wrk '}${nginxBin ? '' : 'nginx '}not installed ` +
        '(apt-get install -y wrk nginx-light)',
    )
    return
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-'))
  const media = join(dataDir, 'media', 'bench')
  mkdirSync(media, { recursive: true })
  writeFileSync(join(media, 'small.txt'), 'PlayGate bench: a signed URL for a tiny file.\n')
  const segment = readFileSync(join(REPO, 'media/demo/hls/segment-000.ts'))
  writeFileSync(join(media, 'segment-44k.ts'), segment.subarray(0, SEGMENT_BYTES))
  cpSync(join(REPO, 'media/demo'), join(dataDir, 'media', 'demo'), { recursive: true })

  const pg = await startPlayGate(dataDir)
  const floor = await startReplica(
    { BARE_FILE: join(media, 'small.txt') },
    new URL('./_bare-http.ts', import.meta.url),
  )
  const quiet = await loggingListener(pg.runtime, false)
  const chatty = await loggingListener(pg.runtime, true)
  let stopNginx = async () => {}
  try {
    const tenant = await pg.runtime.services.tenants.create({ name: 'bench' })
    const create = (host: string, authEnabled: boolean): Promise<PlayDomainWithKeys> =>
      pg.runtime.services.playDomains.create({
        tenantId: tenant.id,
        host,
        scheme: 'nginx-secure-link',
        authEnabled,
        primaryKey: 'bench-primary-key-0001',
        backupKey: 'bench-backup-key-0001',
        ttlSeconds: 3600,
      })
    const signedDomain = await create('bench.playgate.test', true)
    const openDomain = await create('open.playgate.test', false)
    const playUrls = createPlayUrls(pg.runtime.services.deps)
    const prefix = `/play/${signedDomain.host}`
    // PlayGate signs the URL as delivered (under its `/play/<host>` prefix); nginx, serving the
    // host itself, is handed the same path signed without it.
    const sign = (path: string, under = '') =>
      playUrls.signTarget(signedDomain, path, 3600, {}, under).target

    const port = await freePort()
    const server = fillTemplate(readFileSync(join(REPO, 'docs/nginx/secure-link.conf'), 'utf8'), {
      'listen 80;': `listen 127.0.0.1:${port};`,
      '127.0.0.1:8080': new URL(pg.url).host,
      '/var/lib/playgate/data/media': join(dataDir, 'media'),
      'video.example.com': signedDomain.host,
      REPLACE_WITH_PRIMARY_KEY: signedDomain.keys.primary.secret,
      REPLACE_WITH_BACKUP_KEY: signedDomain.keys.backup!.secret,
      '/run/playgate-backup-key.sock': join(dataDir, 'backup.sock'),
    })
    const nginx = await startNginx(nginxBin, port, server)
    stopNginx = () => nginx.stop()
    const worker = nginxWorkerPid(nginx.pid)
    const nginxCpu = () => (worker === undefined ? undefined : processCpuMs(worker))

    const [small, smallHere] = [sign('/bench/small.txt'), sign('/bench/small.txt', prefix)]
    const [seg, segHere] = [sign('/bench/segment-44k.ts'), sign('/bench/segment-44k.ts', prefix)]
    const floorCpu = () => processCpuMs(floor.pid)
    const cases: Case[] = [
      {
        label: 'signed URL, 47 B file (API listener)',
        url: `${pg.url}${smallHere}`,
        nginxUrl: `${nginx.base}${small}`,
      },
      // Node's floor: what answering the same file from memory costs with nothing checked.
      {
        label: 'bare node:http, same 47 B from memory (own process, no check)',
        url: floor.url,
        cpu: floorCpu,
        nginxUrl: `${nginx.base}${small}`,
      },
      { label: 'signed URL, 47 B file (own edge port)', url: `${pg.edgeUrl}${smallHere}` },
      {
        label: 'open domain, 47 B file (no check)',
        url: `${pg.url}/play/${openDomain.host}/bench/small.txt`,
      },
      {
        label: 'signed URL, 44 KB segment',
        url: `${pg.url}${segHere}`,
        nginxUrl: `${nginx.base}${seg}`,
      },
      {
        label: 'signed 47 B, log.level info, edge.logRequests off (default)',
        url: `${quiet.url}${smallHere}`,
      },
      {
        label: 'signed 47 B, log.level info, edge.logRequests on',
        url: `${chatty.url}${smallHere}`,
      },
    ]
    /** Each row's best req/s and least CPU per request over the rounds, nginx's beside it. */
    const results = cases.map(() => ({
      own: undefined as WrkResult | undefined,
      ownCpu: undefined as number | undefined,
      nginx: undefined as WrkResult | undefined,
      nginxCpu: undefined as number | undefined,
    }))
    // Every listener and path warm (JIT, caches) before the first measurement, as nginx's are
    // from its first request: measured first and cold, the API listener's row came out slowest.
    for (const { label, url } of cases) {
      const check = await fetch(url)
      await check.arrayBuffer()
      if (check.status !== 200) throw new Error(`${label}: the server answered ${check.status}`)
      await wrk(url, 1)
    }
    // Rounds over every row in turn (each row's server, then nginx on the same file), best of
    // each: other load on the machine only ever slows a run down, and a busy spell then falls on
    // one round of every row rather than on every round of one.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, { url, cpu = threadCpuMs, nginxUrl }] of cases.entries()) {
        const r = results[index]!
        const a = await wrk(url, WRK_SECONDS, cpu)
        r.own = r.own ? best(r.own, a) : a
        r.ownCpu = leastCpu(r.ownCpu, a.cpuMicros)
        if (!nginxUrl) continue
        const b = await wrk(nginxUrl, WRK_SECONDS, nginxCpu)
        r.nginx = r.nginx ? best(r.nginx, b) : b
        r.nginxCpu = leastCpu(r.nginxCpu, b.cpuMicros)
      }
    }
    const rows: string[][] = []
    for (const [index, { label }] of cases.entries()) {
      const { own: a, ownCpu: aCpu, nginx: b, nginxCpu: bCpu } = results[index]!
      rows.push([
        label,
        fmt(a!.rps) + (a!.errors ? ' !' : ''),
        a!.p99,
        micros(aCpu),
        b ? fmt(b.rps) + (b.errors ? ' !' : '') : '-',
        b ? b.p99 : '-',
        micros(bCpu),
        b ? (a!.rps / b.rps).toFixed(2) : '-',
        aCpu !== undefined && bCpu !== undefined ? (bCpu / aCpu).toFixed(2) : '-',
      ])
      for (const r of [a, b]) if (r?.errors) console.log(`  ${label}: ${r.errors}`)
    }
    const [shared, bare, ownPort] = results
    const ratioOf = (name: string, x: number | undefined, y: number | undefined) => {
      if (x !== undefined && y !== undefined) reportRatio(name, x / y)
    }
    // Each against the nginx rounds of its own row. Every CPU ratio but the last reads as a
    // throughput ratio (the baseline's CPU per request over the measured row's), so
    // edge_vs_nginx_cpu ≈ edge_floor_node_http_vs_nginx_cpu × edge_vs_node_http_floor_cpu.
    ratioOf('edge_vs_nginx_rps', shared!.own!.rps, shared!.nginx!.rps)
    ratioOf('edge_vs_nginx_cpu', shared!.nginxCpu, shared!.ownCpu)
    ratioOf('edge_floor_node_http_vs_nginx_rps', bare!.own!.rps, bare!.nginx!.rps)
    ratioOf('edge_floor_node_http_vs_nginx_cpu', bare!.nginxCpu, bare!.ownCpu)
    ratioOf('edge_vs_node_http_floor_cpu', bare!.ownCpu, shared!.ownCpu)
    ratioOf('edge_own_port_vs_node_http_floor_cpu', bare!.ownCpu, ownPort!.ownCpu)
    ratioOf('edge_own_port_cpu_vs_shared', ownPort!.ownCpu, shared!.ownCpu)
    console.log(
      `\nwrk -t1 -c${WRK_CONNECTIONS} -d${WRK_SECONDS}s, best of ${ROUNDS} rounds over every row in turn, 127.0.0.1, ` +
        `${availableParallelism()} CPUs ` +
        '(wrk, nginx with 1 worker and Node share them); nginx verifies the same secure_link URLs. ' +
        "CPU: on-CPU µs per request of the Node thread (the bare node:http row: its own process's " +
        'main thread) and of the nginx worker (least of the ' +
        'rounds; Linux schedstat); "CPU ratio" = nginx CPU / the row\'s CPU: the throughput ratio if ' +
        'each were held back by nothing but its own CPU time. The log rows log to /dev/null.',
    )
    table(
      [
        'edge requests',
        'server r/s',
        'p99',
        'CPU µs',
        'nginx r/s',
        'p99',
        'CPU µs',
        'ratio',
        'CPU ratio',
      ],
      rows,
    )
  } finally {
    await stopNginx()
    await floor.stop()
    await quiet.app.close()
    await chatty.app.close()
    await pg.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function run(): Promise<void> {
  verifications()
  await requests()
}
