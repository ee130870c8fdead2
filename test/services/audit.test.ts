// Audit use case: events get an ev_ id and the clock's time, and recording never fails the
// request it describes, even when storage does.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestServices } from '../helpers/services.ts'

describe('audit service', () => {
  it('records an event with a generated id, the clock’s time and defaults', async (t) => {
    const { services, clock } = await buildTestServices(t)
    await services.audit.record({ tenantId: null, kind: 'credential.issued', subject: 'v1' })
    const page = await services.audit.list({})
    assert.match(page.items[0]?.id ?? '', /^ev_[0-9a-f]{20}$/)
    assert.deepEqual(page, {
      items: [
        {
          id: page.items[0]?.id,
          tenantId: null,
          kind: 'credential.issued',
          subject: 'v1',
          reason: null,
          detail: {},
          at: new Date(clock.now()),
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    })
  })

  it('lists newest first with clamped pages', async (t) => {
    const { services, clock } = await buildTestServices(t)
    for (const subject of ['a', 'b', 'c']) {
      await services.audit.record({ tenantId: 'tn_a', kind: 'key.rotated', subject })
      clock.advance(1000)
    }
    const page = await services.audit.list({ tenantId: 'tn_a' }, 0, 2)
    assert.deepEqual([page.items.map((e) => e.subject), page.total, page.page], [['c', 'b'], 3, 1])
  })

  it('swallows a storage failure instead of failing the caller', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await deps.db.schema.dropTable('audit_events').execute()
    await services.audit.record({ tenantId: 'tn_a', kind: 'credential.denied', subject: 'x' })
  })
})
