// Profiling driver (not a bench: `run.ts` skips `_` files): the :memory: GetVideoPlayAuth server
// under the bench's load for BENCH_SECONDS, so `node --cpu-prof --import tsx bench/_profile-aliyun.ts`
// profiles the server thread alone (the client runs in a worker with its own profile).
import { playGate, load, KEY } from './aliyun.ts'
import { DEMO } from '../src/services/demo.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'playgate-prof-'))
const pg = await playGate(
  dir,
  process.env.PROFILE_DB ?? 'sqlite::memory:',
  process.env.PROFILE_LOG === 'info',
)
try {
  const r = await load({
    accessKeyId: KEY.id,
    secret: KEY.secret,
    videoId: DEMO.videoId,
    base: pg.url,
    mode: 'aliyun',
  })
  console.log(Math.round(r.requests / r.seconds), 'req/s', r.statuses)
} finally {
  await pg.close()
  rmSync(dir, { recursive: true, force: true })
}
