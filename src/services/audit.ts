// Audit trail: one place that writes events, so every use case records them the same way.
import { AppError } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { AuditEvent, AuditKind } from '../core/model.ts'
import {
  insertAuditEvents,
  listAuditEvents,
  type AuditFilter,
} from '../storage/repositories/audit-events.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'

export interface AuditInput {
  readonly tenantId: string | null
  readonly kind: AuditKind
  readonly subject: string
  readonly reason?: string | null
  readonly detail?: Record<string, unknown>
}

/** Batched: events are written at most this long after they happen, or as soon as a batch fills. */
export const AUDIT_FLUSH_MS = 50
const AUDIT_BATCH = 200

interface Pending {
  readonly event: AuditEvent
  /** Strict only: settles the caller's record() once the event's commit is known. */
  readonly settle?: (error?: AppError) => void
}

export function createAudit(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock' | 'config'>) {
  const strict = deps.config.audit.durability === 'strict'
  let pending: Pending[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()
  let committing = false

  /** Writes one batch; the callers waiting on it learn whether it committed. */
  async function write(batch: readonly Pending[]): Promise<void> {
    let failure: AppError | undefined
    await insertAuditEvents(
      deps.db,
      batch.map((p) => p.event),
    ).catch((error: unknown) => {
      failure = new AppError('UNAVAILABLE', 'the audit event could not be written', {
        cause: error,
      })
    })
    for (const p of batch) p.settle?.(failure)
  }

  /** Writes what is pending, after any write already under way (so events keep their order). */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = undefined
    const batches: Pending[][] = []
    for (let i = 0; i < pending.length; i += AUDIT_BATCH)
      batches.push(pending.slice(i, i + AUDIT_BATCH))
    pending = []
    // Batched: audit never fails the request it describes; storage health is reported by /readyz.
    writing = writing.then(async () => {
      for (const batch of batches) await write(batch)
    })
    return writing
  }

  /**
   * Group commit: the first event starts a commit at the next turn of the event loop; events that
   * arrive while it runs wait for the next one, which starts as soon as it ends. Concurrent
   * requests share commits, and no event waits longer than one commit plus its own.
   */
  function commitSoon(): void {
    if (committing) return
    committing = true
    setImmediate(() => {
      void flush().then(() => {
        committing = false
        if (pending.length > 0) commitSoon()
      })
    })
  }

  function newEvent(input: AuditInput): AuditEvent {
    return {
      id: newId(deps.crypto, 'audit'),
      tenantId: input.tenantId,
      kind: input.kind,
      subject: input.subject,
      reason: input.reason ?? null,
      detail: input.detail ?? {},
      at: new Date(deps.clock.now()),
    }
  }

  return {
    /** Events queued and not yet handed to storage (the audit queue depth, for /metrics). */
    queued: (): number => pending.length,
    /**
     * Strict: resolves once the event is committed, rejects with UNAVAILABLE when it cannot be (so
     * the caller hands out nothing). Batched: queues the event (written within AUDIT_FLUSH_MS) and
     * never throws.
     */
    record(input: AuditInput): Promise<void> {
      const event = newEvent(input)
      if (strict)
        return new Promise<void>((resolve, reject) => {
          pending.push({ event, settle: (error) => (error ? reject(error) : resolve()) })
          commitSoon()
        })
      pending.push({ event })
      if (pending.length >= AUDIT_BATCH) void flush()
      else if (!timer) {
        timer = setTimeout(() => void flush(), AUDIT_FLUSH_MS)
        timer.unref?.()
      }
      return Promise.resolve()
    },
    flush,
    async list(filter: AuditFilter, page?: number, pageSize?: number) {
      await flush()
      return listAuditEvents(deps.db, filter, toPage(page, pageSize))
    },
  }
}

export type Audit = ReturnType<typeof createAudit>
