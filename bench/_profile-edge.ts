// Profiling driver (run.ts skips `_` files): PlayGate's edge serving one signed 47-byte file
// under wrk for PROFILE_SECONDS, so `node --cpu-prof --import tsx bench/_profile-edge.ts` shows
// where an edge request's time goes. PROFILE_LISTENER=own uses the edge's own port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPlayUrls } from '../src/services/play-urls.ts'
import { startPlayGate, wrk } from './edge.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'playgate-prof-edge-'))
mkdirSync(join(dataDir, 'media', 'bench'), { recursive: true })
writeFileSync(
  join(dataDir, 'media', 'bench', 'small.txt'),
  'PlayGate bench: a signed URL for a tiny file.\n',
)
const pg = await startPlayGate(
  dataDir,
  process.env.PROFILE_LOG ? { PLAYGATE_LOG_LEVEL: process.env.PROFILE_LOG } : {},
)
try {
  const tenant = await pg.runtime.services.tenants.create({ name: 'bench' })
  const domain = await pg.runtime.services.playDomains.create({
    tenantId: tenant.id,
    host: 'bench.playgate.test',
    scheme: 'nginx-secure-link',
    primaryKey: 'bench-primary-key-0001',
    backupKey: 'bench-backup-key-0001',
    ttlSeconds: 3600,
  })
  const playUrls = createPlayUrls(pg.runtime.services.deps)
  const target = playUrls.signTarget(
    domain,
    '/bench/small.txt',
    3600,
    {},
    `/play/${domain.host}`,
  ).target
  const base = process.env.PROFILE_LISTENER === 'own' ? pg.edgeUrl : pg.url
  const url = `${base}${target}`
  const check = await fetch(url)
  if (check.status !== 200) throw new Error(`answered ${check.status}`)
  const r = await wrk(url, Number(process.env.PROFILE_SECONDS ?? 6))
  console.log(Math.round(r.rps), 'req/s', r.p99, r.errors ?? '')
} finally {
  await pg.close()
  rmSync(dataDir, { recursive: true, force: true })
}
