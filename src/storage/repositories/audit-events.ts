// Audit events: credentials issued or denied, keys rotated, password attempts. Append-only; read
// newest first by tenant, kind, subject, outcome and time range.
import type { AuditEvent, AuditKind } from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { AuditEventRow } from '../tables.ts'
import { compiledOnce } from './compiled.ts'
import { selectPage, parseJson, type Page, type PageOf } from './shared.ts'

export async function insertAuditEvent(db: Db, event: AuditEvent): Promise<void> {
  await insertAuditEvents(db, [event])
}

/** One multi-row insert: audit is written in batches so a credential costs no commit of its own. */
export async function insertAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return
  const parameters: unknown[] = []
  for (const event of events)
    parameters.push(
      event.id,
      event.tenantId,
      event.kind,
      event.subject,
      event.reason,
      JSON.stringify(event.detail),
      event.at.getTime(),
    )
  await insertRows(events.length)(db, parameters)
}

// Every issued credential is audited, so this runs once per group commit: compiled once per
// batch size (at most AUDIT_BATCH of them), parameters in the column order below, row by row.
const inserts = new Map<number, ReturnType<typeof compiledOnce>>()
function insertRows(count: number) {
  let insert = inserts.get(count)
  if (!insert) {
    const row = { id: '', tenant_id: '', kind: '', subject: '', reason: '', detail: '', at: 0 }
    insert = compiledOnce((db) =>
      db.insertInto('audit_events').values(Array.from({ length: count }, () => row)),
    )
    // Larger batches (imports) are rare: compiled for this call only.
    if (count <= 256) inserts.set(count, insert)
  }
  return insert
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
