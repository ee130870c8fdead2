// Throughput across replicas: GetVideoPlayAuth through a local nginx load balancer to one, then
// two PlayGate replicas (each a process of its own) on one PostgreSQL database and one Redis, as
// aggregate req/s and the replicas' CPU per request, in interleaved rounds of one run. Skipped
// without PostgreSQL + Redis (bench/_backends.ts) or nginx. BENCH_SECONDS bounds each phase.
import { randomBytes } from 'node:crypto'
import { DEMO } from '../src/services/demo.ts'
import { findNginx, freePort, startNginx, type RunningNginx } from '../test/edge/nginx-harness.ts'
import { benchBackends } from './_backends.ts'
import { reportRatio } from './_ratios.ts'
import { processCpuMs } from './_thread-cpu.ts'
import { startReplica, type Replica } from './_child-server.ts'
import { KEY, load, type LoadResult } from './aliyun.ts'

const ROUNDS = 2
// Enough in flight to keep two replicas busy (the same for both rows).
const CONCURRENCY = 32

/** nginx with one upstream of the given replicas (round robin, keep-alive to each). */
export async function balancer(bin: string, replicas: readonly Replica[]): Promise<RunningNginx> {
  const port = await freePort()
  const servers = replicas.map((r) => `    server ${new URL(r.url).host};`).join('\n')
  return startNginx(
    bin,
    port,
    `
  upstream playgate {
${servers}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://playgate;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }
  }`,
  )
}

const sum = (values: readonly (number | undefined)[]) =>
  values.some((v) => v === undefined) ? undefined : values.reduce((a, b) => a! + b!, 0)

export async function run(): Promise<void> {
  const bin = findNginx()
  const backends = await benchBackends()
  if (!bin || !backends) {
    console.log(
      `(replicas bench skipped: ${bin ? '' : 'nginx '}${backends ? '' : 'PostgreSQL + Redis '}not available)`,
    )
    await backends?.drop()
    return
  }
  const env = {
    PLAYGATE_DATABASE_URL: backends.databaseUrl,
    PLAYGATE_REDIS_URL: backends.redisUrl,
    // Every replica opens the same sealed keys.
    PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
  }
  const replicas: Replica[] = []
  const balancers: RunningNginx[] = []
  try {
    replicas.push(await startReplica({ ...env, BENCH_SEED: '1' }))
    replicas.push(await startReplica(env))
    const one = await balancer(bin, replicas.slice(0, 1))
    balancers.push(one)
    const two = await balancer(bin, replicas)
    balancers.push(two)
    const common = { accessKeyId: KEY.id, secret: KEY.secret, videoId: DEMO.videoId }
    const measure = async (lb: RunningNginx, count: number) => {
      const serving = replicas.slice(0, count)
      const result = await load(
        { ...common, base: lb.base, mode: 'aliyun' },
        {
          concurrency: CONCURRENCY,
          serverCpuMs: () => sum(serving.map((r) => processCpuMs(r.pid))),
        },
      )
      if (Object.keys(result.statuses).some((status) => status !== '200'))
        throw new Error(`GetVideoPlayAuth answered ${JSON.stringify(result.statuses)}`)
      return result
    }
    const rounds: { one: LoadResult; two: LoadResult }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved (1, 2, 2, 1 …) so a change in the machine's other load hits both rows.
      if (round % 2 === 0) {
        const a = await measure(one, 1)
        rounds.push({ one: a, two: await measure(two, 2) })
      } else {
        const b = await measure(two, 2)
        rounds.push({ one: await measure(one, 1), two: b })
      }
    }
    const rps = (r: LoadResult) => r.requests / r.seconds
    for (const [i, r] of rounds.entries())
      console.log(
        `round ${i + 1}: 1 replica ${Math.round(rps(r.one))} req/s, 2 replicas ${Math.round(rps(r.two))} req/s`,
      )
    const mean = (pick: (x: { one: LoadResult; two: LoadResult }) => number | undefined) => {
      const values = rounds.map(pick)
      return values.some((v) => v === undefined)
        ? undefined
        : values.reduce((a, b) => a! + b!, 0)! / values.length
    }
    const oneRps = mean((r) => rps(r.one))!
    const twoRps = mean((r) => rps(r.two))!
    const oneCpu = mean((r) => r.one.cpuMicros)
    const twoCpu = mean((r) => r.two.cpuMicros)
    reportRatio('replicas2_vs_1', twoRps / oneRps)
    const rows = [
      ['1 replica behind nginx', oneRps, oneCpu, 1],
      ['2 replicas behind nginx', twoRps, twoCpu, twoRps / oneRps],
    ] as const
    console.log(
      "GetVideoPlayAuth, PostgreSQL + Redis       req/s  vs 1 replica  replicas' CPU µs/req",
    )
    for (const [name, value, cpu, ratio] of rows)
      console.log(
        `${name.padEnd(40)} ${Math.round(value).toLocaleString('en-US').padStart(6)}  ${ratio.toFixed(3).padStart(12)}  ${(cpu === undefined ? '-' : cpu.toFixed(0)).padStart(21)}`,
      )
    console.log(
      `\nnginx (1 worker, round robin, keep-alive upstream) in front of each row; ${CONCURRENCY} ` +
        `in flight from a worker thread of this process; mean of ${ROUNDS} interleaved rounds ` +
        "of BENCH_SECONDS; audit strict, nonces and rate counts in Redis. CPU: the replicas' main " +
        'threads together (Linux schedstat), per request. On a machine with two cores the ' +
        'load generator, nginx and PostgreSQL share them with the replicas.',
    )
  } finally {
    for (const lb of balancers) await lb.stop()
    for (const replica of replicas) await replica.stop()
    await backends.drop()
  }
}
