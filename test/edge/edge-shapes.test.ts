// The edge's error shape at its borders, Regression #14: other methods are 405 with Allow,
// undecodable paths are the edge's text 400, a HEAD answered 431 has no body, OPTIONS on /v1 is
// the API's; and no URL MAC reaches a log line, framework messages included.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from './edge-app.ts'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request on its own connection, the target sent byte for byte. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<Raw>((resolve, reject) => {
    const url = new URL(base)
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent: false })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(headers['content-length'] ? body : undefined)
  })
}

const MAC = '0123456789abcdef0123456789abcdef'

describe('edge: error shapes at the borders', () => {
  it('answers other methods on edge paths 405 with Allow, in the edge shape', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const target = edge.signedUrl(domain, '/demo/mp4/demo.mp4').slice(edge.base.length)
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await send(edge.base, method, target)
      assert.deepEqual(
        [res.status, res.headers['x-error-code'], res.headers.allow, res.body],
        [405, 'UNSUPPORTED_OPERATION', 'GET, HEAD, OPTIONS', 'Method Not Allowed\n'],
        method,
      )
    }
    // A method the API routes elsewhere still gets the API's answer.
    const api = await send(edge.base, 'POST', '/v1/nothing-here')
    assert.equal(api.headers['content-type'], 'application/json; charset=utf-8')
  })

  it('answers an undecodable edge path with the edge text 400 and logs no MAC', async (t) => {
    const edge = await buildEdgeTestApp(t, { env: { PLAYGATE_LOG_LEVEL: 'info' } })
    const domain = await edge.domain('aliyun-a')
    for (const path of [
      `/play/${domain.host}/demo/%ZZ.mp4?auth_key=1767225600-0-0-${MAC}`,
      `/play/${domain.host}/${MAC}/6770d2c0/demo/%E0%A4%A.mp4?sign=${MAC}&t=1`,
    ]) {
      const res = await send(edge.base, 'GET', path)
      assert.deepEqual(
        [res.status, res.headers['x-error-code'], res.headers['content-type'], res.body],
        [400, 'INVALID_PARAMETER', 'text/plain; charset=utf-8', 'Bad Request\n'],
      )
    }
    const leaking = edge.logs.filter((line) => line.includes(MAC))
    assert.deepEqual(leaking, [])
  })

  it('keeps OPTIONS on /v1 in the API shape', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const variants: Record<string, string>[] = [
      {},
      { 'content-type': 'application/json', 'content-length': '5' },
    ]
    for (const headers of variants) {
      const res = await send(edge.base, 'OPTIONS', '/v1/tenants', headers, '{"a":')
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.equal(res.headers['x-error-code'], undefined)
    }
  })

  it('answers a HEAD with oversized headers 431 without a body', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const big = { 'x-big': 'a'.repeat(20_000) }
    const head = await send(edge.base, 'HEAD', '/play/x/y.mp4', big)
    assert.deepEqual([head.status, head.body], [431, ''])
    const get = await send(edge.base, 'GET', '/play/x/y.mp4', big)
    assert.equal(get.status, 431)
  })
})
