// Audit trail: one place that writes events, so every use case records them the same way.
import { newId } from '../core/ids.ts'
import type { AuditKind } from '../core/model.ts'
import { insertAuditEvent, listAuditEvents } from '../storage/repositories/audit-events.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'

export interface AuditInput {
  readonly tenantId: string | null
  readonly kind: AuditKind
  readonly subject: string
  readonly reason?: string | null
  readonly detail?: Record<string, unknown>
}

export function createAudit(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>) {
  return {
    /** Records an event; never throws (an audit failure must not fail the request it describes). */
    async record(input: AuditInput): Promise<void> {
      try {
        await insertAuditEvent(deps.db, {
          id: newId(deps.crypto, 'audit'),
          tenantId: input.tenantId,
          kind: input.kind,
          subject: input.subject,
          reason: input.reason ?? null,
          detail: input.detail ?? {},
          at: new Date(deps.clock.now()),
        })
      } catch {
        // The caller's outcome stands; storage health is reported by /readyz.
      }
    },
    list(filter: { tenantId?: string; kind?: AuditKind }, page?: number, pageSize?: number) {
      return listAuditEvents(deps.db, filter, toPage(page, pageSize))
    },
  }
}

export type Audit = ReturnType<typeof createAudit>
