// Audit use case: events get an ev_ id and the clock's time, and recording never fails the
// request it describes, even when storage does.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AUDIT_FLUSH_MS } from '../../src/services/audit.ts'
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

  it('writes events in batches, within AUDIT_FLUSH_MS, in order, without a flush call', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] })
    const { services, deps } = await buildTestServices(t)
    const count = async () =>
      Number(
        (
          await deps.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    for (let i = 0; i < 250; i++)
      await services.audit.record({ tenantId: null, kind: 'credential.issued', subject: `s${i}` })
    // The first 200 filled a batch and were written at once; the other 50 wait for the timer.
    await services.audit.flush().then(() => undefined)
    assert.equal(await count(), 250)
    await services.audit.record({ tenantId: null, kind: 'credential.issued', subject: 'late' })
    assert.equal(await count(), 250)
    t.mock.timers.tick(AUDIT_FLUSH_MS)
    // No flush call: the timer alone writes it (a few event-loop turns for the async driver).
    for (let turn = 0; turn < 50 && (await count()) < 251; turn++) await new Promise(setImmediate)
    assert.equal(await count(), 251)
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
