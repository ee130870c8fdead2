// Access keys: issue (secret shown once), list, disable, and look up for signature checks, which
// trust a verified key (cached, invalidated on every replica by each change) instead of reading
// it on every request.
import { accept, notFound, reject, type Verdict } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { AccessKey, AccessKeyWithSecret, KeyStatus, Protocol, Tenant } from '../core/model.ts'
import {
  deleteAccessKey,
  findAccessKey,
  findAccessKeyWithSecret,
  insertAccessKey,
  listAccessKeys,
  updateAccessKey,
  upsertAccessKey,
} from '../storage/repositories/access-keys.ts'
import { findTenant } from '../storage/repositories/tenants.ts'
import type { Audit } from './audit.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './outcome.ts'
import { toPage } from './pages.ts'
import { newCredential } from './secrets.ts'
import { directWrites, type Writes } from './writes.ts'

/**
 * How long a replica reuses a key it found usable (active key of an active tenant, secret opened)
 * before reading it again. Every signed API request looks its key up, and the lookup (two queries
 * and an AES-GCM open) cost more than the signature check it serves. A change made through the
 * services (a key updated or removed, a tenant updated or removed) is published to every replica,
 * which drops its copy at once (within a message's trip through Redis); this bounds only how long
 * a lost message (Redis unreachable meanwhile) or a change made behind the services' back keeps
 * a disabled key or a suspended tenant's key usable. Refusals are never cached.
 */
export const ACCESS_KEY_CACHE_MS = 2000

type UsableKey = { readonly key: AccessKeyWithSecret; readonly tenant: Tenant }

export interface IssuedAccessKey {
  readonly key: AccessKey
  /** Shown once, at creation. */
  readonly secret: string
}

export interface AccessKeysOptions {
  /**
   * Called once a key is disabled or removed, before the change is answered: credentials minted
   * from it (DingTalk access tokens) die with it, so re-enabling the key brings none back.
   */
  readonly onRetired?: (key: Pick<AccessKey, 'id' | 'protocol'>) => Promise<void>
  /** The runtime's caches (one subscription per replica); a service built alone makes its own. */
  readonly caches?: Caches
}

export function createAccessKeys(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'> & Partial<Pick<ServiceDeps, 'state'>>,
  audit?: Pick<Audit, 'record'>,
  options: AccessKeysOptions = {},
) {
  const usable = (options.caches ?? createCaches(deps)).named<Verdict<UsableKey>>('access-keys', {
    ttlMs: ACCESS_KEY_CACHE_MS,
  })
  // Protocols have no ':', so the key is unambiguous whatever the key id holds.
  const cacheKey = (protocol: Protocol, keyId: string) => `${protocol}:${keyId}`
  const forget = (key: Pick<AccessKey, 'protocol' | 'keyId'>) =>
    usable.invalidate(cacheKey(key.protocol, key.keyId))
  // For writers that cannot name the keys (a tenant removed with its keys): every key is dropped.
  const invalidate = () => usable.invalidateAll()
  /** A key's security-relevant changes, one event each (never the secret). */
  async function audited(
    w: Writes,
    key: Pick<AccessKey, 'id' | 'tenantId' | 'protocol' | 'keyId'>,
    kinds: readonly (
      | 'access-key.disabled'
      | 'access-key.enabled'
      | 'access-key.secret-changed'
      | 'access-key.created'
    )[],
  ): Promise<void> {
    const detail = { protocol: key.protocol, keyId: key.keyId }
    for (const kind of kinds)
      await w.audit({ tenantId: key.tenantId, kind, subject: key.id, detail })
  }
  const statusKind = (status: KeyStatus) =>
    status === 'disabled' ? ('access-key.disabled' as const) : ('access-key.enabled' as const)

  return {
    async get(id: string): Promise<AccessKey> {
      const key = await findAccessKey(deps.db, id)
      if (!key) throw notFound('accessKey', id)
      return key
    },
    async issue(input: {
      tenantId: string
      protocol: Protocol
      keyId?: string
      secret?: string
      description?: string
    }): Promise<IssuedAccessKey> {
      if (!(await findTenant(deps.db, input.tenantId))) throw notFound('tenant', input.tenantId)
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
      await audited(directWrites(deps.db, audit), key, ['access-key.created'])
      return { key, secret: full.secret }
    },
    /**
     * Creates or replaces the key with this protocol and key id through `w` (an import's
     * transaction). Its id stays; a new secret or status retires what was minted from it.
     */
    async put(w: Writes, input: Omit<AccessKeyWithSecret, 'id' | 'createdAt'>): Promise<Outcome> {
      const stored = await findAccessKeyWithSecret(w.db, deps.box, input.protocol, input.keyId)
      const state = (k: typeof input) => ({
        tenantId: k.tenantId,
        secret: k.secret,
        status: k.status,
        description: k.description,
      })
      const outcome = outcomeOf(stored, stored && state(stored), state(input))
      if (outcome === 'unchanged') return outcome
      const key = {
        ...input,
        id: stored?.id ?? newId(deps.crypto, 'accessKey'),
        createdAt: stored?.createdAt ?? new Date(deps.clock.now()),
      }
      await upsertAccessKey(w.db, deps.box, key)
      if (!stored) await audited(w, key, ['access-key.created'])
      else
        await audited(w, key, [
          ...(stored.status !== key.status ? [statusKind(key.status)] : []),
          ...(stored.secret !== key.secret ? ['access-key.secret-changed' as const] : []),
        ])
      const retired = stored && (stored.secret !== key.secret || stored.status !== key.status)
      await w.afterCommit(async () => {
        await forget(key)
        if (retired) await options.onRetired?.(stored)
      })
      return outcome
    },
    list: (tenantId: string, page?: number, pageSize?: number, protocol?: Protocol) =>
      listAccessKeys(deps.db, tenantId, toPage(page, pageSize), protocol),
    async update(
      id: string,
      changes: { status?: KeyStatus; description?: string },
    ): Promise<AccessKey> {
      const before = await findAccessKey(deps.db, id)
      const key = await updateAccessKey(deps.db, id, changes)
      if (!key || !before) throw notFound('accessKey', id)
      await forget(key)
      if (before.status !== key.status)
        await audited(directWrites(deps.db, audit), key, [statusKind(key.status)])
      if (changes.status === 'disabled') await options.onRetired?.(key)
      return key
    },
    async remove(id: string): Promise<void> {
      const key = await findAccessKey(deps.db, id)
      const deleted = await deleteAccessKey(deps.db, id)
      if (key) await forget(key)
      if (!deleted || !key) throw notFound('accessKey', id)
      await options.onRetired?.(key)
    },
    /**
     * Forgets every cached lookup on every replica, so the next one reads the database. For
     * writers outside this service that change what a lookup answers (the tenants service).
     */
    invalidate,
    /** Forgets the cached lookups of a tenant's keys on every replica (its status changed). */
    async forgetTenant(tenantId: string): Promise<void> {
      const names: string[] = []
      for (let page = 1; ; page++) {
        const { items, total } = await listAccessKeys(deps.db, tenantId, { page, pageSize: 500 })
        names.push(...items.map((k) => cacheKey(k.protocol, k.keyId)))
        if (page * 500 >= total) break
      }
      if (names.length > 0) await usable.invalidate(...names)
    },
    /**
     * The key a client presented, with its secret and tenant, if it may be used: unknown keys,
     * disabled keys and keys of suspended tenants are distinct verdicts (each dialect words them).
     * A usable key is remembered until a change or for {@link ACCESS_KEY_CACHE_MS}.
     */
    lookup(protocol: Protocol, keyId: string): Promise<Verdict<UsableKey>> {
      return usable.get(
        cacheKey(protocol, keyId),
        () => read(protocol, keyId),
        (verdict) => verdict.ok,
      )
    },
  }

  async function read(protocol: Protocol, keyId: string): Promise<Verdict<UsableKey>> {
    const key = await findAccessKeyWithSecret(deps.db, deps.box, protocol, keyId)
    if (!key) return reject('ACCESS_KEY_NOT_FOUND', `unknown ${protocol} access key`)
    if (key.status !== 'active')
      return reject('ACCESS_KEY_DISABLED', `access key ${key.id} is disabled`)
    const tenant = await findTenant(deps.db, key.tenantId)
    if (!tenant) return reject('ACCESS_KEY_NOT_FOUND', `access key ${key.id} has no tenant`)
    if (tenant.status !== 'active')
      return reject('TENANT_SUSPENDED', `tenant ${tenant.id} is ${tenant.status}`)
    return accept({ key, tenant })
  }
}

export type AccessKeys = ReturnType<typeof createAccessKeys>
