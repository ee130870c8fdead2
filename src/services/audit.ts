// Audit trail: one place that writes events, so every use case records them the same way.
import { newId } from '../core/ids.ts'
import type { AuditEvent, AuditKind } from '../core/model.ts'
import { insertAuditEvents, listAuditEvents } from '../storage/repositories/audit-events.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'

export interface AuditInput {
  readonly tenantId: string | null
  readonly kind: AuditKind
  readonly subject: string
  readonly reason?: string | null
  readonly detail?: Record<string, unknown>
}

/** Events are written at most this long after they happen, or as soon as a batch fills. */
export const AUDIT_FLUSH_MS = 50
const AUDIT_BATCH = 200

export function createAudit(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>) {
  let pending: AuditEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()

  /** Writes what is pending, after any write already under way (so events keep their order). */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batch = pending
    pending = []
    writing = writing.then(async () => {
      // Audit must never fail the request it describes; storage health is reported by /readyz.
      await insertAuditEvents(deps.db, batch).catch(() => undefined)
    })
    return writing
  }

  return {
    /** Queues an event; it is written within AUDIT_FLUSH_MS. Never throws. */
    record(input: AuditInput): Promise<void> {
      pending.push({
        id: newId(deps.crypto, 'audit'),
        tenantId: input.tenantId,
        kind: input.kind,
        subject: input.subject,
        reason: input.reason ?? null,
        detail: input.detail ?? {},
        at: new Date(deps.clock.now()),
      })
      if (pending.length >= AUDIT_BATCH) void flush()
      else if (!timer) {
        timer = setTimeout(() => void flush(), AUDIT_FLUSH_MS)
        timer.unref?.()
      }
      return Promise.resolve()
    },
    flush,
    async list(filter: { tenantId?: string; kind?: AuditKind }, page?: number, pageSize?: number) {
      await flush()
      return listAuditEvents(deps.db, filter, toPage(page, pageSize))
    },
  }
}

export type Audit = ReturnType<typeof createAudit>
