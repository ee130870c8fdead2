// Auth callback mode at the real edge over HTTP, against a real endpoint (node:http on
// 127.0.0.1): allow, deny, the question's JSON, answers kept per session, timeout, endpoint
// down (fail-open for authorised sessions, closed for new ones) and the circuit breaker.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it, type TestContext } from 'node:test'
import { CALLBACK_BREAKER } from '../../src/services/auth-callbacks.ts'
import { buildEdgeTestApp, TENANT } from './edge-app.ts'
import { get } from './viewer-http.ts'

const MP4 = '/demo/mp4/demo.mp4'
const PROXIED = { env: { PLAYGATE_EDGE_TRUSTED_PROXIES: '127.0.0.1, ::1' } }
const from = (ip: string) => ({ 'x-forwarded-for': ip })

type Handler = (question: Record<string, unknown>, res: ServerResponse) => void

/** An entitlement endpoint whose behaviour the test sets; records every question. */
async function endpoint(t: TestContext) {
  const questions: Record<string, unknown>[] = []
  let handler: Handler = (_q, res) => res.end('{"allow":true}')
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const question = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      questions.push(question)
      handler(question, res)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/may-watch`
  const close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections()
      server.close(() => done())
    })
  t.after(async () => {
    if (server.listening) await close()
  })
  return {
    url,
    questions,
    answer: (next: Handler) => {
      handler = next
    },
    close,
  }
}

async function world(t: TestContext, failOpen = true, timeoutMs = 300) {
  const edge = await buildEdgeTestApp(t, PROXIED)
  const api = await endpoint(t)
  const domain = await edge.domain('aliyun-a')
  await edge.services.viewerControls.putPolicy('domain', domain.id, {
    callback: { url: api.url, timeoutMs, failOpen },
  })
  return { edge, api, domain }
}

describe('edge: auth callback', () => {
  it('asks the endpoint with a typed question and keeps its answer per session', async (t) => {
    const { edge, api, domain } = await world(t)
    api.answer((q, res) =>
      res.end(JSON.stringify({ allow: q.viewerId === 'paid', ttlSeconds: 30 })),
    )
    const paid = edge.signedUrl(domain, MP4, { uid: 'paid' })
    assert.equal((await get(paid, from('203.0.113.1'))).status, 200)
    assert.equal((await get(paid, from('203.0.113.1'))).status, 200)
    assert.equal(api.questions.length, 1)
    const { credentialId } = await edge.services.viewerControls.identifyUrl(TENANT, paid)
    assert.deepEqual(api.questions[0], {
      tenantId: TENANT,
      domainId: domain.id,
      host: domain.host,
      credentialId,
      viewerId: 'paid',
      videoId: null,
      path: MP4,
      clientIp: '203.0.113.1',
      userAgent: 'node',
      referer: null,
    })
    assert.deepEqual(
      await get(edge.signedUrl(domain, MP4, { uid: 'trial' }), from('203.0.113.1')),
      {
        status: 403,
        code: 'FORBIDDEN',
        reason: 'callback',
      },
    )
    // Another address is another session: asked again. After ttlSeconds, asked again too.
    assert.equal((await get(paid, from('203.0.113.2'))).status, 200)
    assert.equal(api.questions.length, 3)
    edge.clock.advance(31_000)
    assert.equal((await get(paid, from('203.0.113.1'))).status, 200)
    assert.equal(api.questions.length, 4)
  })

  it('keeps authorised sessions playing while the endpoint is down, refuses new ones', async (t) => {
    const { edge, api, domain } = await world(t)
    api.answer((_q, res) => res.end('{"allow":true,"ttlSeconds":0}'))
    const watching = edge.signedUrl(domain, MP4, { uid: 'a' })
    assert.equal((await get(watching)).status, 200)
    await api.close()
    assert.equal((await get(watching)).status, 200)
    assert.deepEqual(await get(edge.signedUrl(domain, MP4, { uid: 'b' })), {
      status: 503,
      code: 'UNAVAILABLE',
      reason: 'callback-unavailable',
    })
  })

  it('refuses authorised sessions too when failOpen is off; a slow endpoint times out', async (t) => {
    const { edge, api, domain } = await world(t, false, 100)
    api.answer((_q, res) => res.end('{"allow":true,"ttlSeconds":0}'))
    const watching = edge.signedUrl(domain, MP4, { uid: 'a' })
    assert.equal((await get(watching)).status, 200)
    api.answer((_q, res) => setTimeout(() => res.end('{"allow":true}'), 500))
    assert.equal((await get(watching)).reason, 'callback-unavailable')
    api.answer((_q, res) => res.writeHead(500).end('{"allow":true}'))
    assert.equal((await get(watching)).reason, 'callback-unavailable')
    api.answer((_q, res) => res.end('{"allow":"yes"}'))
    assert.equal((await get(watching)).reason, 'callback-unavailable')
  })

  it('opens its breaker after repeated failures, then tries once (half-open)', async (t) => {
    const { edge, api, domain } = await world(t)
    const callbacks = edge.services.authCallbacks
    api.answer((_q, res) => res.writeHead(502).end())
    const url = edge.signedUrl(domain, MP4, { uid: 'a' })
    for (let i = 0; i < CALLBACK_BREAKER.failures; i++)
      assert.equal((await get(url)).reason, 'callback-unavailable')
    assert.equal(callbacks.breakerState(api.url), 'open')
    const asked = api.questions.length
    assert.equal((await get(url)).reason, 'callback-unavailable')
    assert.equal(api.questions.length, asked, 'an open breaker does not call')
    edge.clock.advance(CALLBACK_BREAKER.openMs)
    assert.equal(callbacks.breakerState(api.url), 'half-open')
    assert.equal((await get(url)).reason, 'callback-unavailable')
    assert.equal(api.questions.length, asked + 1)
    assert.equal(callbacks.breakerState(api.url), 'open')
    edge.clock.advance(CALLBACK_BREAKER.openMs)
    api.answer((_q, res) => res.end('{"allow":true}'))
    assert.equal((await get(url)).status, 200)
    assert.equal(callbacks.breakerState(api.url), 'closed')
  })
})
