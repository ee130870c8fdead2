// Profiling driver (run.ts skips `_` files): PlayGate with the bench's signed 47 B file, kept
// serving until SIGINT/SIGTERM, so wrk, strace or perf can be pointed at it by hand. Prints the
// process id, the signed URL on the API listener and the same on the edge's own port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPlayUrls } from '../src/services/play-urls.ts'
import { startPlayGate, verifications } from './edge.ts'

// EDGE_SERVE_VERIFY=1: the in-process verify rows first, as `npm run bench -- edge` runs them.
if (process.env.EDGE_SERVE_VERIFY) verifications()
const dataDir = mkdtempSync(join(tmpdir(), 'playgate-edge-serve-'))
mkdirSync(join(dataDir, 'media', 'bench'), { recursive: true })
writeFileSync(
  join(dataDir, 'media', 'bench', 'small.txt'),
  'PlayGate bench: a signed URL for a tiny file.\n',
)
const pg = await startPlayGate(dataDir)
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
const check = await fetch(`${pg.url}${target}`)
if (check.status !== 200) throw new Error(`answered ${check.status}`)
process.stdout.write(`pid ${process.pid}\nshared ${pg.url}${target}\nown ${pg.edgeUrl}${target}\n`)
const stop = async () => {
  await pg.close()
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
