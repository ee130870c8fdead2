// The edge's answers from memory (memory-path.ts): with the domain, the tenant's viewer controls
// and the file all held, a request is decided and answered without a promise; its answer is the
// general path's, and a revocation or a key rotation takes effect on it at once.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp, TENANT, type EdgeTestApp } from './edge-app.ts'

const SEGMENT = '/demo/hls/segment-000.ts'
/** Makes the memory path step aside (it answers no conditional request), with the same 200. */
const GENERAL = { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' }

/**
 * Counts the general path's lookups of the domain and of its viewer controls, which an answer
 * from memory makes none of.
 */
function countLookups(edge: EdgeTestApp): () => number {
  const { playDomains, edgeControls } = edge.services
  const resolveHost = playDomains.resolveHost.bind(playDomains)
  const forDomain = edgeControls.forDomain.bind(edgeControls)
  let calls = 0
  playDomains.resolveHost = (host) => {
    calls++
    return resolveHost(host)
  }
  edgeControls.forDomain = (domain) => {
    calls++
    return forDomain(domain)
  }
  return () => calls
}

/**
 * Requests `url` until an answer comes from memory (the controls version is re-read every
 * 100 ms, so on a busy machine one request may take the general path); that answer.
 */
async function fromMemory(
  lookups: () => number,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const before = lookups()
    const response = await fetch(url, init)
    if (lookups() === before) return response
    await response.arrayBuffer()
  }
  throw new Error('no answer came from memory')
}

/** Status, body and headers but the request id and date, which differ on every answer. */
async function shape(response: Response) {
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => name !== 'x-request-id' && name !== 'date'),
  )
  const body = Buffer.from(await response.arrayBuffer()).toString('hex')
  return { status: response.status, headers, body }
}

/** The value of the metric line `name{labels}` in the API listener's /metrics (0 if absent). */
async function metric(edge: EdgeTestApp, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${edge.base}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `))
  return Number(line?.split(' ')[1] ?? 0)
}

describe('edge: answers from memory', () => {
  it('answers a held file as the general path does, GET, HEAD and CORS alike', async (t) => {
    const edge = await buildEdgeTestApp(t, {
      env: { PLAYGATE_EDGE_CORS_ORIGINS: 'https://player.example' },
    })
    const lookups = countLookups(edge)
    const domain = await edge.domain('nginx-secure-link')
    const url = edge.signedUrl(domain, SEGMENT)
    for (const init of [
      {},
      { method: 'HEAD' },
      { headers: { origin: 'https://player.example' } },
      { headers: { origin: 'https://elsewhere.example' } },
    ] as RequestInit[]) {
      const general = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...GENERAL },
      })
      const held = await fromMemory(lookups, url, init)
      assert.match(held.headers.get('x-request-id') ?? '', /^req_[0-9a-f]{20}$/)
      assert.deepEqual(await shape(held), await shape(general))
    }
  })

  it('counts each request once, as the general path does: decision, request, cache hits', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const lookups = countLookups(edge)
    const domain = await edge.domain('nginx-secure-link')
    const url = edge.signedUrl(domain, SEGMENT)
    await fromMemory(lookups, url)
    const counted = () =>
      Promise.all([
        metric(edge, 'playgate_edge_decisions_total', 'outcome="allow",reason=""'),
        metric(edge, 'playgate_http_requests_total', 'method="GET",route="/play/*",status="200"'),
        metric(edge, 'playgate_cache_lookups_total', 'cache="play-domains",result="hit"'),
        metric(edge, 'playgate_cache_lookups_total', 'cache="live-stream-presence",result="hit"'),
      ])
    const before = await counted()
    const requests = 5
    // Whichever path each takes (most from memory), each counts once everywhere.
    for (let i = 0; i < requests; i++) assert.equal((await fetch(url)).status, 200)
    const after = await counted()
    assert.deepEqual(
      after.map((n, i) => n - before[i]!),
      [requests, requests, requests, requests],
    )
  })

  it('refuses a forged signature from memory with the general path’s answer', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const lookups = countLookups(edge)
    const domain = await edge.domain('nginx-secure-link')
    const url = edge.signedUrl(domain, SEGMENT)
    await fromMemory(lookups, url)
    const forged = url.replace(/md5=[^&]+/, 'md5=AAAAAAAAAAAAAAAAAAAAAA')
    const refused = await fromMemory(lookups, forged)
    assert.equal(refused.status, 403)
    assert.equal(refused.headers.get('x-error-code'), 'SIGNATURE_MISMATCH')
    assert.equal(await refused.text(), 'Forbidden\n')
  })

  it('a revocation takes effect on the next request after one answered from memory', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const lookups = countLookups(edge)
    const domain = await edge.domain('nginx-secure-link')
    const leaked = edge.signedUrl(domain, SEGMENT)
    const other = edge.signedUrl(domain, '/demo/hls/segment-001.ts')
    assert.equal((await fromMemory(lookups, leaked)).status, 200)
    await edge.services.viewerControls.revokeUrl(TENANT, leaked, 'leaked')
    const revoked = await fetch(leaked)
    assert.equal(revoked.status, 403)
    assert.equal(revoked.headers.get('x-error-code'), 'TOKEN_REVOKED')
    assert.equal((await fetch(other)).status, 200, 'other credentials still play')
  })

  it('a key rotation takes effect on the next request after one answered from memory', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const lookups = countLookups(edge)
    const domain = await edge.domain('nginx-secure-link')
    const before = edge.signedUrl(domain, SEGMENT)
    assert.equal((await fromMemory(lookups, before)).status, 200)
    await edge.services.playDomains.rotate(domain.id)
    const rotated = await edge.services.playDomains.rotate(domain.id)
    const retired = await fetch(before)
    assert.equal(retired.status, 403)
    assert.equal(retired.headers.get('x-error-code'), 'SIGNATURE_MISMATCH')
    const after = edge.signedUrl(rotated, SEGMENT)
    assert.equal((await fromMemory(lookups, after)).status, 200, 'the new primary, from memory')
  })
})
