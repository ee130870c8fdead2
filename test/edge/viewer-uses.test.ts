// Usage-limited credentials (`maxUses`) at the real edge over HTTP: issued through the native
// API, used up only by requests that succeed, refused once used up, fail closed without shared
// state (two replicas on one Redis: viewer-replicas.test.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from './edge-app.ts'
import { get, issue } from './viewer-http.ts'

describe('edge: usage-limited credentials', () => {
  it('serves a maxUses=2 URL twice, then refuses it as used up', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const issued = await issue(edge, 2)
    assert.equal(issued.status, 200)
    assert.equal(issued.body.maxUses, 2)
    assert.equal((await get(issued.url)).status, 200)
    assert.equal((await get(issued.url)).status, 200)
    assert.deepEqual(await get(issued.url), {
      status: 403,
      code: 'TOKEN_REVOKED',
      reason: 'used-up',
    })
    const metrics = await (await fetch(`${edge.base}/metrics`)).text()
    assert.match(metrics, /playgate_edge_denials_total\{reason="used-up"\} 1/)
  })

  it('uses nothing up on a 416, a 404 or a request a rule refuses', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const issued = await issue(edge, 1)
    assert.equal((await get(issued.url, { range: 'bytes=99999999-' })).status, 416)
    await edge.services.viewerControls.putPolicy('domain', issued.domain.id, {
      rules: [{ action: 'deny', userAgent: ['cli'] }],
    })
    assert.equal((await get(issued.url, { 'user-agent': 'curl/8.5.0' })).reason, 'rule')
    const missing = edge.signedUrl(issued.domain, '/demo/mp4/missing.mp4')
    // The target as delivered, `/play/<host>` prefix included: what the MAC covers.
    const target = missing.slice(edge.base.length)
    await edge.services.viewerControls.limitUses(issued.domain, [target], 1)
    assert.equal((await get(missing)).status, 404)
    assert.equal((await get(missing)).status, 404)
    assert.equal((await get(issued.url)).status, 200)
    assert.equal((await get(issued.url)).reason, 'used-up')
  })

  it('refuses a bad maxUses with the parameter, and a domain that does not sign', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const issued = await issue(edge, 0)
    assert.equal(issued.status, 400)
    const open = await edge.domain('native', { authEnabled: false })
    await assert.rejects(edge.services.viewerControls.limitUses(open, ['/demo/x.mp4'], 1), {
      code: 'INVALID_PARAMETER',
      details: { parameter: 'maxUses' },
    })
  })

  it('fails closed (503) when shared state is down, visible in /readyz and metrics', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const issued = await issue(edge, 5)
    assert.equal((await get(issued.url)).status, 200)
    await edge.services.deps.state.close()
    assert.deepEqual(await get(issued.url), {
      status: 503,
      code: 'UNAVAILABLE',
      reason: 'unavailable',
    })
    const ready = await fetch(`${edge.base}/readyz`)
    assert.equal(ready.status, 503)
    const metrics = await (await fetch(`${edge.base}/metrics`)).text()
    assert.match(metrics, /playgate_edge_denials_total\{reason="unavailable"\} 1/)
  })
})
