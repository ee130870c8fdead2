// Declarative import (docs/import.md): checks a whole fixture first and writes nothing if anything
// is wrong; then upserts it in one database transaction, so a failure leaves no half import.
// Importing the same file again changes nothing. Import never deletes what the file leaves out.
import { AppError } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { PlayDomainWithKeys, Stream, Video } from '../core/model.ts'
import { toHex } from '../core/encoding/bytes.ts'
import { isUniqueViolation, type Db } from '../storage/db.ts'
import { findAccessKeyWithSecret, upsertAccessKey } from '../storage/repositories/access-keys.ts'
import { findPlayDomainWithKeys, upsertPlayDomain } from '../storage/repositories/play-domains.ts'
import {
  clearPlayPassword,
  findPlayPassword,
  setPlayPassword,
} from '../storage/repositories/play-passwords.ts'
import { findTenant, upsertTenant } from '../storage/repositories/tenants.ts'
import {
  findVideo,
  listStreams,
  upsertStream,
  upsertVideo,
} from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'
import type { Problem } from './import-document.ts'
import { writeAccounts, writeAliases } from './import-catalog.ts'
import { outcomeOf } from './import-compare.ts'
import { revokeDingtalkApp } from './dingtalk-tokens.ts'
import { signalControlsChanged } from './edge-controls.ts'
import { writeDingtalk } from './import-dingtalk.ts'
import { countPolyv, withPolyvSettings, writePolyv } from './import-polyv.ts'
import { countViewerControls, writeViewerControls } from './import-viewer.ts'
import { writeLiveStreams } from './import-live.ts'
import { planImport, type Plan, type PlannedTenant, type PlannedVideo } from './import-plan.ts'
import { normalizeHost } from './play-domains.ts'
import { randomString } from './secrets.ts'

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
        // Committed: a lost signal only delays the edges to their next reload (30 s).
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

type WriteDeps = Omit<ImporterDeps, 'db'> & { db: Db }
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
  const { db, box } = deps
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

  for (const k of t.accessKeys ?? []) {
    const wanted = {
      tenantId,
      secret: k.secret,
      status: k.status ?? 'active',
      description: k.description ?? '',
    }
    const stored = await findAccessKeyWithSecret(db, box, k.protocol, k.keyId)
    const outcome = outcomeOf(
      stored,
      stored && {
        tenantId: stored.tenantId,
        secret: stored.secret,
        status: stored.status,
        description: stored.description,
      },
      wanted,
    )
    if (outcome !== 'unchanged')
      await upsertAccessKey(db, box, {
        id: stored?.id ?? newId(deps.crypto, 'accessKey'),
        protocol: k.protocol,
        keyId: k.keyId,
        ...wanted,
        createdAt: stored?.createdAt ?? now,
      })
    // A DingTalk token dies with its app's secret or status, so no later import revives it.
    const retired = stored && (stored.secret !== wanted.secret || stored.status !== wanted.status)
    if (retired && stored.protocol === 'dingtalk') await revokeDingtalkApp(deps.state, stored.id)
    count('accessKeys', outcome)
  }

  for (const d of t.playDomains ?? []) {
    const host = normalizeHost(d.host)
    const stored = await findPlayDomainWithKeys(db, box, { host })
    const next = nextDomain(deps, tenantId, host, d, stored, now)
    const outcome = outcomeOf(stored, stored && domainState(stored), domainState(next))
    if (outcome !== 'unchanged') await upsertPlayDomain(db, box, next)
    count('playDomains', outcome)
  }

  for (const video of planned.videos)
    await writeVideo(deps, tenantId, withPolyvSettings(video, t.polyv), now, count)

  await writeLiveStreams(deps, tenantId, t.liveStreams ?? [], now, count)
  if (t.dingtalk) await writeDingtalk(deps, tenantId, t.dingtalk, planned.recordings, count)
  if (t.viewerControls) await writeViewerControls(deps, tenantId, t.viewerControls, count)
  if (t.polyv)
    await writePolyv(deps, tenantId, t.polyv, new Set(planned.videos.map((v) => v.id)), count)
}

function domainState(d: PlayDomainWithKeys) {
  return {
    tenantId: d.tenantId,
    scheme: d.scheme,
    authEnabled: d.authEnabled,
    ttlSeconds: d.ttlSeconds,
    allowedOrigins: d.allowedOrigins,
    isDefault: d.isDefault,
    primary: d.keys.primary.secret,
    backup: d.keys.backup?.secret ?? null,
  }
}

/**
 * The domain as the file wants it. Key ids are kept while a secret stays the same; a key the file
 * leaves out is kept (or generated for a new domain), since a secret has no sensible default.
 */
function nextDomain(
  deps: WriteDeps,
  tenantId: string,
  host: string,
  d: NonNullable<PlannedTenant['doc']['playDomains']>[number],
  stored: PlayDomainWithKeys | undefined,
  now: Date,
): PlayDomainWithKeys {
  const newKeyId = () => 'k' + toHex(deps.crypto.randomBytes(4))
  const primarySecret = d.primaryKey ?? stored?.keys.primary.secret ?? randomString(deps.crypto, 32)
  const primary =
    stored && stored.keys.primary.secret === primarySecret
      ? stored.keys.primary
      : { id: newKeyId(), secret: primarySecret }
  const backupSecret =
    d.backupKey === undefined ? (stored?.keys.backup?.secret ?? null) : d.backupKey
  const backup =
    backupSecret === null
      ? null
      : stored?.keys.backup?.secret === backupSecret
        ? stored.keys.backup
        : { id: newKeyId(), secret: backupSecret }
  return {
    id: stored?.id ?? newId(deps.crypto, 'playDomain'),
    tenantId,
    host,
    scheme: d.scheme,
    authEnabled: d.authEnabled ?? true,
    ttlSeconds: d.ttlSeconds ?? 1800,
    allowedOrigins: d.allowedOrigins ?? ['*'],
    isDefault: d.isDefault ?? false,
    createdAt: stored?.createdAt ?? now,
    keys: { primary, backup, rotatedAt: stored?.keys.rotatedAt ?? null },
  }
}

const STREAM_FIELDS = [
  'location',
  'status',
  'encrypted',
  'width',
  'height',
  'bitrate',
  'fps',
  'size',
  'duration',
] as const

const VIDEO_FIELDS = [
  'tenantId',
  'referenceId',
  'title',
  'description',
  'tags',
  'coverUrl',
  'status',
  'auditStatus',
  'settings',
  'playDomain',
  'duration',
  'size',
  'createdAt',
] as const

const pick = <T, K extends keyof T>(value: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>

async function writeVideo(
  deps: WriteDeps,
  tenantId: string,
  planned: PlannedVideo,
  now: Date,
  count: (kind: ImportKind, outcome: Outcome) => void,
): Promise<void> {
  const { db } = deps
  const v = planned.doc
  const stored = await findVideo(db, planned.id)
  const storedStreams = stored ? await listStreams(db, planned.id) : []

  const streams: Stream[] = planned.streams.map((s) => {
    const existing = storedStreams.find(
      (e) => e.format === s.format && e.definition === s.definition,
    )
    return {
      id: existing?.id ?? newId(deps.crypto, 'stream'),
      videoId: planned.id,
      format: s.format,
      definition: s.definition,
      width: s.info.width,
      height: s.info.height,
      // Rounded as the catalog rounds them, so re-probing the same file compares equal.
      bitrate: Math.round(s.info.bitrate),
      fps: Math.round(s.info.fps * 1000) / 1000,
      size: s.info.size,
      duration: Math.round(s.info.duration * 1000) / 1000,
      location: s.doc.location,
      status: s.doc.status ?? 'Normal',
      encrypted: s.doc.encrypted ?? false,
      createdAt: existing?.createdAt ?? now,
    }
  })
  // A video's duration and size follow its largest stream, including ones the file leaves out.
  const all = [...storedStreams.filter((e) => !streams.some((s) => s.id === e.id)), ...streams]
  const video: Video = {
    id: planned.id,
    tenantId,
    referenceId: v.referenceId ?? null,
    title: v.title,
    description: v.description ?? '',
    tags: v.tags ?? [],
    coverUrl: v.coverUrl ?? null,
    // Until a stream has a duration (none yet, or origin URLs only), the file's stands.
    duration: Math.max(0, ...all.map((s) => s.duration)) || (v.duration ?? 0),
    size: Math.max(0, ...all.map((s) => s.size)),
    status: v.status ?? 'Normal',
    auditStatus: v.auditStatus ?? 'Normal',
    settings: v.settings ?? {},
    playDomain: v.playDomain ? normalizeHost(v.playDomain) : null,
    createdAt: v.createdAt ? new Date(v.createdAt) : (stored?.createdAt ?? now),
    updatedAt: now,
  }
  const outcome = outcomeOf(stored, stored && pick(stored, VIDEO_FIELDS), pick(video, VIDEO_FIELDS))
  if (outcome !== 'unchanged') await upsertVideo(db, video, v.createdAt !== undefined)
  count('videos', outcome)
  await writeAliases(db, tenantId, planned.id, v.aliases ?? [], now, (o) => count('aliases', o))

  for (const stream of streams) {
    const existing = storedStreams.find((e) => e.id === stream.id)
    const streamOutcome = outcomeOf(
      existing,
      existing && pick(existing, STREAM_FIELDS),
      pick(stream, STREAM_FIELDS),
    )
    if (streamOutcome !== 'unchanged') await upsertStream(db, stream)
    count('streams', streamOutcome)
  }

  if (v.password === undefined) return
  const current = await findPlayPassword(db, deps.box, planned.id)
  if (v.password === '') {
    if (current !== undefined) await clearPlayPassword(db, planned.id)
    count('passwords', current === undefined ? 'unchanged' : 'updated')
    return
  }
  const passwordOutcome = outcomeOf(current, current, v.password)
  if (passwordOutcome !== 'unchanged')
    await setPlayPassword(db, deps.box, planned.id, v.password, now)
  count('passwords', passwordOutcome)
}
