// The edge on its own listener (edge.port set): the API no longer serves /play/, and the edge
// answers everything in its own shape, logging targets without their signatures.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { loggedTarget, startEdge } from '../../src/edge/server.ts'
import { buildEdgeTestApp, rawRequest } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'

describe('startEdge', () => {
  it('serves play domains on its own port and leaves the API listener out of it', async (t) => {
    const edge = await buildEdgeTestApp(t, {
      // Every request logged, so the check below sees the lines that carry targets.
      env: {
        PLAYGATE_EDGE_PORT: '18080',
        PLAYGATE_LOG_LEVEL: 'info',
        PLAYGATE_EDGE_LOG_REQUESTS: 'true',
      },
      listen: false,
    })
    const logs: string[] = []
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(chunk.toString())
        callback()
      },
    })
    const running = await startEdge(
      { config: edge.runtime.config, services: edge.services, logStream },
      0,
    )
    t.after(() => running.close())
    const domain = await edge.domain('aliyun-a')
    const { target } = edge.playUrls.signTarget(domain, MP4, 600)
    const prefixed = edge.playUrls.signTarget(domain, MP4, 600, {}, `/play/${domain.host}`).target

    const api = await edge.app.inject({ url: prefixed })
    assert.equal(api.statusCode, 404)
    assert.equal(api.json().error.code, 'UNSUPPORTED_OPERATION')

    const ok = await fetch(running.url + prefixed, { method: 'HEAD' })
    assert.equal(ok.status, 200)
    assert.match(ok.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{20}$/)
    const byHost = await rawRequest(running.url, target, { headers: { host: domain.host } })
    assert.equal(byHost.status, 200)

    const unknown = await rawRequest(running.url, MP4, { headers: { host: 'nobody.example' } })
    assert.equal(unknown.status, 404)
    assert.equal(unknown.headers['x-error-code'], 'NOT_FOUND')
    assert.equal(unknown.body.toString(), 'Not Found\n')

    const auth = await fetch(`${running.url}/edge/auth`, {
      headers: { 'x-original-uri': target, 'x-original-host': domain.host },
    })
    assert.equal(auth.status, 204)

    const signature = /auth_key=([^&]+)/.exec(target)![1]!
    assert.ok(logs.some((line) => line.includes(`"url":"/play/${domain.host}${MP4}?…"`)))
    assert.ok(!logs.some((line) => line.includes(signature)), 'no signature in the logs')
  })
})

describe('loggedTarget', () => {
  it('drops the query and masks in-path MACs', () => {
    assert.equal(loggedTarget('/v/a.mp4?auth_key=1-0-0-abc'), '/v/a.mp4?…')
    assert.equal(
      loggedTarget('/202601010800/9044548ef1527deadafa49a890a377f0/4/a.mp3'),
      '/202601010800/***/4/a.mp3',
    )
  })

  // #12: operators scrape one port per process; the edge's port stays the edge's alone.
  it('serves no /metrics of its own: its decisions are counted on the API listener', async (t) => {
    const edge = await buildEdgeTestApp(t, { env: { PLAYGATE_EDGE_PORT: '18080' }, listen: false })
    const running = await startEdge(
      {
        config: edge.runtime.config,
        services: edge.services,
        logStream: new Writable({ write: (_c, _e, cb) => cb() }),
      },
      0,
    )
    t.after(() => running.close())
    const domain = await edge.domain('aliyun-a')
    const { target } = edge.playUrls.signTarget(domain, MP4, 600, {}, `/play/${domain.host}`)
    assert.equal((await fetch(running.url + target, { method: 'HEAD' })).status, 200)

    const own = await rawRequest(running.url, '/metrics')
    assert.equal(own.status, 404)
    assert.equal(own.headers['x-error-code'], 'NOT_FOUND')
    const api = await edge.app.inject({ url: '/metrics' })
    assert.equal(api.statusCode, 200)
    assert.match(api.body, /^playgate_edge_decisions_total\{outcome="allow",reason=""\} 1$/m)
  })
})
