// Audit events repository on every dialect: append, filter by tenant, kind, subject, outcome and
// time, newest first,
// JSON detail and null reasons round-trip.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditEvent } from '../../src/core/model.ts'
import { insertAuditEvent, listAuditEvents } from '../../src/storage/repositories/audit-events.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at } from './fixtures.ts'

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'ev_1',
    tenantId: 'tn_a',
    kind: 'credential.denied',
    subject: '0123456789abcdef0123456789abcdef',
    reason: 'SIGNATURE_MISMATCH',
    detail: { protocol: 'aliyun', nested: { n: 1.5, ok: true, list: ['x', null] } },
    at: at(),
    ...overrides,
  }
}

const ALL = { page: 1, pageSize: 50 }

for (const dialect of DIALECTS) {
  describe(`audit events repository (${dialect})`, () => {
    it('reads back every field, with JSON detail and the time to the millisecond', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event())
      const page = await listAuditEvents(db, {}, ALL)
      assert.deepEqual(page.items, [event()])
    })

    it('keeps a null tenant and a null reason as null', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event({ tenantId: null, reason: null, detail: {} }))
      assert.deepEqual((await listAuditEvents(db, {}, ALL)).items, [
        event({ tenantId: null, reason: null, detail: {} }),
      ])
    })

    it('lists newest first, ties by id, with the total of the filter', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event({ id: 'ev_old', at: at(0) }))
      await insertAuditEvent(db, event({ id: 'ev_new', at: at(2000) }))
      await insertAuditEvent(db, event({ id: 'ev_mid_b', at: at(1000) }))
      await insertAuditEvent(db, event({ id: 'ev_mid_a', at: at(1000) }))
      const first = await listAuditEvents(db, {}, { page: 1, pageSize: 3 })
      assert.deepEqual(
        first.items.map((e) => e.id),
        ['ev_new', 'ev_mid_a', 'ev_mid_b'],
      )
      assert.deepEqual([first.total, first.page, first.pageSize], [4, 1, 3])
      const second = await listAuditEvents(db, {}, { page: 2, pageSize: 3 })
      assert.deepEqual(
        second.items.map((e) => e.id),
        ['ev_old'],
      )
    })

    it('filters by tenant, by kind, and by both', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event({ id: 'ev_1' }))
      await insertAuditEvent(db, event({ id: 'ev_2', kind: 'key.rotated' }))
      await insertAuditEvent(db, event({ id: 'ev_3', tenantId: 'tn_b' }))
      await insertAuditEvent(db, event({ id: 'ev_4', tenantId: null }))
      const ids = async (filter: Parameters<typeof listAuditEvents>[1]) => {
        const page = await listAuditEvents(db, filter, ALL)
        return { ids: page.items.map((e) => e.id).sort(), total: page.total }
      }
      assert.deepEqual(await ids({ tenantId: 'tn_a' }), { ids: ['ev_1', 'ev_2'], total: 2 })
      assert.deepEqual(await ids({ kind: 'credential.denied' }), {
        ids: ['ev_1', 'ev_3', 'ev_4'],
        total: 3,
      })
      assert.deepEqual(await ids({ tenantId: 'tn_a', kind: 'key.rotated' }), {
        ids: ['ev_2'],
        total: 1,
      })
      assert.deepEqual(await ids({ tenantId: 'tn_none' }), { ids: [], total: 0 })
    })

    it('filters by subject, outcome and a time range (from inclusive, to exclusive)', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event({ id: 'ev_1', at: at(0) }))
      await insertAuditEvent(db, event({ id: 'ev_2', reason: null, at: at(1000) }))
      await insertAuditEvent(
        db,
        event({ id: 'ev_3', subject: 'other', reason: null, at: at(2000) }),
      )
      const ids = async (filter: Parameters<typeof listAuditEvents>[1]) => {
        const page = await listAuditEvents(db, filter, ALL)
        return page.items.map((e) => e.id).sort()
      }
      assert.deepEqual(await ids({ subject: 'other' }), ['ev_3'])
      assert.deepEqual(await ids({ outcome: 'denied' }), ['ev_1'])
      assert.deepEqual(await ids({ outcome: 'allowed' }), ['ev_2', 'ev_3'])
      assert.deepEqual(await ids({ from: at(1000), to: at(2000) }), ['ev_2'])
      assert.deepEqual(await ids({ from: at(1000), outcome: 'allowed', subject: 'other' }), [
        'ev_3',
      ])
    })

    it('refuses a second event with the same id', async (t) => {
      const db = await openTestDb(t, dialect)
      await insertAuditEvent(db, event())
      await assert.rejects(insertAuditEvent(db, event()))
      assert.equal((await listAuditEvents(db, {}, ALL)).total, 1)
    })
  })
}
