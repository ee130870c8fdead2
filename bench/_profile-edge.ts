// Profiling driver (run.ts skips `_` files): PlayGate's edge serving one signed 47-byte file
// under wrk for PROFILE_SECONDS, so `node --cpu-prof --import tsx bench/_profile-edge.ts` shows
// where an edge request's time goes. PROFILE_LISTENER=own uses the edge's own port.
import { startSignedFile, wrk } from './edge.ts'

const { pg, target, close } = await startSignedFile(
  process.env.PROFILE_LOG ? { PLAYGATE_LOG_LEVEL: process.env.PROFILE_LOG } : {},
)
try {
  const base = process.env.PROFILE_LISTENER === 'own' ? pg.edgeUrl : pg.url
  const url = `${base}${target}`
  const check = await fetch(url)
  if (check.status !== 200) throw new Error(`answered ${check.status}`)
  const r = await wrk(url, Number(process.env.PROFILE_SECONDS ?? 6))
  console.log(Math.round(r.rps), 'req/s', r.p99, r.errors ?? '')
} finally {
  await close()
}
