// Profiling driver (not a bench: `run.ts` skips `_` files): GetVideoPlayAuth through Fastify's
// inject (no sockets), so `node --cpu-prof --import tsx bench/_profile-inject.ts` profiles the
// request pipeline alone, without the loopback's wake-ups and the scheduling a shared machine adds
// to a wall-clock profile. Requests are signed before each round (16 in flight, as the bench);
// PROFILE_DB picks the database (default: the SQLite file), PROFILE_LOG=info the request log.
// Prints the thread's CPU µs per request of each round, and of a bare Fastify route's round
// interleaved with it (same inject, same answer size), with their ratio (PROFILE_BARE=0: none).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatTimestamp } from '../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1 } from '../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../src/platform/node/crypto.ts'
import { DEMO } from '../src/services/demo.ts'
import Fastify, { type FastifyInstance } from 'fastify'
import { threadCpuMs } from './_thread-cpu.ts'
import { KEY, playGate } from './aliyun.ts'

const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 6)
const PER_ROUND = 3000
const IN_FLIGHT = 16

const signed = () =>
  '/?' +
  signedQueryV1(
    {
      method: 'GET',
      params: {
        AccessKeyId: KEY.id,
        Action: 'GetVideoPlayAuth',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomBytes(16).toString('hex'),
        SignatureVersion: '1.0',
        Timestamp: formatTimestamp(Date.now()),
        Version: '2017-03-21',
        VideoId: DEMO.videoId,
      },
      secret: KEY.secret,
    },
    nodeCrypto,
  )

const dir = mkdtempSync(join(tmpdir(), 'playgate-prof-inject-'))
const pg = await playGate(dir, process.env.PROFILE_DB, process.env.PROFILE_LOG === 'info')
// The bench's bare route (bench/aliyun.ts), answered through inject like PlayGate's.
const bare = process.env.PROFILE_BARE === '0' ? undefined : Fastify()
bare?.get('/', () => ({
  RequestId: '25818875-5F78-4A13-BEF6-D7393642CA58',
  PlayAuth: 'x'.repeat(900),
}))

/** CPU µs per request of one round of `urls` through `app`. */
async function round(app: FastifyInstance, urls: readonly string[]) {
  const before = threadCpuMs()
  for (let i = 0; i < urls.length; i += IN_FLIGHT) {
    const answers = await Promise.all(
      urls.slice(i, i + IN_FLIGHT).map((url) => app.inject({ method: 'GET', url })),
    )
    const failed = answers.find((a) => a.statusCode !== 200)
    if (failed) throw new Error(`GET answered ${failed.statusCode}: ${failed.body}`)
  }
  const after = threadCpuMs()
  return before === undefined || after === undefined
    ? undefined
    : ((after - before) * 1000) / urls.length
}

try {
  for (let n = 0; n < ROUNDS; n++) {
    const ours = await round(pg.app, Array.from({ length: PER_ROUND }, signed))
    const base =
      bare &&
      (await round(
        bare,
        Array.from({ length: PER_ROUND }, () => '/'),
      ))
    if (ours === undefined) continue
    console.log(
      `round ${n + 1}: ${ours.toFixed(0)} µs` +
        (base === undefined ? '' : `, bare ${base.toFixed(0)} µs, ${(ours / base).toFixed(2)}×`),
    )
  }
} finally {
  await bare?.close()
  await pg.close()
  rmSync(dir, { recursive: true, force: true })
}
