// Viewer policies (per play domain or video) and revocation entries.
import {
  REVOCATION_KINDS,
  type PolicyScope,
  type Revocation,
  type RevocationKind,
  type ViewerPolicy,
} from '../../core/policy/viewer-policy.ts'
import type { ViewerRule } from '../../core/policy/rules.ts'
import type { Db } from '../db.ts'
import type { Selectable } from 'kysely'
import type { RevocationTable, ViewerPolicyTable } from '../tables.ts'

function toPolicy(row: Selectable<ViewerPolicyTable>): ViewerPolicy {
  return {
    scope: row.scope as PolicyScope,
    scopeId: row.scope_id,
    tenantId: row.tenant_id,
    rules: JSON.parse(row.rules) as ViewerRule[],
    caps: {
      maxIpsPerCredential: row.max_ips_per_credential,
      maxSessionsPerViewer: row.max_sessions_per_viewer,
      idleSeconds: row.session_idle_seconds,
    },
    callback:
      row.callback_url === null
        ? null
        : {
            url: row.callback_url,
            timeoutMs: row.callback_timeout_ms ?? 1000,
            failOpen: row.callback_fail_open === 1,
          },
    updatedAt: new Date(Number(row.updated_at)),
  }
}

function policyRow(policy: ViewerPolicy): ViewerPolicyTable {
  return {
    scope: policy.scope,
    scope_id: policy.scopeId,
    tenant_id: policy.tenantId,
    rules: JSON.stringify(policy.rules),
    max_ips_per_credential: policy.caps.maxIpsPerCredential,
    max_sessions_per_viewer: policy.caps.maxSessionsPerViewer,
    session_idle_seconds: policy.caps.idleSeconds,
    callback_url: policy.callback?.url ?? null,
    callback_timeout_ms: policy.callback?.timeoutMs ?? null,
    callback_fail_open: policy.callback?.failOpen === false ? 0 : 1,
    updated_at: policy.updatedAt.getTime(),
  }
}

/** Creates or replaces the policy of a domain or video. */
export async function putViewerPolicy(db: Db, policy: ViewerPolicy): Promise<void> {
  const row = policyRow(policy)
  const { scope: _scope, scope_id: _id, ...update } = row
  await db
    .insertInto('viewer_policies')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'scope_id']).doUpdateSet(update))
    .execute()
}

export async function findViewerPolicy(
  db: Db,
  scope: PolicyScope,
  scopeId: string,
): Promise<ViewerPolicy | undefined> {
  const row = await db
    .selectFrom('viewer_policies')
    .selectAll()
    .where('scope', '=', scope)
    .where('scope_id', '=', scopeId)
    .executeTakeFirst()
  return row && toPolicy(row)
}

export async function deleteViewerPolicy(
  db: Db,
  scope: PolicyScope,
  scopeId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('viewer_policies')
    .where('scope', '=', scope)
    .where('scope_id', '=', scopeId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Every policy of a tenant, domains first, each group by id. */
export async function listViewerPolicies(db: Db, tenantId: string): Promise<ViewerPolicy[]> {
  const rows = await db
    .selectFrom('viewer_policies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('scope')
    .orderBy('scope_id')
    .execute()
  return rows.map(toPolicy)
}

/** Stream locations of the videos that have a policy, for mapping edge paths to videos. */
export async function videoPolicyLocations(
  db: Db,
  tenantId: string,
): Promise<{ videoId: string; location: string }[]> {
  const rows = await db
    .selectFrom('viewer_policies')
    .innerJoin('streams', 'streams.video_id', 'viewer_policies.scope_id')
    .select(['streams.video_id as videoId', 'streams.location as location'])
    .where('viewer_policies.tenant_id', '=', tenantId)
    .where('viewer_policies.scope', '=', 'video')
    .execute()
  return rows
}

function toRevocation(row: Selectable<RevocationTable>): Revocation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    domainId: row.domain_id,
    kind: (REVOCATION_KINDS as readonly string[]).includes(row.kind)
      ? (row.kind as RevocationKind)
      : 'credential',
    value: row.value,
    reason: row.reason,
    expiresAt: new Date(Number(row.expires_at)),
    createdAt: new Date(Number(row.created_at)),
  }
}

export async function insertRevocation(db: Db, revocation: Revocation): Promise<Revocation> {
  await db
    .insertInto('revocations')
    .values({
      id: revocation.id,
      tenant_id: revocation.tenantId,
      domain_id: revocation.domainId,
      kind: revocation.kind,
      value: revocation.value,
      reason: revocation.reason,
      expires_at: revocation.expiresAt.getTime(),
      created_at: revocation.createdAt.getTime(),
    })
    .execute()
  return revocation
}

/**
 * Revocations of a tenant still in force at `now`; with `domainId`, only those covering that
 * domain (its own and the tenant-wide ones). Oldest first.
 */
export async function listRevocations(
  db: Db,
  tenantId: string,
  now: Date,
  domainId?: string,
): Promise<Revocation[]> {
  let query = db
    .selectFrom('revocations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('expires_at', '>', now.getTime())
  if (domainId !== undefined)
    query = query.where((eb) =>
      eb.or([eb('domain_id', '=', domainId), eb('domain_id', 'is', null)]),
    )
  const rows = await query.orderBy('created_at').orderBy('id').execute()
  return rows.map(toRevocation)
}

export async function deleteRevocation(db: Db, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('revocations')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Drops entries that ended before `now` (of one tenant, when given); returns how many. */
export async function purgeExpiredRevocations(
  db: Db,
  now: Date,
  tenantId?: string,
): Promise<number> {
  let query = db.deleteFrom('revocations').where('expires_at', '<=', now.getTime())
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Changes an entry's reason and end (an import that says otherwise). */
export async function updateRevocation(db: Db, revocation: Revocation): Promise<void> {
  await db
    .updateTable('revocations')
    .set({ reason: revocation.reason, expires_at: revocation.expiresAt.getTime() })
    .where('id', '=', revocation.id)
    .execute()
}
