// Import of a tenant's viewer controls (docs/import.md, `viewerControls`): viewer policies per
// play domain or video (binding rules, caps, session idle time, auth callback) and revocation
// entries. Checked with the same rules as the API; written inside the importer's transaction,
// after domains and videos, each change audited as the API audits it; the edge of every replica
// hears of the change once it commits.
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { newId } from '../core/ids.ts'
import { CREDENTIAL_ID } from '../core/policy/credential.ts'
import { checkPolicy } from '../core/policy/policy-check.ts'
import { USER_AGENT_CLASSES } from '../core/policy/user-agent.ts'
import {
  REVOCATION_KINDS,
  type PolicyScope,
  type Revocation,
  type ViewerPolicy,
} from '../core/policy/viewer-policy.ts'
import { canonicalPath } from '../core/schemes/url-common/path.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import {
  findViewerPolicy,
  insertRevocation,
  listRevocations,
  putViewerPolicy,
  updateRevocation,
} from '../storage/repositories/viewer-controls.ts'
import type { TenantDoc } from './import-document.ts'
import { section, type SectionCheck, type SectionWrite } from './import-section.ts'
import { outcomeOf, same } from './outcome.ts'
import { normalizeHost } from './play-domains.ts'
import { policyChangedEvent, revokedEvent } from './viewer-controls.ts'

const Closed = { additionalProperties: false } as const
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)))
const Time = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$',
  problem: 'must be an ISO 8601 time with a zone, e.g. 2026-01-05T09:00:00Z',
})
const Cap = Type.Optional(Type.Union([Type.Integer(), Type.Null()]))

const RuleDocSchema = Type.Object(
  {
    action: oneOf(['allow', 'deny'] as const),
    ip: Type.Optional(Type.Array(Text(253))),
    referrer: Type.Optional(Type.Array(Text(253))),
    userAgent: Type.Optional(Type.Array(oneOf(USER_AGENT_CLASSES))),
  },
  Closed,
)

/** One policy: for exactly one of a play domain (host), a video id or a video referenceId. */
export const ViewerPolicyDocSchema = Type.Object(
  {
    playDomain: Type.Optional(Text(253)),
    videoId: Type.Optional(Text(64)),
    videoReferenceId: Type.Optional(Text(128)),
    rules: Type.Optional(Type.Array(RuleDocSchema)),
    caps: Type.Optional(
      Type.Object(
        { maxIpsPerCredential: Cap, maxSessionsPerViewer: Cap, idleSeconds: Cap },
        Closed,
      ),
    ),
    callback: Type.Optional(
      Type.Union([
        Type.Object(
          {
            url: Text(2000),
            timeoutMs: Type.Optional(Type.Integer()),
            failOpen: Type.Optional(Type.Boolean()),
          },
          Closed,
        ),
        Type.Null(),
      ]),
    ),
  },
  Closed,
)

export const RevocationDocSchema = Type.Object(
  {
    kind: oneOf(REVOCATION_KINDS),
    value: Text(1000),
    reason: Text(500),
    /** Limits the entry to one of the tenant's play domains (by host); all of them otherwise. */
    playDomain: Type.Optional(Text(253)),
    expiresAt: Time,
  },
  Closed,
)

export const ViewerControlsDocSchema = Type.Object(
  {
    policies: Type.Optional(Type.Array(ViewerPolicyDocSchema)),
    revocations: Type.Optional(Type.Array(RevocationDocSchema)),
  },
  Closed,
)

type PolicyDoc = Static<typeof ViewerPolicyDocSchema>

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

function fileHosts(tenant: Record<string, unknown>): Set<string> {
  return new Set(
    list(tenant.playDomains).flatMap((d) =>
      isRecord(d) && typeof d.host === 'string' ? [normalizeHost(d.host)] : [],
    ),
  )
}

/** Whether the file lists the video (whatever its other problems, reported at the video). */
function inFile(tenant: Record<string, unknown>, by: 'id' | 'ref', value: string): boolean {
  const field = by === 'id' ? 'id' : 'referenceId'
  return list(tenant.videos).some((v) => isRecord(v) && v[field] === value)
}

/**
 * Checks the `viewerControls` of a raw tenant (schema problems are the planner's): each policy's
 * rules, caps and callback, what it and each revocation point at, and duplicates.
 */
async function checkViewerControls({ deps, raw: tenant, path, add }: SectionCheck): Promise<void> {
  const section = tenant.viewerControls
  if (!isRecord(section)) return
  const at = `${path}.viewerControls`
  const hosts = fileHosts(tenant)
  const domainProblem = async (host: string): Promise<string | undefined> => {
    const normal = normalizeHost(host)
    if (hosts.has(normal)) return undefined
    const stored = await findPlayDomainWithKeys(deps.db, deps.box, { host: normal })
    if (stored?.tenantId === tenant.id) return undefined
    return `unknown play domain "${host}" (not in this tenant's playDomains)`
  }
  const videoProblem = async (by: 'id' | 'ref', value: string) => {
    if (inFile(tenant, by, value)) return undefined
    const stored =
      by === 'id'
        ? await findVideo(deps.db, value)
        : await findVideoByReference(deps.db, tenant.id, value)
    if (stored?.tenantId === tenant.id) return undefined
    return by === 'id'
      ? `unknown video "${value}" (not in this tenant's videos)`
      : `unknown video referenceId "${value}" (not in this tenant's videos)`
  }

  const scopes = new Map<string, string>()
  for (const [pi, raw] of list(section.policies).entries()) {
    if (!isRecord(raw)) continue
    const pAt = `${at}.policies[${pi}]`
    const targets = (['playDomain', 'videoId', 'videoReferenceId'] as const).filter(
      (k) => typeof raw[k] === 'string',
    )
    if (targets.length !== 1) {
      add(pAt, 'needs exactly one of playDomain, videoId and videoReferenceId')
    } else {
      const field = targets[0]!
      const value = raw[field] as string
      const key = `${field}\0${field === 'playDomain' ? normalizeHost(value) : value}`
      const first = scopes.get(key)
      if (first !== undefined) add(`${pAt}.${field}`, `duplicate policy (first at ${first})`)
      else scopes.set(key, `${pAt}.${field}`)
      const problem =
        field === 'playDomain'
          ? await domainProblem(value)
          : await videoProblem(field === 'videoId' ? 'id' : 'ref', value)
      if (problem) add(`${pAt}.${field}`, problem)
    }
    // What the schema refused is reported already.
    if (!Value.Check(ViewerPolicyDocSchema, raw)) continue
    const checked = checkPolicy(raw, pAt)
    if (!checked.ok) add(checked.parameter, checked.reason)
  }

  for (const [ri, raw] of list(section.revocations).entries()) {
    if (!isRecord(raw) || typeof raw.value !== 'string') continue
    const rAt = `${at}.revocations[${ri}]`
    if (typeof raw.playDomain === 'string') {
      const problem = await domainProblem(raw.playDomain)
      if (problem) add(`${rAt}.playDomain`, problem)
    }
    const problem = await revocationValueProblem(raw.kind, raw.value, videoProblem)
    if (problem) add(`${rAt}.value`, problem)
  }
}

async function revocationValueProblem(
  kind: unknown,
  value: string,
  videoProblem: (by: 'id', value: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  if (kind === 'credential' && !CREDENTIAL_ID.test(value))
    return 'must be a credential id (cr_ and 20 hex characters)'
  if (kind === 'path' && canonicalPath(value.startsWith('/') ? value : '/' + value) === undefined)
    return 'not a path'
  if (kind === 'video') return videoProblem('id', value)
  return undefined
}

async function domainIdOf(deps: WriteDeps, host: string): Promise<string> {
  // Planned: the host is the tenant's, written above or stored.
  return (await findPlayDomainWithKeys(deps.db, deps.box, { host: normalizeHost(host) }))!.id
}

async function scopeOf(
  deps: WriteDeps,
  tenantId: string,
  doc: PolicyDoc,
): Promise<[PolicyScope, string]> {
  if (doc.playDomain !== undefined) return ['domain', await domainIdOf(deps, doc.playDomain)]
  if (doc.videoId !== undefined) return ['video', doc.videoId]
  return ['video', (await findVideoByReference(deps.db, tenantId, doc.videoReferenceId!))!.id]
}

type WriteDeps = SectionWrite['deps']

/** Writes the section of a planned (problem-free) tenant. */
async function writeViewerControls(tenant: TenantDoc, _plan: unknown, ctx: SectionWrite) {
  const doc = tenant.viewerControls
  if (!doc) return
  const { tenantId, now, count, writes } = ctx
  const deps = { ...ctx.deps, db: writes.db }
  let changed = false
  for (const p of doc.policies ?? []) {
    const [scope, scopeId] = await scopeOf(deps, tenantId, p)
    const checked = checkPolicy(p, 'policy')
    if (!checked.ok) throw new TypeError(`${checked.parameter}: ${checked.reason}`)
    const stored = await findViewerPolicy(deps.db, scope, scopeId)
    const storedParts = stored && {
      rules: stored.rules,
      caps: stored.caps,
      callback: stored.callback,
    }
    const outcome = outcomeOf(stored, storedParts, checked.policy)
    const policy: ViewerPolicy = { scope, scopeId, tenantId, ...checked.policy, updatedAt: now }
    count('viewerPolicies', outcome)
    if (outcome === 'unchanged') continue
    changed = true
    await putViewerPolicy(deps.db, policy)
    await writes.audit(policyChangedEvent(policy))
  }

  const inForce = await listRevocations(deps.db, tenantId, now)
  for (const r of doc.revocations ?? []) {
    const expiresAt = new Date(r.expiresAt)
    // An entry that has ended already revokes nothing: there is nothing to write.
    if (expiresAt <= now) {
      count('revocations', 'unchanged')
      continue
    }
    const domainId = r.playDomain === undefined ? null : await domainIdOf(deps, r.playDomain)
    const value = r.kind === 'path' ? canonicalValue(r.value) : r.value
    const stored = inForce.find(
      (e) => e.kind === r.kind && e.value === value && e.domainId === domainId,
    )
    const wanted = { reason: r.reason, expiresAt }
    if (stored && same({ reason: stored.reason, expiresAt: stored.expiresAt }, wanted)) {
      count('revocations', 'unchanged')
      continue
    }
    const entry: Revocation = stored
      ? { ...stored, ...wanted }
      : {
          id: newId(deps.crypto, 'revocation'),
          tenantId,
          domainId,
          kind: r.kind,
          value,
          ...wanted,
          createdAt: now,
        }
    await (stored ? updateRevocation(deps.db, entry) : insertRevocation(deps.db, entry))
    count('revocations', stored ? 'updated' : 'created')
    changed = true
    await writes.audit(revokedEvent(entry))
  }
  // Every replica's edge reloads the tenant's controls once the change is committed.
  if (changed) await writes.afterCommit(() => ctx.services.edgeControls.changed(tenantId))
}

export const viewerControlsSection = section({
  field: 'viewerControls',
  check: checkViewerControls,
  count: (doc) =>
    (doc.viewerControls?.policies?.length ?? 0) + (doc.viewerControls?.revocations?.length ?? 0),
  write: writeViewerControls,
})

function canonicalValue(path: string): string {
  return canonicalPath(path.startsWith('/') ? path : '/' + path)!
}
