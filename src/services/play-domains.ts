// Play domains and key rings: create, rotate (new primary, old primary becomes backup), and
// resolve by host (the edge's hot path) and a tenant's default domain through caches that every
// change invalidates on every replica.
import { AppError, notFound, notFoundSaying, quoteId } from '../core/errors.ts'
import { toHex } from '../core/encoding/bytes.ts'
import { newId } from '../core/ids.ts'
import type { KeyRing, PlayDomain, PlayDomainWithKeys } from '../core/model.ts'
import type { UrlSchemeName } from '../core/schemes/url-scheme.ts'
import {
  deletePlayDomain,
  findPlayDomainWithKeys,
  findTenantPlayDomain,
  insertPlayDomain,
  listPlayDomains,
  rotatePlayDomainKeys,
  updatePlayDomain,
  upsertPlayDomain,
} from '../storage/repositories/play-domains.ts'
import type { Audit } from './audit.ts'
import { createCaches, type Caches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './outcome.ts'
import { toPage } from './pages.ts'
import { randomString } from './secrets.ts'
import { directWrites, type Writes } from './writes.ts'

/**
 * How long a replica trusts its cached copy of a domain without being told of a change. Every
 * change through the services is published to every replica (shared state), which drops its copy
 * at once; this only bounds how long a lost message (Redis unreachable meanwhile) keeps an old
 * copy. Kept at 1 s, because a Tencent ModifyLivePlayAuthKey must reach the edge of every replica
 * within a second even then (one read per domain per second per replica).
 */
export const DOMAIN_CACHE_MS = 1000

export interface NewPlayDomainInput {
  readonly tenantId: string
  readonly host: string
  readonly scheme: UrlSchemeName
  readonly authEnabled?: boolean
  readonly ttlSeconds?: number
  readonly allowedOrigins?: readonly string[]
  readonly isDefault?: boolean
  readonly primaryKey?: string
  readonly backupKey?: string | null
}

export type PlayDomainChanges = Partial<
  Pick<PlayDomain, 'scheme' | 'authEnabled' | 'ttlSeconds' | 'allowedOrigins' | 'isDefault'>
> & { primaryKey?: string; backupKey?: string | null }

/** A host already in normal form: what the edge is handed on nearly every request. */
const NORMAL_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/

/** Host names as the edge compares them: lower case, no port, no trailing dot. */
export function normalizeHost(host: string): string {
  if (NORMAL_HOST.test(host)) return host
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '')
}

export function createPlayDomains(
  deps: Pick<ServiceDeps, 'db' | 'box' | 'crypto' | 'clock'> & Partial<Pick<ServiceDeps, 'state'>>,
  audit?: Pick<Audit, 'record'>,
  caches: Caches = createCaches(deps),
) {
  // While storage does not answer, the last copy keeps issued URLs playing (stale if error).
  const byHost = caches.named<PlayDomainWithKeys | undefined>('play-domains', {
    ttlMs: DOMAIN_CACHE_MS,
    staleIfError: true,
  })
  const defaults = caches.named<PlayDomainWithKeys>('tenant-default-domains', {
    ttlMs: DOMAIN_CACHE_MS,
  })
  /** A domain changed: its host and its tenant's default (which it may be, or become). */
  const changed = (domain: Pick<PlayDomain, 'host' | 'tenantId'>) =>
    Promise.all([byHost.invalidate(domain.host), defaults.invalidate(domain.tenantId)])
  const newKeyId = () => 'k' + toHex(deps.crypto.randomBytes(4))
  const newSecret = () => randomString(deps.crypto, 32)
  /** The key with this secret: the current one (its id kept) while the secret stays the same. */
  const keyFor = (current: KeyRing['primary'] | null | undefined, secret: string) =>
    current?.secret === secret ? current : { id: newKeyId(), secret }
  /** New key ids are security-relevant: one event (ids only, never a secret). */
  async function keysChanged(
    w: Writes,
    before: PlayDomainWithKeys | undefined,
    next: PlayDomainWithKeys,
  ) {
    const ids = (d: PlayDomainWithKeys | undefined) => [
      d?.keys.primary.id,
      d?.keys.backup?.id ?? null,
    ]
    const [primaryKeyId, backupKeyId] = ids(next)
    if (primaryKeyId === ids(before)[0] && backupKeyId === ids(before)[1]) return
    await w.audit({
      tenantId: next.tenantId,
      kind: 'play-domain.keys-changed',
      subject: next.host,
      detail: { primaryKeyId, backupKeyId },
    })
  }

  async function getWithKeys(id: string): Promise<PlayDomainWithKeys> {
    const domain = await findPlayDomainWithKeys(deps.db, deps.box, { id })
    if (!domain) throw notFound('playDomain', id)
    return domain
  }

  return {
    async create(input: NewPlayDomainInput): Promise<PlayDomainWithKeys> {
      const domain: PlayDomainWithKeys = {
        id: newId(deps.crypto, 'playDomain'),
        tenantId: input.tenantId,
        host: normalizeHost(input.host),
        scheme: input.scheme,
        authEnabled: input.authEnabled ?? true,
        ttlSeconds: input.ttlSeconds ?? 1800,
        allowedOrigins: input.allowedOrigins ?? ['*'],
        isDefault: input.isDefault ?? false,
        createdAt: new Date(deps.clock.now()),
        keys: {
          primary: { id: newKeyId(), secret: input.primaryKey ?? newSecret() },
          backup: input.backupKey ? { id: newKeyId(), secret: input.backupKey } : null,
          rotatedAt: null,
        },
      }
      await insertPlayDomain(deps.db, deps.box, domain)
      await changed(domain)
      return domain
    },
    getWithKeys,
    list: (filter: { tenantId?: string }, page?: number, pageSize?: number) =>
      listPlayDomains(deps.db, filter, toPage(page, pageSize)),
    async update(id: string, changes: PlayDomainChanges): Promise<PlayDomainWithKeys> {
      const current = await getWithKeys(id)
      const { primaryKey, backupKey, ...settings } = changes
      const keys = {
        ...current.keys,
        primary:
          primaryKey === undefined
            ? current.keys.primary
            : keyFor(current.keys.primary, primaryKey),
        backup:
          backupKey === undefined
            ? current.keys.backup
            : backupKey === null || backupKey === ''
              ? null
              : keyFor(current.keys.backup, backupKey),
      }
      const next: PlayDomainWithKeys = { ...current, ...settings, keys }
      await updatePlayDomain(deps.db, deps.box, next)
      await changed(next)
      await keysChanged(directWrites(deps.db, audit), current, next)
      return next
    },
    /**
     * Creates or replaces the tenant's domain with this host through `w` (an import's
     * transaction). A key left out is kept (generated for a new domain): a secret has no default.
     */
    async put(w: Writes, input: NewPlayDomainInput): Promise<Outcome> {
      const host = normalizeHost(input.host)
      const stored = await findPlayDomainWithKeys(w.db, deps.box, { host })
      const primary = input.primaryKey ?? stored?.keys.primary.secret ?? newSecret()
      const backup =
        input.backupKey === undefined ? (stored?.keys.backup?.secret ?? null) : input.backupKey
      const next: PlayDomainWithKeys = {
        id: stored?.id ?? newId(deps.crypto, 'playDomain'),
        tenantId: input.tenantId,
        host,
        scheme: input.scheme,
        authEnabled: input.authEnabled ?? true,
        ttlSeconds: input.ttlSeconds ?? 1800,
        allowedOrigins: input.allowedOrigins ?? ['*'],
        isDefault: input.isDefault ?? false,
        createdAt: stored?.createdAt ?? new Date(deps.clock.now()),
        keys: {
          primary: keyFor(stored?.keys.primary, primary),
          backup: backup === null ? null : keyFor(stored?.keys.backup, backup),
          rotatedAt: stored?.keys.rotatedAt ?? null,
        },
      }
      const outcome = outcomeOf(stored, stored && domainState(stored), domainState(next))
      if (outcome === 'unchanged') return outcome
      await upsertPlayDomain(w.db, deps.box, next)
      await keysChanged(w, stored, next)
      await w.afterCommit(() => changed(next))
      return outcome
    },
    /** New primary (given or generated); the old primary becomes the backup and keeps verifying. */
    async rotate(id: string, newPrimary?: string): Promise<PlayDomainWithKeys> {
      const current = await getWithKeys(id)
      const next = { id: newKeyId(), secret: newPrimary ?? newSecret() }
      const at = new Date(deps.clock.now())
      const applied = await rotatePlayDomainKeys(
        deps.db,
        deps.box,
        id,
        current.keys.primary.id,
        next,
        current.keys.primary,
        at,
      )
      if (!applied) throw new AppError('CONFLICT', `play domain ${id} was rotated concurrently`)
      await changed(current)
      await audit?.record({
        tenantId: current.tenantId,
        kind: 'key.rotated',
        subject: current.host,
        detail: { primaryKeyId: next.id, backupKeyId: current.keys.primary.id },
      })
      return { ...current, keys: { primary: next, backup: current.keys.primary, rotatedAt: at } }
    },
    async remove(id: string): Promise<void> {
      const current = await getWithKeys(id)
      await deletePlayDomain(deps.db, id)
      await changed(current)
    },
    /** The domain the edge serves for a Host header; cached (see DOMAIN_CACHE_MS). */
    resolveHost(host: string): Promise<PlayDomainWithKeys | undefined> {
      const key = normalizeHost(host)
      return byHost.get(key, () => findPlayDomainWithKeys(deps.db, deps.box, { host: key }))
    },
    /**
     * The domain resolveHost would answer from its cache, without a promise; undefined when it
     * would load, or knows the host has none (resolveHost answers that).
     */
    cachedHost(host: string): PlayDomainWithKeys | undefined {
      return byHost.peek(normalizeHost(host))
    },
    /** The domain a tenant's playback URLs are issued for (its default, else its oldest), cached. */
    forTenant(tenantId: string): Promise<PlayDomainWithKeys> {
      return defaults.get(tenantId, async () => {
        const domain = await findTenantPlayDomain(deps.db, deps.box, tenantId)
        if (!domain)
          throw notFoundSaying(
            'playDomain',
            `tenant ${quoteId(tenantId)} has no play domain; add one first`,
          )
        return domain
      })
    },
  }
}

export type PlayDomains = ReturnType<typeof createPlayDomains>

/** What a write compares: everything but ids and times (a key is its secret). */
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
