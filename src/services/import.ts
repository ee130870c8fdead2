// Declarative import (docs/import.md): checks a whole fixture first and writes nothing if anything
// is wrong; then writes it in one database transaction, so a failure leaves no half import.
// Importing the same file again changes nothing. Import never deletes what the file leaves out.
// Records are written through the services the native API uses (their rules, their audit events,
// their cache invalidations); the tenant's common parts here, each section by its own module.
import { AppError } from '../core/errors.ts'
import { isUniqueViolation } from '../storage/db.ts'
import type { AuditInput } from './audit.ts'
import { createServices } from './container.ts'
import type { ServiceDeps } from './deps.ts'
import type { Problem } from './import-document.ts'
import { emptySummary, IMPORT_KINDS, type ImportKind, type ImportSummary } from './import-kinds.ts'
import { writeKeysAndDomains } from './import-keys.ts'
import { planImport, type Plan, type PlannedTenant } from './import-plan.ts'
import type { ImportServices, SectionWrite, WriteDeps } from './import-section.ts'
import { IMPORT_SECTIONS } from './import-sections.ts'
import { writeVideo } from './import-videos.ts'
import type { Outcome } from './outcome.ts'
import { transactionWrites } from './writes.ts'

export type { Problem } from './import-document.ts'
export { emptySummary, IMPORT_KINDS }
export type { ImportCounts, ImportKind, ImportSummary } from './import-kinds.ts'

/** `check`: media being probed (one step per stream); `write`: records written (one per record). */
export interface ImportProgress {
  readonly phase: 'check' | 'write'
  readonly done: number
  readonly total: number
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void
  /** Media probes in flight while checking; a few by default (import-media.ts). */
  readonly probeConcurrency?: number
}

/** The API's message: how many problems and the first, since a client may show only this line. */
function rejectionHint(problems: readonly Problem[]): string {
  const first = problems[0]
  const what = first ? `${first.path ? `${first.path} ` : ''}${first.message}` : 'unknown'
  return problems.length === 1
    ? `The import document has 1 problem: ${what}. Nothing was written.`
    : `The import document has ${problems.length} problems, each in problems with its path; the first: ${what}. Nothing was written.`
}

/** The document has problems; nothing was written. */
export class ImportRejectedError extends AppError {
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    const message = `the import document has ${problems.length} problem${problems.length === 1 ? '' : 's'}`
    super('INVALID_PARAMETER', message, {
      details: { parameter: 'body', hint: rejectionHint(problems) },
    })
    this.problems = problems
  }
}

/**
 * The container builds one with the runtime's services (services/container.ts: `importer`);
 * without them (a test, a bench), it builds a set of its own, whose invalidations reach every
 * runtime on the same shared state all the same.
 */
export function createImporter(deps: ServiceDeps, parts?: ImportServices) {
  const services = parts ?? createServices(deps)
  const check = (doc: unknown, options: ImportOptions) =>
    planImport(deps, doc, {
      probeConcurrency: options.probeConcurrency,
      onProgress: (p) => options.onProgress?.({ phase: 'check', ...p }),
    })

  return {
    /**
     * Every problem of the document, each with its path (`tenants[0].videos[2].title`): the schema,
     * references inside the file, clashes with other tenants' data, and each stream's media.
     */
    async validate(doc: unknown, options: ImportOptions = {}): Promise<Problem[]> {
      return (await check(doc, options)).problems
    },
    /**
     * Validates, then writes everything in one transaction with its audit events. Throws
     * ImportRejectedError (nothing written) when the document has problems, CONFLICT when a
     * concurrent write collides.
     */
    async apply(doc: unknown, options: ImportOptions = {}): Promise<ImportSummary> {
      const { problems, plan } = await check(doc, options)
      if (!plan) throw new ImportRejectedError(problems)
      const progress = counter(countRecords(plan), options)
      try {
        const { summary, committed } = await deps.db.transaction().execute(async (trx) => {
          const tx = transactionWrites(trx)
          const summary = await writePlan({ ...deps, db: trx }, tx.writes, plan, progress)
          await services.audit.recordIn(trx, tx.audits)
          return { summary, committed: tx.committed }
        })
        // Committed: every replica's caches and edges now hear of what changed (each service's
        // own invalidations, by key). No blanket reset: nothing here writes a cached record but
        // through its service. A lost message leaves a replica on its cache's TTL backstop.
        await committed()
        return summary
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('CONFLICT', 'the import collided with a concurrent write', {
            cause: error,
          })
        throw error
      }
    },
  }

  async function writePlan(
    db: WriteDeps,
    writes: SectionWrite['writes'],
    plan: Plan,
    step: () => void,
  ): Promise<ImportSummary> {
    const summary = emptySummary()
    for (const tenant of plan.tenants) {
      const own = emptySummary()
      const count = (kind: ImportKind, outcome: Outcome) => {
        summary[kind][outcome]++
        own[kind][outcome]++
        step()
      }
      await writeTenant({ writes, deps: db, services, count, tenant })
      const applied = appliedEvent(tenant.doc.id, own)
      if (applied) await writes.audit(applied)
    }
    return summary
  }
}

export type Importer = ReturnType<typeof createImporter>

/**
 * Bulk catalog records (videos, streams, users…) are not audited one by one: an import of a
 * million videos would write a million events. One event per tenant counts what changed.
 */
function appliedEvent(tenantId: string, counts: ImportSummary): AuditInput | undefined {
  const changed = IMPORT_KINDS.flatMap((kind) => {
    const { created, updated } = counts[kind]
    return created + updated > 0 ? [[kind, { created, updated }] as const] : []
  })
  if (changed.length === 0) return undefined
  return {
    tenantId,
    kind: 'import.applied',
    subject: tenantId,
    detail: Object.fromEntries(changed),
  }
}

function countRecords(plan: Plan): number {
  let n = 0
  for (const t of plan.tenants) {
    const d = t.doc
    n += 1 + (d.accessKeys?.length ?? 0) + (d.playDomains?.length ?? 0)
    n += Object.keys(d.accounts ?? {}).length
    for (const v of t.videos)
      n +=
        1 + v.streams.length + (v.doc.aliases?.length ?? 0) + (v.doc.password === undefined ? 0 : 1)
    for (const section of IMPORT_SECTIONS) n += section.count(d, t.sections.get(section.field))
  }
  return n
}

function counter(total: number, options: ImportOptions) {
  let done = 0
  options.onProgress?.({ phase: 'write', done, total })
  return () => options.onProgress?.({ phase: 'write', done: ++done, total })
}

async function writeTenant(
  input: Pick<SectionWrite, 'writes' | 'deps' | 'services' | 'count'> & {
    readonly tenant: PlannedTenant
  },
): Promise<void> {
  const { writes, deps, services, count, tenant: planned } = input
  const t = planned.doc
  const ctx: SectionWrite = {
    writes,
    deps,
    services,
    count,
    tenantId: t.id,
    now: new Date(deps.clock.now()),
    fileVideoIds: new Set(planned.videos.map((v) => v.id)),
  }
  const tenant = { id: t.id, name: t.name, status: t.status ?? 'active' }
  count('tenants', await services.tenants.put(writes, tenant))
  if (t.accounts)
    for (const outcome of await services.tenants.putAccounts(writes, t.id, t.accounts))
      count('accounts', outcome)

  await writeKeysAndDomains(ctx, t)
  for (const video of planned.videos) {
    // A section may fold fields of its own into a video of the file (Polyv's settings).
    const folded = IMPORT_SECTIONS.reduce((v, s) => s.video?.(t, v) ?? v, video)
    await writeVideo(ctx, folded)
  }
  for (const section of IMPORT_SECTIONS)
    if (t[section.field] !== undefined)
      await section.write(t, planned.sections.get(section.field), ctx)
}
