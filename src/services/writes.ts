// Where a service's write goes and when its side effects happen. Outside a transaction (the native
// API) at once; inside one (an import), the audit events join the transaction, so they commit or
// roll back with the change, and what other replicas and the edge must hear of (cache
// invalidations, signals) waits for the commit: a replica told earlier could reload the old row and
// keep it until its TTL.
import type { Db } from '../storage/db.ts'
import type { Audit, AuditInput } from './audit.ts'

export interface Writes {
  readonly db: Db
  audit(input: AuditInput): Promise<void>
  afterCommit(effect: () => Promise<unknown>): Promise<void>
}

/** Writes through `db` with their effects at once (no transaction of the caller's). */
export function directWrites(db: Db, audit?: Pick<Audit, 'record'>): Writes {
  return {
    db,
    audit: (input) => audit?.record(input) ?? Promise.resolve(),
    async afterCommit(effect) {
      await effect()
    },
  }
}

/** A transaction's writes: `audits` to write before it commits, `committed` to run after. */
export function transactionWrites(db: Db) {
  const audits: AuditInput[] = []
  const effects: (() => Promise<unknown>)[] = []
  const writes: Writes = {
    db,
    audit(input) {
      audits.push(input)
      return Promise.resolve()
    },
    afterCommit(effect) {
      effects.push(effect)
      return Promise.resolve()
    },
  }
  return {
    writes,
    audits,
    /** The effects, in order; one that fails leaves the rest to run (the write is committed). */
    committed: async (): Promise<void> => {
      for (const effect of effects) await effect().catch(() => undefined)
    },
  }
}
