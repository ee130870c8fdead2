// Audit events: credentials issued or denied, keys rotated, password attempts. Append-only; read
// newest first by tenant, kind, subject, outcome and time range.
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

export interface AuditFilter {
  readonly tenantId?: string
  readonly kind?: AuditKind
  /** The video (or domain, key, session…) the event is about. */
  readonly subject?: string
  /** Denied events carry a reason; allowed ones do not. */
  readonly outcome?: 'allowed' | 'denied'
  /** Inclusive. */
  readonly from?: Date
  /** Exclusive. */
  readonly to?: Date
}

export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  page: Page,
): Promise<PageOf<AuditEvent>> {
  let base = db.selectFrom('audit_events')
  if (filter.tenantId !== undefined) base = base.where('tenant_id', '=', filter.tenantId)
  if (filter.kind !== undefined) base = base.where('kind', '=', filter.kind)
  if (filter.subject !== undefined) base = base.where('subject', '=', filter.subject)
  if (filter.outcome !== undefined)
    base = base.where('reason', filter.outcome === 'denied' ? 'is not' : 'is', null)
  if (filter.from !== undefined) base = base.where('at', '>=', filter.from.getTime())
  if (filter.to !== undefined) base = base.where('at', '<', filter.to.getTime())
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
