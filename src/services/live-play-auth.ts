// A play domain's live play-auth settings as Tencent names them (DescribeLivePlayAuthKey,
// ModifyLivePlayAuthKey): Enable = authEnabled, AuthDelta = ttlSeconds, AuthKey/AuthBackKey = the
// primary and backup keys. Scoped to the caller's tenant; a key change reaches every edge in 1 s.
import { AppError, notFound } from '../core/errors.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import type { ServiceDeps } from './deps.ts'
import { normalizeHost, type PlayDomainChanges, type PlayDomains } from './play-domains.ts'

export interface PlayAuthKeyInfo {
  readonly domainName: string
  readonly enabled: boolean
  readonly authKey: string
  readonly authBackKey: string
  readonly authDelta: number
}

export interface PlayAuthKeyChanges {
  readonly enabled?: boolean
  readonly authKey?: string
  /** '' removes the backup key. */
  readonly authBackKey?: string
  readonly authDelta?: number
}

/** Keys are what a CDN or a customer's generator types in: visible ASCII, no spaces. */
const KEY = /^[\x21-\x7e]{1,256}$/
/** A year, the same bound as a domain's TTL elsewhere. */
export const MAX_AUTH_DELTA = 31_536_000

function noRecord(domainName: string): AppError {
  return notFound('playDomain', domainName, { parameter: 'DomainName' })
}

function invalid(parameter: string, message: string): AppError {
  return new AppError('INVALID_PARAMETER', message, { details: { parameter } })
}

/**
 * Tencent's view of a domain: a disabled one reports empty keys and zeros (tencent-live.md §5.1),
 * while PlayGate keeps its keys for when it is enabled again.
 */
export function toPlayAuthKeyInfo(domain: PlayDomainWithKeys): PlayAuthKeyInfo {
  if (!domain.authEnabled)
    return { domainName: domain.host, enabled: false, authKey: '', authBackKey: '', authDelta: 0 }
  return {
    domainName: domain.host,
    enabled: true,
    authKey: domain.keys.primary.secret,
    authBackKey: domain.keys.backup?.secret ?? '',
    authDelta: domain.ttlSeconds,
  }
}

export function createLivePlayAuth(
  deps: Pick<ServiceDeps, 'db' | 'box'>,
  others: { readonly playDomains: Pick<PlayDomains, 'update' | 'list'> },
) {
  async function find(tenantId: string, domainName: string): Promise<PlayDomainWithKeys> {
    const host = normalizeHost(domainName)
    // Read fresh, not through the edge's cache: a Describe right after a Modify sees it.
    const domain =
      host === '' ? undefined : await findPlayDomainWithKeys(deps.db, deps.box, { host })
    // Another tenant's domain is answered exactly like one that does not exist.
    if (!domain || domain.tenantId !== tenantId) throw noRecord(domainName)
    return domain
  }

  return {
    /** DescribeLivePlayAuthKey. */
    async describe(tenantId: string, domainName: string): Promise<PlayAuthKeyInfo> {
      return toPlayAuthKeyInfo(await find(tenantId, domainName))
    },
    /** ModifyLivePlayAuthKey: absent fields keep their stored value. */
    async modify(
      tenantId: string,
      domainName: string,
      changes: PlayAuthKeyChanges,
    ): Promise<PlayAuthKeyInfo> {
      if (changes.authKey !== undefined && !KEY.test(changes.authKey))
        throw invalid('AuthKey', 'AuthKey must be 1-256 visible ASCII characters')
      if (
        changes.authBackKey !== undefined &&
        changes.authBackKey !== '' &&
        !KEY.test(changes.authBackKey)
      )
        throw invalid('AuthBackKey', 'AuthBackKey must be 1-256 visible ASCII characters')
      if (
        changes.authDelta !== undefined &&
        !(Number.isSafeInteger(changes.authDelta) && changes.authDelta >= 0)
      )
        throw invalid('AuthDelta', 'AuthDelta must be a non-negative integer')
      if (changes.authDelta !== undefined && changes.authDelta > MAX_AUTH_DELTA)
        throw invalid('AuthDelta', `AuthDelta must be at most ${MAX_AUTH_DELTA}`)
      const domain = await find(tenantId, domainName)
      const update: { -readonly [K in keyof PlayDomainChanges]: PlayDomainChanges[K] } = {}
      if (changes.enabled !== undefined) update.authEnabled = changes.enabled
      if (changes.authKey !== undefined) update.primaryKey = changes.authKey
      if (changes.authBackKey !== undefined) update.backupKey = changes.authBackKey || null
      if (changes.authDelta !== undefined) update.ttlSeconds = changes.authDelta
      const next = await others.playDomains.update(domain.id, update)
      return toPlayAuthKeyInfo(next)
    },
    /** DescribeLiveDomain. */
    find,
    /** DescribeLiveDomains: the tenant's play domains, a page at a time. */
    list: (tenantId: string, page: number, pageSize: number) =>
      others.playDomains.list({ tenantId }, page, pageSize),
  }
}

export type LivePlayAuth = ReturnType<typeof createLivePlayAuth>
