// Load generator for bench/polyv.ts, run in a worker thread so the server keeps its own core:
// keep-alive HTTP/1.1 on 127.0.0.1, N requests in flight, each one of: a bare GET, a freshly
// signed Polyv video-setting-page (new ptime and requestId, so the replay guard admits it), or a
// wrong play password posted to the native unlock route (an attacker).
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'
import { signV2 } from '../src/core/schemes/polyv/sign.ts'
import { nodeCrypto } from '../src/platform/node/crypto.ts'

export interface PolyvJob {
  readonly base: string
  readonly mode: 'bare' | 'setting-page' | 'unlock-attack'
  readonly userid: string
  readonly secret: string
  readonly vid: string
  readonly videoId: string
  readonly warmupMs: number
  readonly durationMs: number
  readonly concurrency: number
}

export interface PolyvResult {
  readonly requests: number
  readonly seconds: number
  readonly statuses: Record<string, number>
  readonly p50: number
  readonly p99: number
}

function requestOf(job: PolyvJob): { method: string; path: string; body?: string } {
  if (job.mode === 'bare') return { method: 'GET', path: '/' }
  if (job.mode === 'unlock-attack')
    return {
      method: 'POST',
      path: `/v1/videos/${job.videoId}/unlock`,
      body: JSON.stringify({ password: randomBytes(6).toString('hex') }),
    }
  const params = {
    ptime: String(Date.now()),
    requestId: randomBytes(16).toString('hex'),
    vids: job.vid,
  }
  const sign = signV2(params, job.secret, nodeCrypto)
  const query = new URLSearchParams({ ...params, sign }).toString()
  return { method: 'GET', path: `/v2/video/${job.userid}/video-setting-page?${query}` }
}

async function drive(job: PolyvJob, mark: (m: 'start' | 'end') => void): Promise<PolyvResult> {
  const { hostname, port } = new URL(job.base)
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency })
  const statuses: Record<string, number> = {}
  const latencies: number[] = []
  const send = () =>
    new Promise<number>((resolve, reject) => {
      const r = requestOf(job)
      const headers = r.body ? { 'content-type': 'application/json' } : {}
      const req = request({ host: hostname, port, path: r.path, method: r.method, agent, headers })
      req.on('response', (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', reject)
      req.end(r.body)
    })
  const from = performance.now() + job.warmupMs
  const until = from + job.durationMs
  const marked = new Set<string>()
  const once = (m: 'start' | 'end') => void (marked.has(m) || (marked.add(m), mark(m)))
  let requests = 0
  const loop = async () => {
    for (let at = performance.now(); at < until; at = performance.now()) {
      if (at >= from) once('start')
      const status = await send()
      if (at < from) continue
      requests++
      latencies.push(performance.now() - at)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
    once('end')
  }
  await Promise.all(Array.from({ length: job.concurrency }, loop))
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
  return { requests, seconds: job.durationMs / 1000, statuses, p50: q(0.5), p99: q(0.99) }
}

if (parentPort && workerData) {
  const port = parentPort
  drive(workerData as PolyvJob, (m) => port.postMessage({ mark: m })).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  )
}
