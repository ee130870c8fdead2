// Audit events: credentials issued or denied, keys rotated, password attempts. Append-only.
import type { AuditEvent, AuditKind } from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { AuditEventRow } from '../tables.ts'
import { selectPage, parseJson, type Page, type PageOf } from './shared.ts'

export async function insertAuditEvent(db: Db, event: AuditEvent): Promise<void> {
  await insertAuditEvents(db, [event])
}

/** One multi-row insert: audit is written in batches so a credential costs no commit of its own. */
export async function insertAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('audit_events')
    .values(
      events.map((event) => ({
        id: event.id,
        tenant_id: event.tenantId,
        kind: event.kind,
        subject: event.subject,
        reason: event.reason,
        detail: JSON.stringify(event.detail),
        at: event.at.getTime(),
      })),
    )
    .execute()
}

export async function listAuditEvents(
  db: Db,
  filter: { tenantId?: string; kind?: AuditKind },
  page: Page,
): Promise<PageOf<AuditEvent>> {
  let base = db.selectFrom('audit_events')
  if (filter.tenantId !== undefined) base = base.where('tenant_id', '=', filter.tenantId)
  if (filter.kind !== undefined) base = base.where('kind', '=', filter.kind)
  return selectPage(base, (q) => q.selectAll().orderBy('at', 'desc').orderBy('id'), page, toEvent)
}

function toEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind as AuditKind,
    subject: row.subject,
    reason: row.reason,
    detail: parseJson<Record<string, unknown>>(row.detail, {}),
    at: new Date(Number(row.at)),
  }
}
