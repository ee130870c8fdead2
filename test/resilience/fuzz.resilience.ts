// Resilience: HTTP fuzzing of every API (native, Aliyun, Tencent, DingTalk, Polyv) and the edge
// over a real socket with fast-check. Counts 5xx answers, resets and wrong error shapes (all must
// be 0) and prints the figures. Bounded: a fixed number of requests, no timing. Run with `npm run test:resilience`.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildEdgeTestApp } from '../edge/edge-app.ts'

const RUNS = Number(process.env.PLAYGATE_FUZZ_RUNS ?? 600)

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<Answer | 'reset'>((resolve) => {
    const url = new URL(base)
    const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD'
    // Framed explicitly: Node sends DELETE and OPTIONS bodies unframed otherwise.
    if (hasBody) headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) }
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false })
    let answered = false
    req.on('response', (res) => {
      answered = true
      let text = ''
      res.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }))
      res.on('error', () => resolve('reset'))
    })
    // An answer before the whole body was sent may end the upload early: not a reset.
    req.on('error', () => {
      if (!answered) resolve('reset')
    })
    if (hasBody) req.write(body)
    req.end()
  })
}

const junk = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '..', '%2e%2e', '%2F', '~', '%C0%AF', 'a'.repeat(300)),
  fc.stringMatching(/^[0-9a-f]{32}$/),
)

describe('resilience: HTTP fuzzing', () => {
  it(`answers ${RUNS} hostile requests without a 5xx, a reset or a foreign error shape`, async (t) => {
    const edge = await buildEdgeTestApp(t, { env: { PLAYGATE_LOG_LEVEL: 'warn' } })
    const domain = await edge.domain('aliyun-a')
    const signed = edge.signedUrl(domain, '/demo/mp4/demo.mp4').slice(edge.base.length)
    const tenant = await edge.services.tenants.create({ id: 'tn_fuzz', name: 'F' })
    const prefixes = [
      '/v1/tenants',
      `/v1/tenants/${tenant.id}/access-keys`,
      '/v1/videos',
      '/v1/play-domains',
      '/v1/import',
      '/v1/audit-events',
      '/aliyun/',
      '/polyv/v2/video/',
      '/polyv/v2/setting/',
      '/polyv/service/v1/',
      '/v2/video/',
      '/service/v1/',
      '/tencent/',
      '/dingtalk/v1.0/oauth2/',
      '/dingtalk/v1.0/conference/',
      '/v1.0/oauth2/',
      '/v1.0/conference/videoConferences/',
      `/play/${domain.host}/demo/`,
      `/play/${domain.host}/demo/hls/`,
      '/healthz',
      '/readyz',
      '/',
    ]
    const figures = { requests: 0, fiveXx: 0, resets: 0, wrongShape: 0 }
    const failures: string[] = []
    const arbitrary = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      prefix: fc.constantFrom(...prefixes, signed),
      tail: fc.array(junk, { maxLength: 3 }).map((parts) => parts.join('/')),
      query: fc.array(
        fc.tuple(
          fc.constantFrom(
            'Action',
            'auth_key',
            'sign',
            'Format',
            'x',
            'page',
            'SecretId',
            'Signature',
            'appId',
            'ptime',
            'access_token',
          ),
          junk,
        ),
        { maxLength: 3 },
      ),
      admin: fc.boolean(),
      // What routes a request to a dialect at `/` (Tencent, Aliyun V3) or authenticates it.
      dialectHeader: fc.option(
        fc.tuple(
          fc.constantFrom(
            'x-tc-action',
            'x-tc-traceid',
            'authorization',
            'x-acs-action',
            'x-acs-dingtalk-access-token',
          ),
          fc.oneof(fc.constantFrom('TC3-HMAC-SHA256 Credential=a/b', 'DescribeMediaInfos'), junk),
        ),
        { nil: undefined },
      ),
      type: fc.constantFrom(
        'application/json',
        'application/yaml',
        'text/plain',
        'application/x-www-form-urlencoded',
        '',
      ),
      body: fc.oneof(
        fc.json({ maxDepth: 4 }),
        fc.string({ maxLength: 200 }),
        fc.constant('- '.repeat(3000) + 'x'),
      ),
    })
    await fc.assert(
      fc.asyncProperty(arbitrary, async (r) => {
        const query = r.query.map(([k, v]) => `${k}=${v}`).join('&')
        const path = r.prefix + r.tail + (query ? (r.prefix.includes('?') ? '&' : '?') + query : '')
        const headers: Record<string, string> = r.type ? { 'content-type': r.type } : {}
        if (r.admin) Object.assign(headers, edge.admin)
        if (r.dialectHeader) headers[r.dialectHeader[0]] = r.dialectHeader[1]
        const answer = await send(edge.base, r.method, path, headers, r.body)
        figures.requests++
        if (answer === 'reset') {
          figures.resets++
          failures.push(`reset: ${r.method} ${path}`)
          return
        }
        if (answer.status >= 500) {
          figures.fiveXx++
          failures.push(`${answer.status}: ${r.method} ${path}`)
        }
        if (answer.status >= 400 && r.method !== 'HEAD') {
          const type = String(answer.headers['content-type'] ?? '')
          const edgeShape = path.startsWith('/play/')
          const ok = edgeShape
            ? answer.status === 431 ||
              (type.startsWith('text/plain') && answer.headers['x-error-code'] !== undefined)
            : !path.startsWith('/v1/') ||
              answer.status === 431 ||
              type.startsWith('application/json')
          if (!ok) {
            figures.wrongShape++
            failures.push(`shape ${answer.status} ${type}: ${r.method} ${path}`)
          }
        }
      }),
      { numRuns: RUNS },
    )
    const health = await send(edge.base, 'GET', '/healthz', {})
    process.stdout.write(`resilience fuzz: ${JSON.stringify(figures)}\n`)
    assert.deepEqual(failures.slice(0, 10), [])
    assert.equal(health === 'reset' ? 0 : health.status, 200)
  })
})
