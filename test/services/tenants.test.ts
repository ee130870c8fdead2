// Tenants use case: create with generated ids and the clock's time, read, page, update, remove,
// and requireActive, which every credential check ends in.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

describe('tenants service', () => {
  it('creates an active tenant with a tn_ id at the clock’s time', async (t) => {
    const { services, clock } = await buildTestServices(t)
    const tenant = await services.tenants.create({ name: 'Acme' })
    assert.match(tenant.id, /^tn_[0-9a-f]{20}$/)
    assert.deepEqual(tenant, {
      id: tenant.id,
      name: 'Acme',
      status: 'active',
      createdAt: new Date(clock.now()),
    })
    assert.deepEqual(await services.tenants.get(tenant.id), tenant)
  })

  it('keeps a given id and status, and refuses the same id twice as CONFLICT', async (t) => {
    const { services } = await buildTestServices(t)
    const tenant = await services.tenants.create({ id: 'tn_x', name: 'X', status: 'suspended' })
    assert.equal(tenant.status, 'suspended')
    await rejectsWith(services.tenants.create({ id: 'tn_x', name: 'Y' }), 'CONFLICT')
  })

  it('reports an unknown tenant as NOT_FOUND naming the resource', async (t) => {
    const { services } = await buildTestServices(t)
    await assert.rejects(services.tenants.get('tn_nope'), {
      code: 'NOT_FOUND',
      message: 'tenant "tn_nope" not found',
      details: { resource: 'tenant', hint: 'tenant "tn_nope" not found' },
    })
    await rejectsWith(services.tenants.update('tn_nope', { name: 'x' }), 'NOT_FOUND')
    await rejectsWith(services.tenants.remove('tn_nope'), 'NOT_FOUND')
  })

  it('pages with clamped arguments: page at least 1, page size 1 to 100, default 20', async (t) => {
    const { services, clock } = await buildTestServices(t)
    for (let i = 0; i < 3; i++) {
      await services.tenants.create({ id: `tn_${i}`, name: `T${i}` })
      clock.advance(1000)
    }
    const page = await services.tenants.list()
    assert.deepEqual([page.page, page.pageSize, page.total], [1, 20, 3])
    const clamped = await services.tenants.list(0, 0)
    assert.deepEqual(
      [clamped.page, clamped.pageSize, clamped.items.map((x) => x.id)],
      [1, 1, ['tn_0']],
    )
    assert.equal((await services.tenants.list(2.7, 1000)).pageSize, 100)
    assert.deepEqual(
      (await services.tenants.list(2, 2)).items.map((x) => x.id),
      ['tn_2'],
    )
  })

  it('updates name and status and returns the stored tenant', async (t) => {
    const { services } = await buildTestServices(t)
    const tenant = await services.tenants.create({ id: 'tn_a', name: 'A' })
    const updated = await services.tenants.update('tn_a', { name: 'B', status: 'disabled' })
    assert.deepEqual(updated, { ...tenant, name: 'B', status: 'disabled' })
    assert.deepEqual(await services.tenants.get('tn_a'), updated)
  })

  it('removes a tenant', async (t) => {
    const { services } = await buildTestServices(t)
    await services.tenants.create({ id: 'tn_a', name: 'A' })
    await services.tenants.remove('tn_a')
    await rejectsWith(services.tenants.get('tn_a'), 'NOT_FOUND')
  })

  it('lets only active tenants through requireActive', async (t) => {
    const { services } = await buildTestServices(t)
    const active = await services.tenants.create({ id: 'tn_a', name: 'A' })
    await services.tenants.create({ id: 'tn_s', name: 'S', status: 'suspended' })
    await services.tenants.create({ id: 'tn_d', name: 'D', status: 'disabled' })
    assert.deepEqual(await services.tenants.requireActive('tn_a'), active)
    await rejectsWith(services.tenants.requireActive('tn_s'), 'TENANT_SUSPENDED')
    await rejectsWith(services.tenants.requireActive('tn_d'), 'TENANT_SUSPENDED')
    await rejectsWith(services.tenants.requireActive('tn_nope'), 'NOT_FOUND')
  })
})
