// Profiling driver (run.ts skips `_` files): the edge's lean handler without sockets, fake request
// and response objects, one signed 47 B GET after another, CPU µs of this thread per request. The
// handler's own work, apart from Node's HTTP stack and the machine's other load. LEAN_REPOS (comma-
// separated checkouts, this one by default) loads several versions side by side, in rounds in turn.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { threadCpuMs } from './_thread-cpu.ts'

type Handler = (req: unknown, res: unknown) => void

async function setup(repo: string) {
  const at = (path: string) => pathToFileURL(join(repo, path)).href
  const { startPlayGate } = (await import(at('bench/edge.ts'))) as typeof import('./edge.ts')
  const { startEdge } = (await import(
    at('src/edge/server.ts')
  )) as typeof import('../src/edge/server.ts')
  const { createPlayUrls } = (await import(
    at('src/services/play-urls.ts')
  )) as typeof import('../src/services/play-urls.ts')
  // Not bench/edge.ts's startSignedFile: an older checkout loaded beside this one may lack it.
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-lean-'))
  mkdirSync(join(dataDir, 'media', 'bench'), { recursive: true })
  writeFileSync(
    join(dataDir, 'media', 'bench', 'small.txt'),
    'PlayGate bench: a signed URL for a tiny file.\n',
  )
  const pg = await startPlayGate(dataDir)
  const edge = await startEdge({ config: pg.runtime.config, services: pg.runtime.services }, 0)
  const tenant = await pg.runtime.services.tenants.create({ name: 'bench' })
  const domain = await pg.runtime.services.playDomains.create({
    tenantId: tenant.id,
    host: 'bench.playgate.test',
    scheme: 'nginx-secure-link',
    primaryKey: 'bench-primary-key-0001',
    backupKey: 'bench-backup-key-0001',
    ttlSeconds: 3600,
  })
  const target = createPlayUrls(pg.runtime.services.deps).signTarget(
    domain,
    '/bench/small.txt',
    3600,
    {},
    `/play/${domain.host}`,
  ).target
  const handler = edge.app.server.listeners('request')[0] as Handler
  const close = async () => {
    await edge.close()
    await pg.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { repo, target, handler, results: [] as number[], close }
}

let status = 0
/** One GET through `handler`, resolved when the response ends. */
function once(target: string, handler: Handler): Promise<void> {
  return new Promise((done) => {
    const req = {
      method: 'GET',
      url: target,
      headers: { host: '127.0.0.1:8080', 'user-agent': 'wrk' },
      socket: { remoteAddress: '127.0.0.1' },
    }
    const res = {
      writeHead: (code: number) => (status = code),
      end: () => done(),
      once: () => undefined,
      on: () => undefined,
      socket: null,
      destroy: () => undefined,
    }
    handler(req, res)
  })
}

const repos = (process.env.LEAN_REPOS ?? resolve(import.meta.dirname, '..')).split(',')
const subjects = []
for (const repo of repos) subjects.push(await setup(repo))
const count = Number(process.env.LEAN_REQUESTS ?? 40_000)
try {
  for (const s of subjects) {
    for (let i = 0; i < 20_000; i++) await once(s.target, s.handler)
    if (status !== 200) throw new Error(`${s.repo} answered ${status}`)
  }
  // Bounded: LEAN_ROUNDS rounds of `count` requests per version.
  for (let round = 0; round < Number(process.env.LEAN_ROUNDS ?? 10); round++)
    for (const s of subjects) {
      const before = threadCpuMs()
      for (let i = 0; i < count; i++) await once(s.target, s.handler)
      const after = threadCpuMs()
      if (before !== undefined && after !== undefined)
        s.results.push(((after - before) * 1000) / count)
    }
  for (const s of subjects) {
    const sorted = [...s.results].sort((x, y) => x - y)
    const least = sorted[0]?.toFixed(2) ?? '-'
    const median = sorted[sorted.length >> 1]?.toFixed(2) ?? '-'
    process.stdout.write(`${s.repo}: µs/request least ${least}, median ${median}\n`)
  }
} finally {
  for (const s of subjects) await s.close()
}
