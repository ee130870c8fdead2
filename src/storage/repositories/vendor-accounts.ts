// A tenant's vendor account facts: one row per (tenant, vendor); the id is kept as decimal text.
import type { AccountVendor, VendorAccounts } from '../../core/model.ts'
import type { Db } from '../db.ts'

/** One vendor's facts as stored: the account number (CustomerId, AppId) and a region. */
export interface VendorAccountFacts {
  readonly accountId?: number
  readonly region?: string
}

export async function findVendorAccounts(db: Db, tenantId: string): Promise<VendorAccounts> {
  const rows = await db
    .selectFrom('vendor_accounts')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .execute()
  const accounts: { -readonly [V in AccountVendor]?: VendorAccounts[V] } = {}
  for (const row of rows) {
    const id = row.account_id === null ? undefined : Number(row.account_id)
    const region = row.region ?? undefined
    if (row.vendor === 'aliyun')
      accounts.aliyun = { ...(id !== undefined && { customerId: id }), ...(region && { region }) }
    else if (row.vendor === 'tencent')
      accounts.tencent = { ...(id !== undefined && { appId: id }), ...(region && { region }) }
  }
  return accounts
}

/** Sets (or, with `null`, removes) the tenant's facts at one vendor. */
export async function setVendorAccount(
  db: Db,
  tenantId: string,
  vendor: AccountVendor,
  facts: VendorAccountFacts | null,
  now: Date,
): Promise<void> {
  if (facts === null) {
    await db
      .deleteFrom('vendor_accounts')
      .where('tenant_id', '=', tenantId)
      .where('vendor', '=', vendor)
      .execute()
    return
  }
  const values = {
    account_id: facts.accountId === undefined ? null : String(facts.accountId),
    region: facts.region ?? null,
    updated_at: now.getTime(),
  }
  await db
    .insertInto('vendor_accounts')
    .values({ tenant_id: tenantId, vendor, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'vendor']).doUpdateSet(values))
    .execute()
}
