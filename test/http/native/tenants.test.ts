// Native API, /v1/tenants: create, read, list with pages, update, delete, and every bad input as a
// 4xx in the native error shape.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp, NOW } from './native-app.ts'

describe('native API: tenants', () => {
  it('creates a tenant: 201 with id, name, active status and an ISO creation time', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('POST', '/v1/tenants', { name: 'Acme Learning' })
    assert.equal(reply.status, 201)
    assert.match(reply.body.id, /^tn_[0-9a-f]{20}$/)
    assert.deepEqual(reply.body, {
      id: reply.body.id,
      name: 'Acme Learning',
      status: 'active',
      createdAt: NOW,
    })
  })

  it('creates a tenant with its own id and status, and reads it back', async (t) => {
    const { call } = await nativeApp(t)
    const body = { id: 'acme', name: 'Acme', status: 'suspended' }
    assert.equal((await call('POST', '/v1/tenants', body)).status, 201)
    const reply = await call('GET', '/v1/tenants/acme')
    assert.equal(reply.status, 200)
    assert.deepEqual(reply.body, { ...body, createdAt: NOW })
  })

  it('lists tenants a page at a time, with the total', async (t) => {
    const { call, clock } = await nativeApp(t)
    for (const id of ['t1', 't2', 't3']) {
      await call('POST', '/v1/tenants', { id, name: id.toUpperCase() })
      clock.advance(1000)
    }
    const first = await call('GET', '/v1/tenants?page=1&pageSize=2')
    assert.equal(first.status, 200)
    assert.deepEqual(first.body, {
      items: [
        { id: 't1', name: 'T1', status: 'active', createdAt: '2026-01-01T00:00:00.000Z' },
        { id: 't2', name: 'T2', status: 'active', createdAt: '2026-01-01T00:00:01.000Z' },
      ],
      total: 3,
      page: 1,
      pageSize: 2,
    })
    const second = await call('GET', '/v1/tenants?page=2&pageSize=2')
    assert.deepEqual(second.body, {
      items: [{ id: 't3', name: 'T3', status: 'active', createdAt: '2026-01-01T00:00:02.000Z' }],
      total: 3,
      page: 2,
      pageSize: 2,
    })
    const beyond = await call('GET', '/v1/tenants?page=9&pageSize=2')
    assert.deepEqual(beyond.body, { items: [], total: 3, page: 9, pageSize: 2 })
  })

  it('defaults to page 1 of 20', async (t) => {
    const { call } = await nativeApp(t)
    assert.deepEqual((await call('GET', '/v1/tenants')).body, {
      items: [],
      total: 0,
      page: 1,
      pageSize: 20,
    })
  })

  it('renames, suspends and reactivates a tenant', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    const renamed = await call('PATCH', `/v1/tenants/${id}`, {
      name: 'Acme Ltd',
      status: 'suspended',
    })
    assert.equal(renamed.status, 200)
    assert.deepEqual(renamed.body, { id, name: 'Acme Ltd', status: 'suspended', createdAt: NOW })
    const active = await call('PATCH', `/v1/tenants/${id}`, { status: 'active' })
    assert.deepEqual(active.body, { id, name: 'Acme Ltd', status: 'active', createdAt: NOW })
  })

  it('deletes a tenant with 204 and no body; it is gone afterwards', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    const reply = await call('DELETE', `/v1/tenants/${id}`)
    assert.equal(reply.status, 204)
    assert.equal(reply.text, '')
    assertNotFound(await call('GET', `/v1/tenants/${id}`), `tenant "${id}" not found`)
  })

  it('deleting a tenant deletes its videos, keys and domains', async (t) => {
    const { call, tenant, video, domain } = await nativeApp(t)
    const { id } = await tenant()
    const v = await video(id)
    const d = await domain(id)
    await call('POST', `/v1/tenants/${id}/access-keys`, { protocol: 'aliyun' })
    assert.equal((await call('DELETE', `/v1/tenants/${id}`)).status, 204)
    assertNotFound(await call('GET', `/v1/videos/${v.id}`), `video "${v.id}" not found`)
    assertNotFound(await call('GET', `/v1/play-domains/${d.id}`), `play domain "${d.id}" not found`)
  })

  it('answers 404 NOT_FOUND for an unknown tenant on read, update and delete', async (t) => {
    const { call } = await nativeApp(t)
    assertNotFound(await call('GET', '/v1/tenants/tn_missing'), 'tenant "tn_missing" not found')
    assertNotFound(
      await call('PATCH', '/v1/tenants/tn_missing', { name: 'x' }),
      'tenant "tn_missing" not found',
    )
    assertNotFound(await call('DELETE', '/v1/tenants/tn_missing'), 'tenant "tn_missing" not found')
  })

  it('answers 409 CONFLICT for an id that is taken', async (t) => {
    const { call } = await nativeApp(t)
    await call('POST', '/v1/tenants', { id: 'acme', name: 'Acme' })
    assertError(
      await call('POST', '/v1/tenants', { id: 'acme', name: 'Other' }),
      409,
      'CONFLICT',
      undefined,
      'tenant acme already exists',
    )
  })

  it('answers 400 MISSING_PARAMETER naming a required field', async (t) => {
    const { call } = await nativeApp(t)
    assertError(await call('POST', '/v1/tenants', {}), 400, 'MISSING_PARAMETER', 'name')
  })

  it('answers 400 INVALID_PARAMETER naming a wrong, unknown or out-of-range field', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const cases: [unknown, string][] = [
      [{ name: 42 }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(257) }, 'name'],
      [{ name: 'A\u0000B' }, 'name'],
      [{ name: 'Acme', status: 'frozen' }, 'status'],
      [{ name: 'Acme', id: 'has space' }, 'id'],
      [{ name: 'Acme', admin: true }, 'admin'],
    ]
    for (const [body, parameter] of cases)
      assertError(await call('POST', '/v1/tenants', body), 400, 'INVALID_PARAMETER', parameter)
    assertError(
      await call('POST', '/v1/tenants', ['Acme']),
      400,
      'INVALID_PARAMETER',
      'body',
      'The request body must be a JSON object sent with Content-Type: application/json.',
    )
    const { id } = await tenant()
    assertError(
      await call('PATCH', `/v1/tenants/${id}`, { createdAt: NOW }),
      400,
      'INVALID_PARAMETER',
      'createdAt',
    )
    assertError(await call('GET', '/v1/tenants/a%20b'), 400, 'INVALID_PARAMETER', 'id')
  })

  it('rejects page and pageSize that are not positive integers within bounds', async (t) => {
    const { call } = await nativeApp(t)
    for (const [query, parameter] of [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=1&page=2', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=101', 'pageSize'],
      ['pageSize=-1', 'pageSize'],
    ])
      assertError(await call('GET', `/v1/tenants?${query}`), 400, 'INVALID_PARAMETER', parameter)
  })
})
