// The contract of an import section: one part of a tenant in the import format (docs/import.md)
// that a module of its own checks, counts and writes, so the shared planner and writer name no
// vendor. The planner and writer handle what every tenant has (the tenant, its accounts, keys,
// play domains and videos), then hand each section in IMPORT_SECTIONS (import-sections.ts) its
// part of the document.
import type { Db } from '../storage/db.ts'
import type { AccessKeys } from './access-keys.ts'
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import type { EdgeControls } from './edge-controls.ts'
import type { Problem, TenantDoc } from './import-document.ts'
import type { ImportKind } from './import-kinds.ts'
import type { CheckDeps, PlannedVideo } from './import-plan.ts'
import type { Salvaged, VideoIndex } from './import-salvage.ts'
import type { LiveStreams } from './live-streams.ts'
import type { Outcome } from './outcome.ts'
import type { PlayDomains } from './play-domains.ts'
import type { PlayPasswords } from './play-passwords.ts'
import type { Tenants } from './tenants.ts'
import type { Videos } from './videos.ts'
import type { Writes } from './writes.ts'

export type { Problem }
export type Add = (path: string, message: string) => void
/** False (and a problem added) when `key` was seen before in `scope`. */
export type Unique = (scope: string, key: string, path: string, what: string) => boolean

/** What a section's check sees of one tenant of the file. */
export interface SectionCheck {
  readonly deps: CheckDeps
  /** The tenant as written, with its id known to be well formed. */
  readonly raw: Record<string, unknown> & { readonly id: string }
  /** The tenant's common parts, as far as their shape is right. */
  readonly tenant: Salvaged
  /** `tenants[3]`. */
  readonly path: string
  readonly add: Add
  readonly unique: Unique
  /** The file's videos, for references to them. */
  readonly videos: VideoIndex
}

/** The services an import writes through: the native API's, with their rules and effects. */
export interface ImportServices {
  readonly audit: Pick<Audit, 'recordIn'>
  readonly tenants: Pick<Tenants, 'put' | 'putAccounts'>
  readonly accessKeys: AccessKeys
  readonly playDomains: Pick<PlayDomains, 'put'>
  readonly playPasswords: Pick<PlayPasswords, 'put'>
  readonly liveStreams: Pick<LiveStreams, 'put'>
  readonly edgeControls: Pick<EdgeControls, 'changed'>
  /** Cached videos the import changed are forgotten by id once it commits. */
  readonly videos: Pick<Videos, 'forget'>
}

export type WriteDeps = Omit<Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'>, 'db'> & {
  readonly db: Db
}

/** One tenant's write, inside the import's transaction. */
export interface SectionWrite {
  /** The transaction with the services' rules: reads and writes go through `writes.db`. */
  readonly writes: Writes
  readonly deps: WriteDeps
  readonly services: ImportServices
  readonly tenantId: string
  readonly now: Date
  /** Ids of the file's videos of this tenant (written already). */
  readonly fileVideoIds: ReadonlySet<string>
  readonly count: (kind: ImportKind, outcome: Outcome) => void
}

export interface ImportSection<Plan = unknown> {
  /** The tenant field the section owns (`dingtalk`). */
  readonly field: keyof TenantDoc
  /** Adds the section's problems (its schema's are the planner's); what `write` needs besides. */
  check(ctx: SectionCheck): Promise<Plan>
  /** Records `write` will count (for progress). */
  count(doc: TenantDoc, plan: Plan): number
  /** Writes the section of a tenant without problems, after its keys, domains and videos. */
  write(doc: TenantDoc, plan: Plan, ctx: SectionWrite): Promise<void>
  /** A video of the file with the section's fields folded in, so it is written once (Polyv's). */
  video?(doc: TenantDoc, video: PlannedVideo): PlannedVideo
}

/** A section typed by its plan, stored in the registry without it. */
export const section = <Plan>(s: ImportSection<Plan>) => s as ImportSection<unknown>
