// Profiling driver (not a bench: `run.ts` skips `_` files): the GetVideoPlayAuth server under the
// bench's load for BENCH_SECONDS, so `node --cpu-prof --import tsx bench/_profile-aliyun.ts`
// profiles the server thread alone (the client runs in a worker with its own profile).
// PROFILE_DB picks the database (default: the SQLite file, as `playgate serve` runs it; e.g.
// `sqlite::memory:`), PROFILE_LOG=info turns the request log on (to /dev/null), PROFILE_AUDIT=batched
// sets audit.durability, and
// PROFILE_TARGET=bare or =healthz profiles the bare Fastify route or PlayGate's /healthz instead.
// PROFILE_AREAS=1 (no --cpu-prof needed) samples the server thread over the measured window and
// prints its CPU per request by area (bench/_cpu-areas.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO } from '../src/services/demo.ts'
import { bareFastify, KEY, load, playGate } from './aliyun.ts'
import { cpuAreas, formatAreas, startProfile, type CpuProfile } from './_cpu-areas.ts'

const dir = mkdtempSync(join(tmpdir(), 'playgate-prof-'))
const target = process.env.PROFILE_TARGET ?? 'aliyun'
const common = { accessKeyId: KEY.id, secret: KEY.secret, videoId: DEMO.videoId }
const server =
  target === 'bare'
    ? await bareFastify().then(({ app, url }) => ({ url, close: () => app.close() }))
    : await playGate(
        dir,
        process.env.PROFILE_DB,
        process.env.PROFILE_LOG === 'info',
        process.env.PROFILE_AUDIT ? { PLAYGATE_AUDIT_DURABILITY: process.env.PROFILE_AUDIT } : {},
      )
const areas = process.env.PROFILE_AREAS === '1'
let stopping: Promise<() => Promise<CpuProfile>> | undefined
let profile: Promise<CpuProfile> | undefined
try {
  const r = await load(
    target === 'healthz'
      ? { ...common, base: server.url, mode: 'get', path: '/healthz' }
      : { ...common, base: server.url, mode: target === 'bare' ? 'bare' : 'aliyun' },
    {
      onWindow: (mark) => {
        if (!areas) return
        if (mark === 'start') stopping = startProfile()
        else profile = stopping?.then((stop) => stop())
      },
    },
  )
  console.log(
    Math.round(r.requests / r.seconds),
    'req/s',
    r.statuses,
    'server CPU µs/request',
    r.cpuMicros?.toFixed(0),
  )
  if (profile) console.log(formatAreas(cpuAreas(await profile), r.cpuMicros))
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
