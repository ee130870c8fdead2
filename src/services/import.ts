// Declarative import (docs/import.md): checks a whole fixture first and writes nothing if anything
// is wrong; then upserts it in one database transaction, so a failure leaves no half import.
// Importing the same file again changes nothing. Import never deletes what the file leaves out.
import { AppError } from '../core/errors.ts'
import { isUniqueViolation, type Db } from '../storage/db.ts'
import { findTenant, upsertTenant } from '../storage/repositories/tenants.ts'
import type { ServiceDeps } from './deps.ts'
import type { Problem } from './import-document.ts'
import { writeAccounts } from './import-catalog.ts'
import { outcomeOf } from './import-compare.ts'
import { publishCacheReset } from './caches.ts'
import { signalControlsChanged } from './edge-controls.ts'
import { writeDingtalk } from './import-dingtalk.ts'
import { writeKeysAndDomains } from './import-keys.ts'
import { countPolyv, withPolyvSettings, writePolyv } from './import-polyv.ts'
import { countViewerControls, writeViewerControls } from './import-viewer.ts'
import { writeLiveStreams } from './import-live.ts'
import { planImport, type Plan, type PlannedTenant } from './import-plan.ts'
import { writeVideo } from './import-videos.ts'

export type { Problem } from './import-document.ts'

export const IMPORT_KINDS = [
  'tenants',
  'accounts',
  'accessKeys',
  'playDomains',
  'videos',
  'aliases',
  'streams',
  'passwords',
  'dingtalkOrgs',
  'dingtalkApps',
  'dingtalkUsers',
  'conferences',
  'recordings',
  'transcripts',
  'viewerPolicies',
  'revocations',
  'liveStreams',
  'playsafe',
] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
}

export type ImportSummary = Record<ImportKind, ImportCounts>

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

/** The document has problems; nothing was written. */
export class ImportRejectedError extends AppError {
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    super(
      'INVALID_PARAMETER',
      `the import document has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      { details: { parameter: 'body' } },
    )
    this.problems = problems
  }
}

export type ImporterDeps = Pick<
  ServiceDeps,
  'db' | 'box' | 'crypto' | 'clock' | 'mediaProbe' | 'resolveMedia' | 'state'
>

export function createImporter(deps: ImporterDeps) {
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
     * Validates, then upserts everything in one transaction. Throws ImportRejectedError (nothing
     * written) when the document has problems, CONFLICT when a concurrent write collides.
     */
    async apply(doc: unknown, options: ImportOptions = {}): Promise<ImportSummary> {
      const { problems, plan } = await check(doc, options)
      if (!plan) throw new ImportRejectedError(problems)
      const progress = counter(countRecords(plan), options)
      try {
        const summary = await deps.db
          .transaction()
          .execute((trx) => writePlan({ ...deps, db: trx }, plan, progress))
        // Committed: a lost signal only delays the edges to their next reload (30 s), and the
        // caches to their TTL.
        await publishCacheReset(deps).catch(() => undefined)
        for (const t of plan.tenants)
          if (t.doc.viewerControls)
            await signalControlsChanged(deps, t.doc.id).catch(() => undefined)
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
}

export type Importer = ReturnType<typeof createImporter>

export function emptySummary(): ImportSummary {
  return Object.fromEntries(
    IMPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as ImportSummary
}

function countRecords(plan: Plan): number {
  let n = 0
  for (const t of plan.tenants) {
    const d = t.doc
    n += 1 + (d.accessKeys?.length ?? 0) + (d.playDomains?.length ?? 0)
    n += d.liveStreams?.length ?? 0
    n += Object.keys(d.accounts ?? {}).length
    for (const v of t.videos)
      n +=
        1 + v.streams.length + (v.doc.aliases?.length ?? 0) + (v.doc.password === undefined ? 0 : 1)
    if (d.dingtalk) {
      n += 1 + (d.dingtalk.apps?.length ?? 0) + (d.dingtalk.users?.length ?? 0)
      for (const c of d.dingtalk.conferences ?? []) n += c.transcript ? 2 : 1
      for (const list of t.recordings.values()) n += list.length
    }
    n += countViewerControls(d.viewerControls)
    n += countPolyv(d.polyv)
  }
  return n
}

function counter(total: number, options: ImportOptions) {
  let done = 0
  options.onProgress?.({ phase: 'write', done, total })
  return () => options.onProgress?.({ phase: 'write', done: ++done, total })
}

export type WriteDeps = Omit<ImporterDeps, 'db'> & { db: Db }
type Outcome = keyof ImportCounts

async function writePlan(deps: WriteDeps, plan: Plan, step: () => void): Promise<ImportSummary> {
  const summary = emptySummary()
  const count = (kind: ImportKind, outcome: Outcome) => {
    summary[kind][outcome]++
    step()
  }
  for (const tenant of plan.tenants) await writeTenant(deps, tenant, count)
  return summary
}

async function writeTenant(
  deps: WriteDeps,
  planned: PlannedTenant,
  count: (kind: ImportKind, outcome: Outcome) => void,
): Promise<void> {
  const { db } = deps
  const now = new Date(deps.clock.now())
  const t = planned.doc
  const tenantId = t.id

  const tenant = { id: tenantId, name: t.name, status: t.status ?? 'active' }
  const storedTenant = await findTenant(db, tenantId)
  const tenantOutcome = outcomeOf(
    storedTenant,
    storedTenant && { id: storedTenant.id, name: storedTenant.name, status: storedTenant.status },
    tenant,
  )
  if (tenantOutcome !== 'unchanged')
    await upsertTenant(db, { ...tenant, createdAt: storedTenant?.createdAt ?? now })
  count('tenants', tenantOutcome)
  if (t.accounts)
    await writeAccounts(db, tenantId, t.accounts, now, (outcome) => count('accounts', outcome))

  await writeKeysAndDomains(deps, t, now, count)

  for (const video of planned.videos)
    await writeVideo(deps, tenantId, withPolyvSettings(video, t.polyv), now, count)

  await writeLiveStreams(deps, tenantId, t.liveStreams ?? [], now, count)
  if (t.dingtalk) await writeDingtalk(deps, tenantId, t.dingtalk, planned.recordings, count)
  if (t.viewerControls) await writeViewerControls(deps, tenantId, t.viewerControls, count)
  if (t.polyv)
    await writePolyv(deps, tenantId, t.polyv, new Set(planned.videos.map((v) => v.id)), count)
}
