// Tenants: create, read, suspend. Every credential check ends in requireActive.
import { AppError } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { Tenant, TenantStatus } from '../core/model.ts'
import {
  deleteTenant,
  findTenant,
  insertTenant,
  listTenants,
  updateTenant,
} from '../storage/repositories/tenants.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'

export interface TenantsOptions {
  /** Called after a tenant is updated or removed (the access-key cache forgets its lookups). */
  readonly onChange?: (tenantId: string) => void
}

export function createTenants(
  deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock'>,
  options: TenantsOptions = {},
) {
  async function get(id: string): Promise<Tenant> {
    const tenant = await findTenant(deps.db, id)
    if (!tenant)
      throw new AppError('NOT_FOUND', `tenant ${id} not found`, { details: { resource: 'tenant' } })
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
      const tenant = await updateTenant(deps.db, id, changes)
      options.onChange?.(id)
      if (!tenant)
        throw new AppError('NOT_FOUND', `tenant ${id} not found`, {
          details: { resource: 'tenant' },
        })
      return tenant
    },
    async remove(id: string): Promise<void> {
      const deleted = await deleteTenant(deps.db, id)
      options.onChange?.(id)
      if (!deleted)
        throw new AppError('NOT_FOUND', `tenant ${id} not found`, {
          details: { resource: 'tenant' },
        })
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
