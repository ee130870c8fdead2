// Native API, /v1/tenants/:tenantId/access-keys: the secret is in the creation response only;
// keys are reachable only under their own tenant; the issued secret is the one verifiers use.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp, NOW } from './native-app.ts'

describe('native API: access keys', () => {
  it('issues a key with a generated id and secret, shown once in the 201 body', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const reply = await call('POST', `/v1/tenants/${tenantId}/access-keys`, {
      protocol: 'aliyun',
      description: 'CI pipeline',
    })
    assert.equal(reply.status, 201)
    assert.match(reply.body.id, /^ak_[0-9a-f]{20}$/)
    assert.match(reply.body.keyId, /^LTAI[A-Za-z0-9]{20}$/)
    assert.match(reply.body.secret, /^[A-Za-z0-9]{30}$/)
    assert.deepEqual(reply.body, {
      id: reply.body.id,
      tenantId,
      protocol: 'aliyun',
      keyId: reply.body.keyId,
      status: 'active',
      description: 'CI pipeline',
      createdAt: NOW,
      secret: reply.body.secret,
    })
  })

  it('never returns the secret again: not in the list, not on read, not after update', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const issued = (
      await call('POST', `/v1/tenants/${tenantId}/access-keys`, { protocol: 'tencent' })
    ).body
    const { secret, ...key } = issued
    const list = await call('GET', `/v1/tenants/${tenantId}/access-keys`)
    assert.deepEqual(list.body, { items: [key], total: 1, page: 1, pageSize: 20 })
    const read = await call('GET', `/v1/tenants/${tenantId}/access-keys/${key.id}`)
    assert.deepEqual(read.body, key)
    const updated = await call('PATCH', `/v1/tenants/${tenantId}/access-keys/${key.id}`, {
      status: 'disabled',
    })
    assert.deepEqual(updated.body, { ...key, status: 'disabled' })
    for (const reply of [list, read, updated]) assert.ok(!reply.text.includes(secret))
  })

  it('issues a key with a chosen key id and secret, which signature checks then use', async (t) => {
    const { call, tenant, services } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const reply = await call('POST', `/v1/tenants/${tenantId}/access-keys`, {
      protocol: 'polyv',
      keyId: 'a1b2c3d4e5',
      secret: 'Polyv-Secret-42',
    })
    assert.equal(reply.status, 201)
    assert.equal(reply.body.keyId, 'a1b2c3d4e5')
    assert.equal(reply.body.secret, 'Polyv-Secret-42')
    const found = await services.accessKeys.lookup('polyv', 'a1b2c3d4e5')
    assert.ok(found.ok)
    assert.equal(found.value.key.secret, 'Polyv-Secret-42')
  })

  it('disables a key so lookups refuse it, and re-enables it', async (t) => {
    const { call, tenant, services } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const key = (await call('POST', `/v1/tenants/${tenantId}/access-keys`, { protocol: 'native' }))
      .body
    await call('PATCH', `/v1/tenants/${tenantId}/access-keys/${key.id}`, { status: 'disabled' })
    const refused = await services.accessKeys.lookup('native', key.keyId)
    assert.deepEqual(refused.ok ? 'ok' : refused.code, 'ACCESS_KEY_DISABLED')
    await call('PATCH', `/v1/tenants/${tenantId}/access-keys/${key.id}`, { status: 'active' })
    assert.ok((await services.accessKeys.lookup('native', key.keyId)).ok)
  })

  it('deletes a key with 204; reading it afterwards is 404', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const key = (
      await call('POST', `/v1/tenants/${tenantId}/access-keys`, { protocol: 'dingtalk' })
    ).body
    const reply = await call('DELETE', `/v1/tenants/${tenantId}/access-keys/${key.id}`)
    assert.equal(reply.status, 204)
    assert.equal(reply.text, '')
    assertNotFound(
      await call('GET', `/v1/tenants/${tenantId}/access-keys/${key.id}`),
      `access key "${key.id}" not found`,
    )
  })

  it('lists keys a page at a time', async (t) => {
    const { call, tenant, clock } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const key = await call('POST', `/v1/tenants/${tenantId}/access-keys`, { protocol: 'aliyun' })
      ids.push(key.body.id)
      clock.advance(1000)
    }
    const page = await call('GET', `/v1/tenants/${tenantId}/access-keys?page=2&pageSize=2`)
    assert.deepEqual(
      { ...page.body, items: page.body.items.map((k: { id: string }) => k.id) },
      { items: [ids[2]], total: 3, page: 2, pageSize: 2 },
    )
  })

  it("reports another tenant's key as not found, and leaves it untouched", async (t) => {
    const { call, tenant } = await nativeApp(t)
    const a = await tenant({ name: 'A' })
    const b = await tenant({ name: 'B' })
    const key = (await call('POST', `/v1/tenants/${a.id}/access-keys`, { protocol: 'aliyun' })).body
    const elsewhere = `/v1/tenants/${b.id}/access-keys/${key.id}`
    // The same words as for a key that does not exist: other tenants' ids cannot be probed.
    const unknown = `access key "${key.id}" not found`
    assertNotFound(await call('GET', elsewhere), unknown)
    assertNotFound(await call('PATCH', elsewhere, { status: 'disabled' }), unknown)
    assertNotFound(await call('DELETE', elsewhere), unknown)
    const still = await call('GET', `/v1/tenants/${a.id}/access-keys/${key.id}`)
    assert.equal(still.body.status, 'active')
  })

  it('answers 404 for an unknown tenant on every key route', async (t) => {
    const { call } = await nativeApp(t)
    const base = '/v1/tenants/tn_missing/access-keys'
    const unknown = 'tenant "tn_missing" not found'
    assertNotFound(await call('POST', base, { protocol: 'aliyun' }), unknown)
    assertNotFound(await call('GET', base), unknown)
    assertNotFound(await call('GET', `${base}/ak_x`), unknown)
  })

  it('answers 409 CONFLICT for a key id already used by the same protocol', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    const body = { protocol: 'aliyun', keyId: 'LTAIfixed0001' }
    assert.equal((await call('POST', `/v1/tenants/${id}/access-keys`, body)).status, 201)
    assertError(
      await call('POST', `/v1/tenants/${id}/access-keys`, body),
      409,
      'CONFLICT',
      undefined,
      'access key LTAIfixed0001 already exists',
    )
    const other = await call('POST', `/v1/tenants/${id}/access-keys`, {
      ...body,
      protocol: 'tencent',
    })
    assert.equal(other.status, 201)
  })

  it('answers 400 naming the field for bad input', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    const url = `/v1/tenants/${id}/access-keys`
    assertError(await call('POST', url, {}), 400, 'MISSING_PARAMETER', 'protocol')
    const cases: [unknown, string][] = [
      [{ protocol: 'aws' }, 'protocol'],
      [{ protocol: 'aliyun', secret: 'short' }, 'secret'],
      [{ protocol: 'aliyun', secret: 'has spaces in it' }, 'secret'],
      [{ protocol: 'aliyun', keyId: 'a/b/c/d' }, 'keyId'],
      [{ protocol: 'aliyun', status: 'active' }, 'status'],
    ]
    for (const [body, parameter] of cases)
      assertError(await call('POST', url, body), 400, 'INVALID_PARAMETER', parameter)
    const key = (await call('POST', url, { protocol: 'aliyun' })).body
    assertError(
      await call('PATCH', `${url}/${key.id}`, { status: 'revoked' }),
      400,
      'INVALID_PARAMETER',
      'status',
    )
    assertError(
      await call('PATCH', `${url}/${key.id}`, { secret: 'new-secret-123' }),
      400,
      'INVALID_PARAMETER',
      'secret',
    )
  })
})
