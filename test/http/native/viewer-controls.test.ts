// /v1/…/viewer-policy, /v1/tenants/:id/revocations, …/credentials/identify and …/sessions:
// exact bodies, the parameter of a malformed rule, and revocation of a leaked URL.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, nativeApp } from './native-app.ts'

describe('native viewer policies', () => {
  it('puts, reads and removes the policy of a play domain', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const tn = await tenant()
    const pd = await domain(tn.id)
    const empty = await call('GET', `/v1/play-domains/${pd.id}/viewer-policy`)
    assert.equal(empty.status, 200)
    assert.deepEqual(empty.body.rules, [])
    const body = {
      rules: [
        { action: 'allow', ip: ['10.0.0.0/8'], referrer: ['none'] },
        { action: 'deny', userAgent: ['cli', 'bot'] },
      ],
      caps: { maxIpsPerCredential: 2, idleSeconds: 30 },
      callback: null,
    }
    const put = await call('PUT', `/v1/play-domains/${pd.id}/viewer-policy`, body)
    assert.equal(put.status, 200, put.text)
    assert.deepEqual(put.body, {
      scope: 'domain',
      scopeId: pd.id,
      tenantId: tn.id,
      rules: body.rules,
      caps: { maxIpsPerCredential: 2, maxSessionsPerViewer: null, idleSeconds: 30 },
      callback: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    assert.deepEqual((await call('GET', `/v1/play-domains/${pd.id}/viewer-policy`)).body, put.body)
    assert.equal((await call('DELETE', `/v1/play-domains/${pd.id}/viewer-policy`)).status, 204)
    assert.deepEqual((await call('GET', `/v1/play-domains/${pd.id}/viewer-policy`)).body.rules, [])
  })

  it('refuses a malformed rule with its parameter, and an unknown video', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const pd = await domain((await tenant()).id)
    const bad = await call('PUT', `/v1/play-domains/${pd.id}/viewer-policy`, {
      rules: [{ action: 'deny' }, { action: 'deny', ip: ['10.0.0.0/40'] }],
    })
    assertError(bad, 400, 'INVALID_PARAMETER', 'rules[1].ip[0]')
    const unknown = await call('PUT', `/v1/videos/${'a'.repeat(32)}/viewer-policy`, {})
    assert.equal(unknown.status, 404)
  })
})

describe('native revocations and sessions', () => {
  it('revokes a leaked URL by its credential id, lists and lifts it', async (t) => {
    const { call, tenant, domain, services } = await nativeApp(t)
    const tn = await tenant()
    const pd = await domain(tn.id, { host: 'cdn.example.net' })
    const withKeys = (await services.playDomains.resolveHost('cdn.example.net'))!
    const signed = services.playUrls.signStreamUrl({
      domain: withKeys,
      stream: 'demo/mp4/demo.mp4',
      options: { uid: 'u1', rand: 'r1' },
    })
    const identity = await call('POST', `/v1/tenants/${tn.id}/credentials/identify`, {
      url: signed.url,
    })
    assert.equal(identity.status, 200, identity.text)
    assert.match(identity.body.credentialId, /^cr_[0-9a-f]{20}$/)
    assert.equal(identity.body.viewerId, 'u1')
    assert.equal(identity.body.domainId, pd.id)
    // An unknown tenant is named as such, not as a play domain it does not own.
    const stranger = await call('POST', '/v1/tenants/tn_nobody/credentials/identify', {
      url: signed.url,
    })
    assert.deepEqual(
      [stranger.status, stranger.body.error.code, stranger.body.error.message],
      [404, 'NOT_FOUND', 'tenant "tn_nobody" not found'],
    )

    const created = await call('POST', `/v1/tenants/${tn.id}/revocations`, {
      url: signed.url,
      reason: 'shared in a chat',
    })
    assert.equal(created.status, 201, created.text)
    assert.deepEqual(
      { ...created.body, id: undefined },
      {
        id: undefined,
        tenantId: tn.id,
        domainId: pd.id,
        kind: 'credential',
        value: identity.body.credentialId,
        reason: 'shared in a chat',
        expiresAt: new Date((signed.expiresAt + 30) * 1000).toISOString(),
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    )
    const list = await call('GET', `/v1/tenants/${tn.id}/revocations`)
    assert.deepEqual(list.body.items, [created.body])
    const audit = await call('GET', `/v1/audit-events?tenantId=${tn.id}&kind=credential.revoked`)
    assert.equal(audit.body.items[0].subject, created.body.id)
    const lift = `/v1/tenants/${tn.id}/revocations/${created.body.id}`
    assert.equal((await call('DELETE', lift)).status, 204)
    assert.equal((await call('DELETE', lift)).status, 404)
  })

  it('refuses an entry without a reason, an unknown kind, a foreign domain', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const tn = await tenant()
    const other = await tenant({ name: 'Other' })
    const pd = await domain(other.id)
    const url = `/v1/tenants/${tn.id}/revocations`
    assertError(
      await call('POST', url, { kind: 'viewer', value: 'u1', reason: '' }),
      400,
      'INVALID_PARAMETER',
      'reason',
    )
    assert.equal((await call('POST', url, { kind: 'planet', value: 'x', reason: 'r' })).status, 400)
    const foreign = await call('POST', url, {
      kind: 'viewer',
      value: 'u1',
      reason: 'r',
      domainId: pd.id,
    })
    assert.equal(foreign.status, 404)
  })

  it('lists no sessions for a quiet tenant and 404s an unknown one to kick', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const tn = await tenant()
    assert.deepEqual((await call('GET', `/v1/tenants/${tn.id}/sessions`)).body, { items: [] })
    assert.equal((await call('DELETE', `/v1/tenants/${tn.id}/sessions/vs_x`)).status, 404)
  })
})
