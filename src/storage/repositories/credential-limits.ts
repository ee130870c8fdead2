// Usage limits of issued credentials (`maxUses`), per play domain.
import type { Db } from '../db.ts'

export interface CredentialLimit {
  readonly credentialId: string
  readonly tenantId: string
  readonly domainId: string
  readonly maxUses: number
  readonly expiresAt: Date
  readonly createdAt: Date
}

/** Records a limit; the same credential issued again (same signature) takes the new one. */
export async function putCredentialLimit(db: Db, limit: CredentialLimit): Promise<void> {
  const row = {
    credential_id: limit.credentialId,
    tenant_id: limit.tenantId,
    domain_id: limit.domainId,
    max_uses: limit.maxUses,
    expires_at: limit.expiresAt.getTime(),
    created_at: limit.createdAt.getTime(),
  }
  await db
    .insertInto('credential_limits')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('credential_id')
        .doUpdateSet({ max_uses: row.max_uses, expires_at: row.expires_at }),
    )
    .execute()
}

/** The limits of a domain's credentials still valid at `now`. */
export async function listCredentialLimits(
  db: Db,
  domainId: string,
  now: Date,
): Promise<CredentialLimit[]> {
  const rows = await db
    .selectFrom('credential_limits')
    .selectAll()
    .where('domain_id', '=', domainId)
    .where('expires_at', '>', now.getTime())
    .execute()
  return rows.map((row) => ({
    credentialId: row.credential_id,
    tenantId: row.tenant_id,
    domainId: row.domain_id,
    maxUses: row.max_uses,
    expiresAt: new Date(Number(row.expires_at)),
    createdAt: new Date(Number(row.created_at)),
  }))
}

/** Drops a domain's limits of credentials that expired before `now`; returns how many. */
export async function purgeExpiredCredentialLimits(
  db: Db,
  domainId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('credential_limits')
    .where('domain_id', '=', domainId)
    .where('expires_at', '<=', now.getTime())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
