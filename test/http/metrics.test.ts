// /metrics through prom-client: default process metrics, HTTP and per-dialect/action counters and
// histograms, edge decisions by reason, viewer-control denials and the audit queue depth.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from '../edge/edge-app.ts'
import { aliyunWorld, VIDEO_ID } from './dialects/aliyun/world.ts'

async function scrape(app: {
  inject(o: {
    url: string
  }): Promise<{ body: string; statusCode: number; headers: Record<string, unknown> }>
}) {
  const res = await app.inject({ url: '/metrics' })
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/)
  return res.body
}

describe('metrics', () => {
  it('exposes the default process and runtime metrics, uptime and the audit queue depth', async (t) => {
    const w = await aliyunWorld(t)
    const body = await scrape(w.app)
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
      'playgate_uptime_seconds',
    ])
      assert.match(body, new RegExp(`^${name} `, 'm'), name)
    assert.match(body, /^# TYPE playgate_audit_queue_depth gauge$/m)
    // The sample dashboard (docs/grafana/playgate.json) charts only metrics that exist.
    const dashboard = readFileSync(
      new URL('../../docs/grafana/playgate.json', import.meta.url),
      'utf8',
    )
    const charted = new Set(dashboard.match(/\b(playgate|nodejs|process)_[a-z0-9_]+/g))
    assert.ok(charted.size >= 8)
    for (const name of charted)
      assert.match(body, new RegExp(`^# TYPE ${name.replace(/_bucket$/, '')} `, 'm'), name)
    assert.match(body, /^playgate_audit_queue_depth \d+$/m)
  })

  it('counts HTTP requests by route and dialect requests by action, with latency histograms', async (t) => {
    const w = await aliyunWorld(t)
    assert.equal((await w.v1Get({ Action: 'GetVideoInfo', VideoId: VIDEO_ID })).statusCode, 200)
    assert.equal((await w.v1Get({ Action: 'GetVideoInfo', VideoId: VIDEO_ID })).statusCode, 200)
    assert.equal((await w.v1Get({ Action: 'NoSuchAction' })).statusCode, 404)
    const body = await scrape(w.app)
    assert.match(body, /^playgate_http_requests_total\{method="GET",route="\/",status="200"\} 2$/m)
    assert.match(
      body,
      /^playgate_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 2$/m,
    )
    assert.match(
      body,
      /^playgate_dialect_requests_total\{dialect="aliyun",action="GetVideoInfo",status="200"\} 2$/m,
    )
    assert.match(
      body,
      /^playgate_dialect_requests_total\{dialect="aliyun",action="unknown",status="404"\} 1$/m,
    )
    assert.match(
      body,
      /^playgate_dialect_request_duration_seconds_count\{dialect="aliyun",action="GetVideoInfo"\} 2$/m,
    )
    assert.match(
      body,
      /^playgate_dialect_request_duration_seconds_bucket\{le="\+Inf",dialect="aliyun",action="GetVideoInfo"\} 2$/m,
    )
  })

  it('counts edge decisions: allow, and deny by refusal code', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    const url = edge.signedUrl(domain, '/demo/mp4/demo.mp4')
    assert.equal((await fetch(url, { headers: { range: 'bytes=0-0' } })).status, 206)
    const unsigned = `${edge.base}/play/${domain.host}/demo/mp4/demo.mp4`
    const refused = await fetch(unsigned)
    await refused.arrayBuffer()
    assert.equal(refused.status, 403)
    const code = refused.headers.get('x-error-code')
    const body = await scrape(edge.app)
    assert.match(body, /^playgate_edge_decisions_total\{outcome="allow",reason=""\} 1$/m)
    assert.match(
      body,
      new RegExp(`^playgate_edge_decisions_total\\{outcome="deny",reason="[A-Z_]+"\\} 1$`, 'm'),
      String(code),
    )
  })

  // The edge's hot path answers before Fastify's hooks; its requests still count on the listener.
  it('counts edge requests on the API listener by route and status', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const served = await fetch(edge.signedUrl(domain, '/demo/mp4/demo.mp4'), { method: 'HEAD' })
    assert.equal(served.status, 200)
    const refused = await fetch(`${edge.base}/play/${domain.host}/demo/mp4/demo.mp4`)
    await refused.arrayBuffer()
    assert.equal(refused.status, 403)
    const body = await scrape(edge.app)
    assert.match(
      body,
      /^playgate_http_requests_total\{method="HEAD",route="\/play\/\*",status="200"\} 1$/m,
    )
    assert.match(
      body,
      /^playgate_http_requests_total\{method="GET",route="\/play\/\*",status="403"\} 1$/m,
    )
  })
})
