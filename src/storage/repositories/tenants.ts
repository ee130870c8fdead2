// Tenants: accounts that own keys, videos and domains.
import type { Tenant, TenantStatus } from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { TenantRow } from '../tables.ts'
import { guardConflict, selectPage, type Page, type PageOf } from './shared.ts'

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    status: row.status as TenantStatus,
    createdAt: new Date(row.created_at),
  }
}

function tenantRow(tenant: Tenant): TenantRow {
  return {
    id: tenant.id,
    name: tenant.name,
    status: tenant.status,
    created_at: tenant.createdAt.getTime(),
  }
}

export async function insertTenant(db: Db, tenant: Tenant): Promise<Tenant> {
  await guardConflict(`tenant ${tenant.id}`, () =>
    db.insertInto('tenants').values(tenantRow(tenant)).execute(),
  )
  return tenant
}

/** Inserts or updates name and status (import is idempotent). */
export async function upsertTenant(db: Db, tenant: Tenant): Promise<void> {
  await db
    .insertInto('tenants')
    .values(tenantRow(tenant))
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: tenant.name, status: tenant.status }))
    .execute()
}

export async function findTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toTenant(row)
}

export async function listTenants(db: Db, page: Page): Promise<PageOf<Tenant>> {
  return selectPage(
    db.selectFrom('tenants'),
    (q) => q.selectAll().orderBy('created_at').orderBy('id'),
    page,
    toTenant,
  )
}

export async function updateTenant(
  db: Db,
  id: string,
  changes: { name?: string; status?: TenantStatus },
): Promise<Tenant | undefined> {
  if (changes.name !== undefined || changes.status !== undefined) {
    await db.updateTable('tenants').set(changes).where('id', '=', id).execute()
  }
  return findTenant(db, id)
}

export async function deleteTenant(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('tenants').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}
