// Which request lines edge routes log (src/edge/request-log.ts): with edge.logRequests off (the
// default) none for a served request, one "request completed" with the masked target for a
// refused one, and the API's routes unchanged; with it on, the completed line for every request.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it, type TestContext } from 'node:test'
import { startEdge } from '../../src/edge/server.ts'
import { buildEdgeTestApp, type EdgeTestApp } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'

interface Line {
  readonly reqId?: string
  readonly msg?: string
  readonly req?: { method: string; url: string; host?: string }
  readonly res?: { statusCode: number }
}

/** The lines of one request, as `msg` (plus the status and target of a completed line). */
function linesOf(logs: readonly string[], requestId: string | null): string[] {
  return logs
    .map((text) => JSON.parse(text) as Line)
    .filter((line) => line.reqId === requestId)
    .map((line) =>
      line.msg === 'request completed' && line.req
        ? `request completed ${line.res?.statusCode} ${line.req.method} ${line.req.url}`
        : (line.msg ?? ''),
    )
}

async function world(t: TestContext, logRequests?: 'true') {
  const edge = await buildEdgeTestApp(t, {
    env: {
      PLAYGATE_LOG_LEVEL: 'info',
      ...(logRequests ? { PLAYGATE_EDGE_LOG_REQUESTS: logRequests } : {}),
    },
  })
  const domain = await edge.domain('nginx-secure-link')
  return { edge, domain, url: edge.signedUrl(domain, MP4) }
}

async function get(edge: EdgeTestApp, url: string) {
  const res = await fetch(url, { method: 'HEAD' })
  return { status: res.status, id: res.headers.get('x-request-id') }
}

describe('edge request logging', () => {
  it('logs nothing for a served edge request by default, the API as always', async (t) => {
    const { edge, url } = await world(t)
    const served = await get(edge, url)
    assert.equal(served.status, 200)
    assert.deepEqual(linesOf(edge.logs, served.id), [])
    const api = await get(edge, `${edge.base}/healthz`)
    // Regression #12: the completed line names method, target and status (and route, duration).
    // One line per request at info (the incoming line is at debug).
    assert.deepEqual(linesOf(edge.logs, api.id), ['request completed 200 HEAD /healthz'])
    const completed = edge.logs
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((line) => line.reqId === api.id && line.msg === 'request completed')!
    assert.equal(completed.route, '/healthz')
    assert.equal(typeof completed.responseTime, 'number')
  })

  it('logs a refused edge request once, with its method and masked target', async (t) => {
    const { edge, url } = await world(t)
    const forged = url.replace(/md5=[^&]+/, 'md5=AAAAAAAAAAAAAAAAAAAAAA')
    const refused = await get(edge, forged)
    assert.equal(refused.status, 403)
    const target = new URL(forged).pathname + '?' + new URL(forged).search.slice(1)
    assert.deepEqual(linesOf(edge.logs, refused.id), [
      'denied',
      `request completed 403 HEAD ${target.replace(/md5=[^&]+/, 'md5=***')}`,
    ])
    assert.ok(!edge.logs.some((line) => line.includes('AAAAAAAAAAAAAAAAAAAAAA')))
    const unknown = await get(edge, `${edge.base}/play/nobody.playgate.test${MP4}`)
    assert.equal(unknown.status, 404)
    assert.deepEqual(linesOf(edge.logs, unknown.id), [
      `request completed 404 HEAD /play/nobody.playgate.test${MP4}`,
    ])
  })

  // Regression #12: expected 4xx were logged at info with full stack traces.
  it('logs an expected client error without a stack, only as its request line', async (t) => {
    const { edge } = await world(t)
    const refused = await get(edge, `${edge.base}/v1/tenants`)
    assert.equal(refused.status, 401)
    const lines = edge.logs
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((line) => line.reqId === refused.id)
    assert.deepEqual(
      lines.map((l) => l.msg),
      ['request completed'],
    )
    assert.ok(lines.every((l) => l.err === undefined && !JSON.stringify(l).includes('stack')))
  })

  // One line per request at info there too, as on the API (the incoming line is at debug).
  it('logs every edge request when edge.logRequests is on', async (t) => {
    const { edge, url } = await world(t, 'true')
    const served = await get(edge, url)
    assert.equal(served.status, 200)
    assert.deepEqual(linesOf(edge.logs, served.id), [
      `request completed 200 HEAD ${new URL(url).pathname}?md5=***&expires=${new URL(url).searchParams.get('expires')}`,
    ])
  })

  it('applies the same rule on the edge’s own listener', async (t) => {
    const { edge, domain } = await world(t)
    const logs: string[] = []
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(...chunk.toString('utf8').split('\n').filter(Boolean))
        callback()
      },
    })
    const running = await startEdge(
      { config: edge.runtime.config, services: edge.services, logStream },
      0,
    )
    t.after(() => running.close())
    const { target } = edge.playUrls.signTarget(domain, MP4, 600, {}, `/play/${domain.host}`)
    const served = await get(edge, running.url + target)
    assert.equal(served.status, 200)
    assert.deepEqual(linesOf(logs, served.id), [])
    const expired = await get(edge, `${running.url}/play/${domain.host}${MP4}`)
    assert.equal(expired.status, 403)
    assert.deepEqual(linesOf(logs, expired.id), [
      'denied',
      `request completed 403 HEAD /play/${domain.host}${MP4}`,
    ])
  })
})
