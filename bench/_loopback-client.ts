// Load generator for bench/aliyun.ts and bench/tencent.ts, run in a worker thread so the server
// keeps its own core: keep-alive HTTP/1.1 on 127.0.0.1 with N requests in flight, each freshly
// signed: GetVideoPlayAuth (V1 HMAC-SHA1, new nonce and timestamp) the way pop-core signs it, or
// DescribeLivePlayAuthKey (TC3-HMAC-SHA256 JSON POST) the way tencentcloud-sdk-nodejs does.
import { Agent, request } from 'node:http'
import { randomBytes } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'
import { formatTimestamp } from '../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1 } from '../src/core/schemes/aliyun-rpc/sign.ts'
import { signTc3 } from '../src/core/schemes/tencent-tc3/sign.ts'
import { nodeCrypto } from '../src/platform/node/crypto.ts'

export interface ClientJob {
  readonly base: string
  /**
   * `bare`: GET the base URL as is; `aliyun`: a signed GetVideoPlayAuth for `videoId`; `get`: GET
   * `path` with `headers` (a bearer-style API such as DingTalk's); `tencent`: a signed
   * DescribeLivePlayAuthKey for the play domain `videoId`.
   */
  readonly mode: 'bare' | 'aliyun' | 'get' | 'tencent'
  readonly path?: string
  readonly headers?: Readonly<Record<string, string>>
  readonly accessKeyId: string
  readonly secret: string
  readonly videoId: string
  /** When set, each request picks one at random (`aliyun`: the video; `get`: the path). */
  readonly videoIds?: readonly string[]
  readonly paths?: readonly string[]
  readonly warmupMs: number
  readonly durationMs: number
  readonly concurrency: number
}

export interface ClientResult {
  readonly requests: number
  readonly seconds: number
  /** HTTP status, or `200 Error` for an answer carrying an API error (Tencent answers 200). */
  readonly statuses: Record<string, number>
  /** Milliseconds: p50, p99. */
  readonly p50: number
  readonly p99: number
}

interface Outgoing {
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly headers?: Record<string, string>
  readonly body?: string
}

function tencentRequest(job: ClientJob, hostname: string): Outgoing {
  const body = JSON.stringify({ DomainName: job.videoId })
  const timestamp = Math.floor(Date.now() / 1000)
  const contentType = 'application/json'
  const { authorization } = signTc3(
    {
      method: 'POST',
      host: hostname,
      contentType,
      body,
      timestamp,
      service: 'live',
      secretId: job.accessKeyId,
      secretKey: job.secret,
    },
    nodeCrypto,
  )
  return {
    method: 'POST',
    path: '/',
    body,
    headers: {
      authorization,
      'content-type': contentType,
      'x-tc-action': 'DescribeLivePlayAuthKey',
      'x-tc-version': '2018-08-01',
      'x-tc-timestamp': String(timestamp),
    },
  }
}

function outgoing(job: ClientJob, hostname: string): Outgoing {
  if (job.mode === 'tencent') return tencentRequest(job, hostname)
  return {
    method: 'GET',
    path: target(job),
    ...(job.headers ? { headers: { ...job.headers } } : {}),
  }
}

const pick = (list: readonly string[]): string => list[Math.floor(Math.random() * list.length)]!

function target(job: ClientJob): string {
  if (job.mode === 'bare') return '/'
  if (job.mode === 'get') return job.paths ? pick(job.paths) : (job.path ?? '/')
  const query = signedQueryV1(
    {
      method: 'GET',
      params: {
        AccessKeyId: job.accessKeyId,
        Action: 'GetVideoPlayAuth',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomBytes(16).toString('hex'),
        SignatureVersion: '1.0',
        Timestamp: formatTimestamp(Date.now()),
        Version: '2017-03-21',
        VideoId: job.videoIds ? pick(job.videoIds) : job.videoId,
      },
      secret: job.secret,
    },
    nodeCrypto,
  )
  return `/?${query}`
}

/** Sent to the parent when the measured window opens and closes, so it can read its CPU time. */
export interface WindowMark {
  readonly mark: 'start' | 'end'
}

async function drive(job: ClientJob, onMark: (mark: WindowMark) => void): Promise<ClientResult> {
  const { hostname, port } = new URL(job.base)
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency })
  const statuses: Record<string, number> = {}
  const latencies: number[] = []
  const get = () =>
    new Promise<string>((resolve, reject) => {
      const { method, path, headers, body } = outgoing(job, hostname)
      const req = request({ host: hostname, port, method, path, headers, agent }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          const status = String(res.statusCode ?? 0)
          resolve(job.mode === 'tencent' && text.includes('"Error"') ? `${status} Error` : status)
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  const started = performance.now()
  const measureFrom = started + job.warmupMs
  const deadline = measureFrom + job.durationMs
  const marked = new Set<WindowMark['mark']>()
  const markOnce = (mark: WindowMark['mark']) => {
    if (!marked.has(mark)) onMark({ mark })
    marked.add(mark)
  }
  let requests = 0
  const worker = async () => {
    for (;;) {
      const at = performance.now()
      if (at >= deadline) return markOnce('end')
      if (at >= measureFrom) markOnce('start')
      const status = await get()
      if (at < measureFrom) continue
      requests++
      latencies.push(performance.now() - at)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, worker))
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return {
    requests,
    seconds: job.durationMs / 1000,
    statuses,
    p50: pick(0.5),
    p99: pick(0.99),
  }
}

if (parentPort && workerData) {
  const port = parentPort
  drive(workerData as ClientJob, (mark) => port.postMessage(mark)).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  )
}
