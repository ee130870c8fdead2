// Access keys: issue (secret shown once), list, disable, and look up for signature checks.
import { AppError, accept, reject, type Verdict } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { AccessKey, AccessKeyWithSecret, KeyStatus, Protocol, Tenant } from '../core/model.ts'
import {
  deleteAccessKey,
  findAccessKey,
  findAccessKeyWithSecret,
  insertAccessKey,
  listAccessKeys,
  updateAccessKey,
} from '../storage/repositories/access-keys.ts'
import { findTenant } from '../storage/repositories/tenants.ts'
import type { Audit } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import { toPage } from './pages.ts'
import { newCredential } from './secrets.ts'

export interface IssuedAccessKey {
  readonly key: AccessKey
  /** Shown once, at creation. */
  readonly secret: string
}

export function createAccessKeys(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'>,
  audit?: Pick<Audit, 'record'>,
) {
  return {
    async get(id: string): Promise<AccessKey> {
      const key = await findAccessKey(deps.db, id)
      if (!key)
        throw new AppError('NOT_FOUND', `access key ${id} not found`, {
          details: { resource: 'accessKey' },
        })
      return key
    },
    async issue(input: {
      tenantId: string
      protocol: Protocol
      keyId?: string
      secret?: string
      description?: string
    }): Promise<IssuedAccessKey> {
      if (!(await findTenant(deps.db, input.tenantId)))
        throw new AppError('NOT_FOUND', `tenant ${input.tenantId} not found`, {
          details: { resource: 'tenant' },
        })
      const generated = newCredential(deps.crypto, input.protocol)
      const full: AccessKeyWithSecret = {
        id: newId(deps.crypto, 'accessKey'),
        tenantId: input.tenantId,
        protocol: input.protocol,
        keyId: input.keyId ?? generated.keyId,
        secret: input.secret ?? generated.secret,
        status: 'active',
        description: input.description ?? '',
        createdAt: new Date(deps.clock.now()),
      }
      const key = await insertAccessKey(deps.db, deps.box, full)
      await audit?.record({
        tenantId: key.tenantId,
        kind: 'access-key.created',
        subject: key.id,
        detail: { protocol: key.protocol, keyId: key.keyId },
      })
      return { key, secret: full.secret }
    },
    list: (tenantId: string, page?: number, pageSize?: number) =>
      listAccessKeys(deps.db, tenantId, toPage(page, pageSize)),
    async update(
      id: string,
      changes: { status?: KeyStatus; description?: string },
    ): Promise<AccessKey> {
      const key = await updateAccessKey(deps.db, id, changes)
      if (!key)
        throw new AppError('NOT_FOUND', `access key ${id} not found`, {
          details: { resource: 'accessKey' },
        })
      return key
    },
    async remove(id: string): Promise<void> {
      if (!(await deleteAccessKey(deps.db, id)))
        throw new AppError('NOT_FOUND', `access key ${id} not found`, {
          details: { resource: 'accessKey' },
        })
    },
    /**
     * The key a client presented, with its secret and tenant, if it may be used: unknown keys,
     * disabled keys and keys of suspended tenants are distinct verdicts (each dialect words them).
     */
    async lookup(
      protocol: Protocol,
      keyId: string,
    ): Promise<Verdict<{ key: AccessKeyWithSecret; tenant: Tenant }>> {
      const key = await findAccessKeyWithSecret(deps.db, deps.box, protocol, keyId)
      if (!key) return reject('ACCESS_KEY_NOT_FOUND', `unknown ${protocol} access key`)
      if (key.status !== 'active')
        return reject('ACCESS_KEY_DISABLED', `access key ${key.id} is disabled`)
      const tenant = await findTenant(deps.db, key.tenantId)
      if (!tenant) return reject('ACCESS_KEY_NOT_FOUND', `access key ${key.id} has no tenant`)
      if (tenant.status !== 'active')
        return reject('TENANT_SUSPENDED', `tenant ${tenant.id} is ${tenant.status}`)
      return accept({ key, tenant })
    },
  }
}

export type AccessKeys = ReturnType<typeof createAccessKeys>
