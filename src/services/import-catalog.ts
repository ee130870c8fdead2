// Import of what a video carries beyond its own row: its play domain and vendor aliases. Checks
// (no writes) and the alias write, side by side.
import { videoFieldProblem } from '../core/fields.ts'
import type { AliasVendor } from '../core/model.ts'
import type { Db } from '../storage/db.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideoAlias, insertVideoAlias } from '../storage/repositories/video-aliases.ts'
import type { ServiceDeps } from './deps.ts'
import type { Outcome } from './outcome.ts'
import type { VideoDoc } from './import-document.ts'
import type { Add, Unique } from './import-section.ts'
import { normalizeHost } from './play-domains.ts'
import { aliasProblem } from './video-aliases.ts'

/** A video's `playDomain` (one of the tenant's, in the file or stored) and `aliases`. */
export async function checkVideoCatalog(
  deps: Pick<ServiceDeps, 'db' | 'box'>,
  tenant: { id: string; hosts: ReadonlySet<string> },
  video: { id: string; doc: VideoDoc },
  at: string,
  add: Add,
  unique: Unique,
): Promise<void> {
  const { doc } = video
  // The schema bounds characters; the byte limits and the setting names are checked here.
  const fieldProblem = videoFieldProblem(doc)
  if (fieldProblem) {
    const where = fieldProblem.at.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')
    add(at + where, fieldProblem.message)
  }
  if (doc.playDomain !== undefined && doc.playDomain !== null) {
    const host = normalizeHost(doc.playDomain)
    const owner = tenant.hosts.has(host)
      ? tenant.id
      : (await findPlayDomainWithKeys(deps.db, deps.box, { host }))?.tenantId
    if (owner !== tenant.id)
      add(`${at}.playDomain`, `unknown play domain "${host}" (not one of this tenant's)`)
  }
  for (const [i, ref] of (doc.aliases ?? []).entries()) {
    const aAt = `${at}.aliases[${i}].alias`
    const problem = aliasProblem(ref)
    if (problem) {
      add(aAt, problem)
      continue
    }
    const what = `${ref.vendor} alias "${ref.alias}"`
    if (!unique(`alias\0${tenant.id}\0${ref.vendor}`, ref.alias, aAt, what)) continue
    const stored = await findVideoAlias(deps.db, tenant.id, ref.vendor, ref.alias)
    if (stored && stored.videoId !== video.id)
      add(aAt, `${what} already names video ${stored.videoId}`)
  }
}

/** Adds an alias the file gives (import never removes one). */
export async function writeAlias(
  db: Db,
  tenantId: string,
  videoId: string,
  ref: { vendor: AliasVendor; alias: string },
  now: Date,
): Promise<Outcome> {
  const stored = await findVideoAlias(db, tenantId, ref.vendor, ref.alias)
  if (!stored) await insertVideoAlias(db, { tenantId, videoId, ...ref, createdAt: now })
  return stored ? 'unchanged' : 'created'
}
