// One PlayGate replica in a process of its own, for bench/replicas.ts (and bench/scale.ts under
// PLAYGATE_BENCH_SERVER=tsx; not a bench: `run.ts` skips `_` files). Settings come from the
// environment (the same database, Redis and master key for every replica); BENCH_SEED=1 seeds the
// demo catalog and the bench's access key. It tells its parent its URL over IPC and stops when the
// parent says so or goes away.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tuneHeapForServing } from '../src/platform/node/heap-tuning.ts'
import { playGate } from './aliyun.ts'

// As `playgate serve` does: this process stands in for one.
tuneHeapForServing(process.env.NODE_OPTIONS)

const dataDir = mkdtempSync(join(tmpdir(), 'playgate-replica-'))
// What every replica shares (playGate otherwise draws a master key of its own).
const SHARED = [
  'PLAYGATE_REDIS_URL',
  'PLAYGATE_SECRETS_MASTER_KEY',
  'PLAYGATE_AUDIT_DURABILITY',
  'PLAYGATE_MEDIA_ROOT',
]
const env: Record<string, string> = {}
for (const name of SHARED) if (process.env[name] !== undefined) env[name] = process.env[name]
const server = await playGate(
  dataDir,
  process.env.PLAYGATE_DATABASE_URL,
  false,
  env,
  process.env.BENCH_SEED === '1',
)
const stop = async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
process.on('message', (message) => {
  if (message === 'stop') void stop()
})
process.on('disconnect', () => void stop())
process.send?.({ url: server.url })
