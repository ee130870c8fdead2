// Import of what a video and a tenant carry beyond their own row: a video's play domain and
// vendor aliases, a tenant's vendor account facts. Checks (no writes) and writes, side by side.
import { videoFieldProblem } from '../core/fields.ts'
import type { AliasVendor, VendorAccounts } from '../core/model.ts'
import type { Db } from '../storage/db.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { setVendorAccount, findVendorAccounts } from '../storage/repositories/vendor-accounts.ts'
import { findVideoAlias, insertVideoAlias } from '../storage/repositories/video-aliases.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './import-compare.ts'
import type { TenantDoc, VideoDoc } from './import-document.ts'
import { normalizeHost } from './play-domains.ts'
import { aliasProblem } from './video-aliases.ts'

type Add = (path: string, message: string) => void
type Unique = (scope: string, key: string, path: string, what: string) => boolean

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

/** Adds the aliases the file gives (import never removes one). */
export async function writeAliases(
  db: Db,
  tenantId: string,
  videoId: string,
  aliases: readonly { vendor: AliasVendor; alias: string }[],
  now: Date,
  count: (outcome: Outcome) => void,
): Promise<void> {
  for (const ref of aliases) {
    const stored = await findVideoAlias(db, tenantId, ref.vendor, ref.alias)
    if (!stored) await insertVideoAlias(db, { tenantId, videoId, ...ref, createdAt: now })
    count(stored ? 'unchanged' : 'created')
  }
}

/** Sets each vendor the file names; a vendor left out keeps its stored facts. */
export async function writeAccounts(
  db: Db,
  tenantId: string,
  accounts: NonNullable<TenantDoc['accounts']>,
  now: Date,
  count: (outcome: Outcome) => void,
): Promise<void> {
  const stored: VendorAccounts = await findVendorAccounts(db, tenantId)
  if (accounts.aliyun) {
    const { customerId, region } = accounts.aliyun
    const outcome = outcomeOf(stored.aliyun, stored.aliyun, accounts.aliyun)
    if (outcome !== 'unchanged')
      await setVendorAccount(db, tenantId, 'aliyun', { accountId: customerId, region }, now)
    count(outcome)
  }
  if (accounts.tencent) {
    const { appId, region } = accounts.tencent
    const outcome = outcomeOf(stored.tencent, stored.tencent, accounts.tencent)
    if (outcome !== 'unchanged')
      await setVendorAccount(db, tenantId, 'tencent', { accountId: appId, region }, now)
    count(outcome)
  }
}
