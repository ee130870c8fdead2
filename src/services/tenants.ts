// Tenants: create, read, suspend. Every credential check ends in requireActive.
import { AppError, notFound } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import { ACCOUNT_NUMBER, REGION_RULE, patternProblem } from '../core/fields.ts'
import type {
  AliyunAccount,
  Tenant,
  TenantStatus,
  TencentAccount,
  VendorAccounts,
} from '../core/model.ts'
import {
  deleteTenant,
  findTenant,
  insertTenant,
  listTenants,
  updateTenant,
  upsertTenant,
} from '../storage/repositories/tenants.ts'
import {
  findVendorAccounts,
  setVendorAccount,
  type VendorAccountFacts,
} from '../storage/repositories/vendor-accounts.ts'
import type { Audit } from './audit.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './outcome.ts'
import { toPage } from './pages.ts'
import { directWrites, type Writes } from './writes.ts'

export interface TenantsOptions {
  /** Called after a tenant is updated or removed (the access-key cache forgets its lookups). */
  readonly onChange?: (tenantId: string, removed: boolean) => Promise<void> | void
  /** Where status changes are recorded. */
  readonly audit?: Pick<Audit, 'record'>
  /** The runtime's caches; a service built alone makes its own. */
  readonly caches?: Caches
}

/** Per vendor: facts to set, `null` to forget them; a vendor left out is left alone. */
export interface VendorAccountChanges {
  readonly aliyun?: AliyunAccount | null
  readonly tencent?: TencentAccount | null
}

/** One vendor's facts checked: the account number in range, the region well formed. */
function accountFacts(
  vendor: string,
  numberName: string,
  id: number | undefined,
  region: string | undefined,
): VendorAccountFacts {
  const invalid = (field: string, why: string) =>
    new AppError('INVALID_PARAMETER', `${vendor}.${field} ${why}`, {
      details: { parameter: `${vendor}.${field}` },
    })
  if (
    id !== undefined &&
    (!Number.isSafeInteger(id) || id < ACCOUNT_NUMBER.minimum || id > ACCOUNT_NUMBER.maximum)
  )
    throw invalid(numberName, 'must be a non-negative integer')
  const problem = region === undefined ? undefined : patternProblem(REGION_RULE, region)
  if (problem) throw invalid('region', problem)
  return { accountId: id, region }
}

/**
 * How long a replica reuses a tenant's vendor account facts on the credential path (every
 * PlayAuth names its CustomerId and region) without being told of a change. A change through the
 * services is published to every replica, which drops its copy at once; this bounds only a lost
 * message (Redis unreachable meanwhile) or a change made behind the services' back.
 */
export const ACCOUNTS_CACHE_MS = 2000

export function createTenants(
  deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'> & Partial<Pick<ServiceDeps, 'state'>>,
  options: TenantsOptions = {},
) {
  const accounts = (options.caches ?? createCaches(deps)).named<VendorAccounts>('vendor-accounts', {
    ttlMs: ACCOUNTS_CACHE_MS,
  })
  /** A tenant changed: its lookups drop on every replica. */
  const changed = (id: string, removed = false) =>
    Promise.all([options.onChange?.(id, removed), accounts.invalidate(id)])
  /** A status change is security-relevant: the tenant's keys stop (or start) working. */
  const statusChanged = (w: Writes, id: string, from: TenantStatus, to: TenantStatus) =>
    from === to
      ? Promise.resolve()
      : w.audit({ tenantId: id, kind: 'tenant.status-changed', subject: id, detail: { from, to } })
  /** `parameter`: the request field that named the tenant (a body's `tenantId`), for the answer. */
  async function get(id: string, parameter?: string): Promise<Tenant> {
    const tenant = await findTenant(deps.db, id)
    if (!tenant) throw notFound('tenant', id, parameter ? { parameter } : {})
    return tenant
  }
  return {
    async create(input: { id?: string; name: string; status?: TenantStatus }): Promise<Tenant> {
      return insertTenant(deps.db, {
        id: input.id ?? newId(deps.crypto, 'tenant'),
        name: input.name,
        status: input.status ?? 'active',
        createdAt: new Date(deps.clock.now()),
      })
    },
    get,
    list: (page?: number, pageSize?: number) => listTenants(deps.db, toPage(page, pageSize)),
    async update(id: string, changes: { name?: string; status?: TenantStatus }): Promise<Tenant> {
      const before = await findTenant(deps.db, id)
      const tenant = await updateTenant(deps.db, id, changes)
      await changed(id)
      if (!tenant || !before) throw notFound('tenant', id)
      await statusChanged(directWrites(deps.db, options.audit), id, before.status, tenant.status)
      return tenant
    },
    /** Creates or replaces a tenant through `w` (an import's transaction). */
    async put(w: Writes, input: Pick<Tenant, 'id' | 'name' | 'status'>): Promise<Outcome> {
      const stored = await findTenant(w.db, input.id)
      const wanted = { id: input.id, name: input.name, status: input.status }
      const current = stored && { id: stored.id, name: stored.name, status: stored.status }
      const outcome = outcomeOf(stored, current, wanted)
      if (outcome === 'unchanged') return outcome
      const now = new Date(deps.clock.now())
      await upsertTenant(w.db, { ...wanted, createdAt: stored?.createdAt ?? now })
      if (stored) await statusChanged(w, input.id, stored.status, input.status)
      await w.afterCommit(() => changed(input.id))
      return outcome
    },
    async remove(id: string): Promise<void> {
      const deleted = await deleteTenant(deps.db, id)
      await changed(id, true)
      if (!deleted) throw notFound('tenant', id)
    },
    /** Facts of the tenant's vendor accounts (Aliyun CustomerId and region, Tencent AppId). */
    async accounts(id: string): Promise<VendorAccounts> {
      await get(id)
      return findVendorAccounts(deps.db, id)
    },
    /** Sets or forgets the facts of the vendors named; returns them all. */
    async updateAccounts(id: string, changes: VendorAccountChanges): Promise<VendorAccounts> {
      await get(id)
      const { aliyun, tencent } = changes
      const facts = {
        aliyun: aliyun && accountFacts('aliyun', 'customerId', aliyun.customerId, aliyun.region),
        tencent: tencent && accountFacts('tencent', 'appId', tencent.appId, tencent.region),
      }
      const now = new Date(deps.clock.now())
      for (const vendor of ['aliyun', 'tencent'] as const)
        if (facts[vendor] !== undefined)
          await setVendorAccount(deps.db, id, vendor, facts[vendor], now)
      await changed(id)
      return findVendorAccounts(deps.db, id)
    },
    /**
     * Sets the facts of each vendor given through `w` (an import's transaction), checked as
     * `updateAccounts` checks them; a vendor left out keeps its facts. The outcome per vendor.
     */
    async putAccounts(
      w: Writes,
      id: string,
      given: { aliyun?: AliyunAccount; tencent?: TencentAccount },
    ): Promise<Outcome[]> {
      const stored = await findVendorAccounts(w.db, id)
      const now = new Date(deps.clock.now())
      const outcomes: Outcome[] = []
      for (const vendor of ['aliyun', 'tencent'] as const) {
        const wanted = given[vendor]
        if (wanted === undefined) continue
        const facts =
          vendor === 'aliyun'
            ? accountFacts(vendor, 'customerId', given.aliyun!.customerId, wanted.region)
            : accountFacts(vendor, 'appId', given.tencent!.appId, wanted.region)
        const outcome = outcomeOf(stored[vendor], stored[vendor], wanted)
        if (outcome !== 'unchanged') await setVendorAccount(w.db, id, vendor, facts, now)
        outcomes.push(outcome)
      }
      if (outcomes.some((o) => o !== 'unchanged'))
        await w.afterCommit(() => accounts.invalidate(id))
      return outcomes
    },
    /** {@link accounts} for the credential path: cached (see ACCOUNTS_CACHE_MS). */
    accountsCached(id: string): Promise<VendorAccounts> {
      return accounts.get(id, async () => findVendorAccounts(deps.db, (await get(id)).id))
    },
    /** The tenant, if it may use the service; TENANT_SUSPENDED otherwise. */
    async requireActive(id: string): Promise<Tenant> {
      const tenant = await get(id)
      if (tenant.status !== 'active')
        throw new AppError('TENANT_SUSPENDED', `tenant ${id} is ${tenant.status}`)
      return tenant
    },
  }
}

export type Tenants = ReturnType<typeof createTenants>
