// Audit use case: events get an ev_ id and the clock's time, and recording never fails the
// request it describes, even when storage does.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { KyselyPlugin } from 'kysely'
import { isAppError } from '../../src/core/errors.ts'
import { AUDIT_FLUSH_MS, createAudit } from '../../src/services/audit.ts'
import { buildTestServices } from '../helpers/services.ts'

const BATCHED = { env: { PLAYGATE_AUDIT_DURABILITY: 'batched' } }

/** Counts the INSERT statements a Kysely instance runs (one per commit of audit events). */
function insertCounter(): KyselyPlugin & { inserts: number } {
  return {
    inserts: 0,
    transformQuery: (args) => args.node,
    // Counted per execution (a write reports affected rows): hot inserts are compiled only once.
    transformResult(args) {
      if (args.result.numAffectedRows !== undefined) this.inserts++
      return Promise.resolve(args.result)
    },
  }
}

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

  it('batched: writes events in batches, within AUDIT_FLUSH_MS, in order, without a flush call', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] })
    const { services, deps } = await buildTestServices(t, BATCHED)
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

  it('batched: swallows a storage failure instead of failing the caller', async (t) => {
    const { services, deps } = await buildTestServices(t, BATCHED)
    await deps.db.schema.dropTable('audit_events').execute()
    await services.audit.record({ tenantId: 'tn_a', kind: 'credential.denied', subject: 'x' })
  })

  it('is strict by default: record resolves once the event is committed, no flush needed', async (t) => {
    const { services, deps } = await buildTestServices(t)
    assert.equal(deps.config.audit.durability, 'strict')
    await services.audit.record({ tenantId: null, kind: 'credential.issued', subject: 'v1' })
    const rows = await deps.db.selectFrom('audit_events').select('subject').execute()
    assert.deepEqual(rows, [{ subject: 'v1' }])
  })

  it('strict: concurrent events share commits (group commit), each one written once, in order', async (t) => {
    const { deps } = await buildTestServices(t)
    const counter = insertCounter()
    const audit = createAudit({ ...deps, db: deps.db.withPlugin(counter) })
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        audit.record({ tenantId: null, kind: 'credential.issued', subject: `s${i}` }),
      ),
    )
    const rows = await deps.db.selectFrom('audit_events').select('subject').orderBy('id').execute()
    assert.equal(rows.length, 500)
    assert.equal(new Set(rows.map((r) => r.subject)).size, 500)
    // 500 events in batches of at most 200: 3 commits, not 500.
    assert.equal(counter.inserts, 3)
  })

  it('strict: a storage failure rejects with UNAVAILABLE, so no credential goes out unaudited', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await deps.db.schema.dropTable('audit_events').execute()
    await assert.rejects(
      services.audit.record({ tenantId: 'tn_a', kind: 'credential.issued', subject: 'x' }),
      (error) => isAppError(error) && error.code === 'UNAVAILABLE',
    )
  })

  it('strict: GetVideoPlayAuth hands out no PlayAuth when its audit event cannot be written', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await services.tenants.create({ id: 'tn_a', name: 'A' })
    const video = await services.videos.create({ tenantId: 'tn_a', title: 'V', status: 'Normal' })
    await services.aliyunPlayback.issuePlayAuth({ tenantId: 'tn_a', videoId: video.id })
    await deps.db.schema.dropTable('audit_events').execute()
    await assert.rejects(
      services.aliyunPlayback.issuePlayAuth({ tenantId: 'tn_a', videoId: video.id }),
      (error) => isAppError(error) && error.code === 'UNAVAILABLE',
    )
  })

  it('counts repeats of one event into one, with its count, at the first one’s time', async (t) => {
    const { services, clock } = await buildTestServices(t)
    const first = clock.now()
    const refusal = {
      tenantId: 'tn_a',
      kind: 'password.attempted',
      subject: 'v1',
      reason: 'RATE_LIMITED',
      detail: { client: '203.0.113.7' },
    } as const
    services.audit.count(refusal)
    clock.advance(250)
    services.audit.count(refusal)
    services.audit.count({ ...refusal, detail: { client: '198.51.100.1' } })
    assert.equal(services.audit.queued(), 2)
    const page = await services.audit.list({ kind: 'password.attempted' })
    assert.deepEqual(
      page.items.map((e) => [e.detail, e.at.getTime()]).sort(),
      [
        [{ client: '203.0.113.7', count: 2, lastAt: new Date(first + 250).toISOString() }, first],
        [{ client: '198.51.100.1', count: 1 }, first + 250],
      ].sort(),
    )
    assert.equal(services.audit.queued(), 0)
  })
})
