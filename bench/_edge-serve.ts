// Profiling driver (run.ts skips `_` files): PlayGate with the bench's signed 47 B file, kept
// serving until SIGINT/SIGTERM, so wrk, strace or perf can be pointed at it by hand. Prints the
// process id, the signed URL on the API listener and the same on the edge's own port.
import { startSignedFile, verifications } from './edge.ts'

// EDGE_SERVE_VERIFY=1: the in-process verify rows first, as `npm run bench -- edge` runs them.
if (process.env.EDGE_SERVE_VERIFY) verifications()
const { pg, target, close } = await startSignedFile()
const check = await fetch(`${pg.url}${target}`)
if (check.status !== 200) throw new Error(`answered ${check.status}`)
process.stdout.write(`pid ${process.pid}\nshared ${pg.url}${target}\nown ${pg.edgeUrl}${target}\n`)
const stop = async () => {
  await close()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
