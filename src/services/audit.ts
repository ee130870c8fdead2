// Audit trail: one place that writes events, so every use case records them the same way.
import { AppError } from '../core/errors.ts'
import { createOrderedIds } from '../core/ids.ts'
import type { AuditEvent, AuditKind } from '../core/model.ts'
import {
  insertAuditEvents,
  listAuditEvents,
  type AuditFilter,
} from '../storage/repositories/audit-events.ts'
import type { Db } from '../storage/db.ts'
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
/** Counted events (see `count`): one event per kind of repeat per this window. */
export const AUDIT_COUNT_WINDOW_MS = 10_000
/** Distinct counted events held at most; past it the window is written early. */
const MAX_COUNTED = 10_000

interface Counted {
  readonly input: AuditInput
  readonly firstAt: number
  lastAt: number
  count: number
}

interface Pending {
  readonly event: AuditEvent
  /** Strict only: the caller's record() settles once the event's commit is known. */
  readonly resolve?: () => void
  readonly reject?: (error: AppError) => void
}

export function createAudit(deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock' | 'config'>) {
  const strict = deps.config.audit.durability === 'strict'
  const newAuditId = createOrderedIds(deps.crypto, deps.clock, 'audit')
  let pending: Pending[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let writing: Promise<void> = Promise.resolve()
  let committing = false
  let counted = new Map<string, Counted>()
  let countTimer: ReturnType<typeof setTimeout> | undefined

  /** Writes one batch; the callers waiting on it learn whether it committed. */
  async function write(batch: readonly Pending[]): Promise<void> {
    let failure: AppError | undefined
    await insertAuditEvents(
      deps.db,
      batch.map((p) => p.event),
    ).catch((error: unknown) => {
      failure = new AppError('UNAVAILABLE', 'the audit event could not be written', {
        cause: error,
        // What a client may read: which dependency, and that no credential went out unaudited.
        details: {
          hint: 'The audit log could not be written, and no credential is issued without its audit event; retry shortly.',
        },
      })
    })
    for (const p of batch) {
      if (failure) p.reject?.(failure)
      else p.resolve?.()
    }
  }

  /** Turns the window's counted repeats into pending events (one each, with its count). */
  function closeCountWindow(): void {
    // Every group commit flushes: most have nothing counted to close.
    if (counted.size === 0) return
    if (countTimer) clearTimeout(countTimer)
    countTimer = undefined
    const window = counted
    counted = new Map()
    for (const c of window.values())
      pending.push({
        event: {
          ...newEvent(c.input),
          at: new Date(c.firstAt),
          detail: {
            ...c.input.detail,
            count: c.count,
            ...(c.count > 1 ? { lastAt: new Date(c.lastAt).toISOString() } : {}),
          },
        },
      })
  }

  /** Writes what is pending, after any write already under way (so events keep their order). */
  function flush(): Promise<void> {
    closeCountWindow()
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
      id: newAuditId(),
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
    queued: (): number => pending.length + counted.size,
    /**
     * Strict: resolves once the event is committed, rejects with UNAVAILABLE when it cannot be (so
     * the caller hands out nothing). Batched: queues the event (written within AUDIT_FLUSH_MS) and
     * never throws.
     */
    record(input: AuditInput): Promise<void> {
      const event = newEvent(input)
      if (strict)
        return new Promise<void>((resolve, reject) => {
          pending.push({ event, resolve, reject })
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
    /**
     * Counts an event instead of writing it now: repeats of the same event (tenant, kind, subject,
     * reason, detail) within AUDIT_COUNT_WINDOW_MS become one event at the first one's time, with
     * `detail.count` (and `detail.lastAt`). For refusals an attacker can repeat thousands of times
     * a second: each is still on the record, and refusing costs no write. Never throws.
     */
    count(input: AuditInput): void {
      const key = JSON.stringify([
        input.tenantId,
        input.kind,
        input.subject,
        input.reason ?? null,
        input.detail ?? {},
      ])
      const at = deps.clock.now()
      const seen = counted.get(key)
      if (seen) {
        seen.count++
        seen.lastAt = at
        return
      }
      counted.set(key, { input, firstAt: at, lastAt: at, count: 1 })
      if (counted.size >= MAX_COUNTED) void flush()
      else if (!countTimer) {
        countTimer = setTimeout(() => void flush(), AUDIT_COUNT_WINDOW_MS)
        countTimer.unref?.()
      }
    },
    flush,
    /**
     * Writes events through `db` now: inside a transaction, they commit (or roll back) with the
     * change they describe (an import's).
     */
    async recordIn(db: Db, inputs: readonly AuditInput[]): Promise<void> {
      if (inputs.length > 0) await insertAuditEvents(db, inputs.map(newEvent))
    },
    async list(filter: AuditFilter, page?: number, pageSize?: number) {
      await flush()
      return listAuditEvents(deps.db, filter, toPage(page, pageSize))
    },
  }
}

export type Audit = ReturnType<typeof createAudit>
