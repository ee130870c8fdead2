// Viewer controls as use cases: the policy of a play domain or video (binding rules, caps, auth
// callback) and revocation entries (by credential, viewer, video, path prefix or ring key, or a
// leaked URL itself). Every change is audited and signalled to every replica's edge.
import { AppError, notFound } from '../core/errors.ts'
import { urlRefusalText } from '../core/schemes/url-scheme.ts'
import { newId } from '../core/ids.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { credentialOf } from '../core/policy/credential.ts'
import { checkPolicy } from '../core/policy/policy-check.ts'
import {
  REVOCATION_KINDS,
  type AuthCallback,
  type PolicyScope,
  type Revocation,
  type RevocationKind,
  type ViewerCaps,
  type ViewerPolicy,
} from '../core/policy/viewer-policy.ts'
import { canonicalPath } from '../core/schemes/url-common/path.ts'
import { addressOfUrl, verifyPlayAddress, type PlayAddress } from './play-address.ts'
import { findPlayDomain, listPlayDomains } from '../storage/repositories/play-domains.ts'
import {
  purgeExpiredCredentialLimits,
  putCredentialLimit,
} from '../storage/repositories/credential-limits.ts'
import { findVideo } from '../storage/repositories/videos.ts'
import {
  deleteRevocation,
  deleteViewerPolicy,
  findViewerPolicy,
  insertRevocation,
  listRevocations,
  listViewerPolicies,
  purgeExpiredRevocations,
  putViewerPolicy,
} from '../storage/repositories/viewer-controls.ts'
import type { Audit, AuditInput } from './audit.ts'
import type { ServiceDeps } from './deps.ts'
import type { EdgeControls } from './edge-controls.ts'
import type { PlayDomains } from './play-domains.ts'

export interface PolicyInput {
  readonly rules?: unknown
  readonly caps?: Partial<ViewerCaps>
  readonly callback?: Partial<AuthCallback> | null
}

export interface RevokeInput {
  readonly kind: RevocationKind
  readonly value: string
  readonly reason: string
  /** Limits the entry to one play domain; every domain of the tenant otherwise. */
  readonly domainId?: string
  /** Unix seconds; by default when every URL signed up to now has expired. */
  readonly expiresAt?: number
}

const invalid = (parameter: string, reason: string) =>
  new AppError('INVALID_PARAMETER', `${parameter}: ${reason}`, { details: { parameter } })

const MAX_REASON = 500
/** Most uses a usage-limited credential may be given. */
export const MAX_USES = 1_000_000

export function createViewerControls(
  deps: Pick<ServiceDeps, 'db' | 'crypto' | 'clock' | 'config'>,
  services: { audit: Audit; edgeControls: EdgeControls; playDomains: PlayDomains },
) {
  const nowSeconds = () => Math.floor(deps.clock.now() / 1000)

  /** The tenant owning a domain or video; NOT_FOUND when there is none (or, with `tenantId`, not theirs). */
  async function ownerOf(scope: PolicyScope, scopeId: string, tenantId?: string): Promise<string> {
    const found =
      scope === 'domain'
        ? await findPlayDomain(deps.db, scopeId)
        : await findVideo(deps.db, scopeId)
    if (!found || (tenantId !== undefined && found.tenantId !== tenantId))
      throw notFound(scope === 'domain' ? 'playDomain' : 'video', scopeId)
    return found.tenantId
  }

  /** Longest TTL among the tenant's domains (or the one domain), plus the edge's skew. */
  async function defaultExpiry(tenantId: string, domainId: string | undefined): Promise<number> {
    const domains = domainId
      ? [await findPlayDomain(deps.db, domainId)]
      : (await listPlayDomains(deps.db, { tenantId }, { page: 1, pageSize: 1000 })).items
    const ttl = Math.max(1, ...domains.map((d) => d?.ttlSeconds ?? 0))
    return nowSeconds() + ttl + deps.config.edge.skewSeconds
  }

  function checkValue(kind: RevocationKind, value: string): string {
    if (typeof value !== 'string' || value === '' || value.length > 1000)
      throw invalid('value', 'must be 1 to 1000 characters')
    if (kind !== 'path') return value
    const canonical = canonicalPath(value.startsWith('/') ? value : '/' + value)
    if (canonical === undefined) throw invalid('value', 'not a path')
    return canonical
  }

  async function revoke(tenantId: string, input: RevokeInput): Promise<Revocation> {
    if (!(REVOCATION_KINDS as readonly string[]).includes(input.kind))
      throw invalid('kind', `must be one of ${REVOCATION_KINDS.join(', ')}`)
    const value = checkValue(input.kind, input.value)
    if (
      typeof input.reason !== 'string' ||
      input.reason.trim() === '' ||
      input.reason.length > MAX_REASON
    )
      throw invalid('reason', `must be 1 to ${MAX_REASON} characters`)
    if (input.domainId !== undefined) await ownerOf('domain', input.domainId, tenantId)
    if (input.kind === 'video') await ownerOf('video', value, tenantId)
    const expiresAt = input.expiresAt ?? (await defaultExpiry(tenantId, input.domainId))
    if (!Number.isInteger(expiresAt) || expiresAt <= nowSeconds())
      throw invalid('expiresAt', 'must be a future time in Unix seconds')
    const revocation = await insertRevocation(deps.db, {
      id: newId(deps.crypto, 'revocation'),
      tenantId,
      domainId: input.domainId ?? null,
      kind: input.kind,
      value,
      reason: input.reason,
      expiresAt: new Date(expiresAt * 1000),
      createdAt: new Date(deps.clock.now()),
    })
    // Ended entries are refused nowhere and listed nowhere; each write also deletes them.
    await purgeExpiredRevocations(deps.db, new Date(deps.clock.now()), tenantId)
    await services.edgeControls.changed(tenantId)
    await services.audit.record(revokedEvent(revocation))
    return revocation
  }

  /** The credential id of a signed playback URL of one of the tenant's domains. */
  async function identify(tenantId: string, url: string) {
    if (!/^https?:\/\/[^/?#]+(\/[^#]*)?$/i.test(url)) throw invalid('url', 'must be an http(s) URL')
    const address = addressOfUrl(url)
    const domain = await services.playDomains.resolveHost(address.host)
    if (!domain || domain.tenantId !== tenantId) throw notFound('playDomain', address.host)
    return { domain, ...identifyTarget(domain, address) }
  }

  /** The credential of a target as delivered (`/play/<host>/…` or under the domain's host). */
  function identifyTarget(domain: PlayDomainWithKeys, address: PlayAddress) {
    if (!domain.authEnabled) throw invalid('url', 'the domain does not sign its URLs')
    const verdict = verifyPlayAddress(
      { domain, address, now: nowSeconds(), skewSeconds: deps.config.edge.skewSeconds },
      deps.crypto,
    )
    if (!verdict.ok)
      throw new AppError(verdict.code, `url: ${urlRefusalText(verdict)}`, {
        details: { parameter: 'url' },
      })
    const { url, signature } = verdict.value
    const identity = credentialOf(deps.crypto, domain.id, url, signature)
    return { ...identity, expiresAt: url.expiresAt + deps.config.edge.skewSeconds }
  }

  return {
    revoke,
    /** Revokes the credential of a signed URL until it expires (a leaked link). */
    async revokeUrl(tenantId: string, url: string, reason: string): Promise<Revocation> {
      const found = await identify(tenantId, url)
      return revoke(tenantId, {
        kind: 'credential',
        value: found.credentialId,
        reason,
        domainId: found.domain.id,
        expiresAt: Math.max(found.expiresAt, nowSeconds() + 1),
      })
    },
    /** The credential id and viewer of a signed URL (what sessions and revocations name). */
    async identifyUrl(tenantId: string, url: string) {
      const { domain, credentialId, viewerId, expiresAt } = await identify(tenantId, url)
      return { domainId: domain.id, credentialId, viewerId: viewerId ?? null, expiresAt }
    },
    /**
     * Limits each credential of signed targets of `domain` (just issued) to `maxUses` requests in
     * all, until it expires; every replica's edge counts them in shared state.
     */
    async limitUses(
      domain: PlayDomainWithKeys,
      targets: readonly string[],
      maxUses: number,
    ): Promise<void> {
      if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES)
        throw invalid('maxUses', `must be a whole number from 1 to ${MAX_USES}`)
      if (!domain.authEnabled) throw invalid('maxUses', 'the play domain does not sign its URLs')
      for (const target of targets) {
        const { credentialId, expiresAt } = identifyTarget(domain, addressOfUrl(target))
        await putCredentialLimit(deps.db, {
          credentialId,
          tenantId: domain.tenantId,
          domainId: domain.id,
          maxUses,
          expiresAt: new Date(expiresAt * 1000),
          createdAt: new Date(deps.clock.now()),
        })
      }
      await purgeExpiredCredentialLimits(deps.db, domain.id, new Date(deps.clock.now()))
      await services.edgeControls.changed(domain.tenantId)
    },
    listRevocations: (tenantId: string, domainId?: string) =>
      listRevocations(deps.db, tenantId, new Date(deps.clock.now()), domainId),
    /** Lifts a revocation before it ends. */
    async lift(tenantId: string, id: string): Promise<void> {
      if (!(await deleteRevocation(deps.db, tenantId, id))) throw notFound('revocation', id)
      await services.edgeControls.changed(tenantId)
      await services.audit.record({
        tenantId,
        kind: 'credential.revoked',
        subject: id,
        reason: 'lifted',
      })
    },

    /** The policy of a domain or video; an empty one when none was set. */
    async getPolicy(scope: PolicyScope, scopeId: string): Promise<ViewerPolicy> {
      const tenantId = await ownerOf(scope, scopeId)
      return (
        (await findViewerPolicy(deps.db, scope, scopeId)) ?? {
          scope,
          scopeId,
          tenantId,
          rules: [],
          caps: { maxIpsPerCredential: null, maxSessionsPerViewer: null, idleSeconds: null },
          callback: null,
          updatedAt: new Date(0),
        }
      )
    },
    /** Replaces the policy of a domain or video whole. */
    async putPolicy(
      scope: PolicyScope,
      scopeId: string,
      input: PolicyInput,
    ): Promise<ViewerPolicy> {
      const tenantId = await ownerOf(scope, scopeId)
      const checked = checkPolicy(input)
      if (!checked.ok) throw invalid(checked.parameter, checked.reason)
      const policy: ViewerPolicy = {
        scope,
        scopeId,
        tenantId,
        ...checked.policy,
        updatedAt: new Date(deps.clock.now()),
      }
      await putViewerPolicy(deps.db, policy)
      await services.edgeControls.changed(tenantId)
      await services.audit.record(policyChangedEvent(policy))
      return policy
    },
    async removePolicy(scope: PolicyScope, scopeId: string): Promise<void> {
      const tenantId = await ownerOf(scope, scopeId)
      await deleteViewerPolicy(deps.db, scope, scopeId)
      await services.edgeControls.changed(tenantId)
      await services.audit.record({
        tenantId,
        kind: 'viewer-policy.changed',
        subject: `${scope}:${scopeId}`,
        reason: 'removed',
      })
    },
    listPolicies: (tenantId: string) => listViewerPolicies(deps.db, tenantId),
  }
}

export type ViewerControls = ReturnType<typeof createViewerControls>

/** The audit event of a policy put (by the API or an import): its shape, never its secrets. */
export function policyChangedEvent(policy: ViewerPolicy): AuditInput {
  return {
    tenantId: policy.tenantId,
    kind: 'viewer-policy.changed',
    subject: `${policy.scope}:${policy.scopeId}`,
    detail: {
      rules: policy.rules.length,
      caps: policy.caps,
      callback: policy.callback?.url ?? null,
    },
  }
}

/** The audit event of a revocation made (by the API or an import). */
export function revokedEvent(revocation: Revocation): AuditInput {
  return {
    tenantId: revocation.tenantId,
    kind: 'credential.revoked',
    subject: revocation.id,
    reason: revocation.reason,
    detail: {
      kind: revocation.kind,
      value: revocation.value,
      domainId: revocation.domainId,
      expiresAt: Math.floor(revocation.expiresAt.getTime() / 1000),
    },
  }
}
