// Viewer controls on two replicas (their own listeners) on one database and one Redis:
// a revocation made on one is refused by the other at its next request, a per-credential cap
// counts addresses across both, and a single-use URL is served once across both.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TENANT } from './edge-app.ts'
import { REDIS_SKIP, twoReplicas } from './replicas.ts'
import { get, issue } from './viewer-http.ts'

const PROXIED = { PLAYGATE_EDGE_TRUSTED_PROXIES: '127.0.0.1, ::1' }
const from = (ip: string) => ({ 'x-forwarded-for': ip })

describe('edge: viewer controls on two replicas', { skip: REDIS_SKIP }, () => {
  it('refuses on the other replica at its next request after a revocation', async (t) => {
    const { a, b, onB } = await twoReplicas(t)
    const domain = await a.domain('aliyun-a')
    const url = a.signedUrl(domain, '/demo/mp4/demo.mp4', { uid: 'u1' })
    assert.equal((await get(onB(url))).status, 200)
    const revoked = await fetch(`${a.base}/v1/tenants/${TENANT}/revocations`, {
      method: 'POST',
      headers: { ...a.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ url, reason: 'leaked' }),
    })
    assert.equal(revoked.status, 201, await revoked.text())
    const started = performance.now()
    let answer = await get(onB(url))
    while (answer.status === 200 && performance.now() - started < 1000) answer = await get(onB(url))
    assert.deepEqual(answer, { status: 403, code: 'TOKEN_REVOKED', reason: 'revoked' })
    assert.ok(performance.now() - started < 1000, 'seen by the other replica within 1 s')
    // Lifting on b restores it on a.
    const [entry] = await b.services.viewerControls.listRevocations(TENANT)
    await b.services.viewerControls.lift(TENANT, entry!.id)
    const lifted = performance.now()
    while ((await get(url)).status !== 200) assert.ok(performance.now() - lifted < 1000)
  })

  it('counts a credential’s addresses across both replicas', async (t) => {
    const { a, b, onB } = await twoReplicas(t, PROXIED)
    const domain = await a.domain('native')
    await b.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxIpsPerCredential: 1, idleSeconds: 30 },
    })
    const url = a.signedUrl(domain, '/demo/mp4/demo.mp4')
    assert.equal((await get(url, from('10.0.0.1'))).status, 200)
    assert.deepEqual(await get(onB(url), from('10.0.0.2')), {
      status: 403,
      code: 'FORBIDDEN',
      reason: 'credential-ip-cap',
    })
    assert.equal((await get(onB(url), from('10.0.0.1'))).status, 200)
    const sessions = await b.services.viewerSessions.list(TENANT)
    assert.deepEqual(
      sessions.map((s) => s.clientIp),
      ['10.0.0.1'],
    )
  })

  it('serves a single-use URL once across both, even when asked at once', async (t) => {
    const { a, onB } = await twoReplicas(t)
    const issued = await issue(a, 1)
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => get(i % 2 === 0 ? issued.url : onB(issued.url))),
    )
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 403, 403, 403, 403, 403, 403, 403])
    assert.equal((await get(onB(issued.url))).reason, 'used-up')
  })
})
