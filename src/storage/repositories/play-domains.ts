// Play domains and their key rings. Keys are sealed at rest; rotation is one guarded update.
import type { KeyRing, PlayDomain, PlayDomainWithKeys } from '../../core/model.ts'
import type { UrlSchemeName } from '../../core/schemes/url-scheme.ts'
import type { SecretBox } from '../../core/secret-box.ts'
import type { Db } from '../db.ts'
import type { PlayDomainRow } from '../tables.ts'
import { guardConflict, selectPage, parseJson, type Page, type PageOf } from './shared.ts'

function toDomain(row: PlayDomainRow): PlayDomain {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    host: row.host,
    scheme: row.scheme as UrlSchemeName,
    authEnabled: row.auth_enabled === 1,
    ttlSeconds: row.ttl_seconds,
    allowedOrigins: parseJson<string[]>(row.allowed_origins, ['*']),
    isDefault: row.is_default === 1,
    createdAt: new Date(Number(row.created_at)),
  }
}

function toDomainWithKeys(box: SecretBox, row: PlayDomainRow): PlayDomainWithKeys {
  return {
    ...toDomain(row),
    keys: {
      primary: { id: row.primary_key_id, secret: box.open(row.primary_key_sealed) },
      backup:
        row.backup_key_id !== null && row.backup_key_sealed !== null
          ? { id: row.backup_key_id, secret: box.open(row.backup_key_sealed) }
          : null,
      rotatedAt: row.rotated_at === null ? null : new Date(Number(row.rotated_at)),
    },
  }
}

function toRow(box: SecretBox, d: PlayDomainWithKeys): PlayDomainRow {
  return {
    id: d.id,
    tenant_id: d.tenantId,
    // Lookups by host compare in lower case, so that is how it is stored whoever writes it.
    host: d.host.toLowerCase(),
    scheme: d.scheme,
    auth_enabled: d.authEnabled ? 1 : 0,
    ttl_seconds: d.ttlSeconds,
    allowed_origins: JSON.stringify(d.allowedOrigins),
    is_default: d.isDefault ? 1 : 0,
    primary_key_id: d.keys.primary.id,
    primary_key_sealed: box.seal(d.keys.primary.secret),
    backup_key_id: d.keys.backup?.id ?? null,
    backup_key_sealed: d.keys.backup ? box.seal(d.keys.backup.secret) : null,
    rotated_at: d.keys.rotatedAt?.getTime() ?? null,
    created_at: d.createdAt.getTime(),
  }
}

export async function insertPlayDomain(
  db: Db,
  box: SecretBox,
  domain: PlayDomainWithKeys,
): Promise<PlayDomain> {
  await guardConflict(`play domain ${domain.host}`, () =>
    db.insertInto('play_domains').values(toRow(box, domain)).execute(),
  )
  return toDomain(toRow(box, domain))
}

/** Inserts, or replaces everything but id and created_at of the domain with the same host. */
export async function upsertPlayDomain(
  db: Db,
  box: SecretBox,
  domain: PlayDomainWithKeys,
): Promise<void> {
  const { id: _id, host: _host, created_at: _c, ...rest } = toRow(box, domain)
  await guardConflict(`play domain ${domain.host}`, () =>
    db
      .insertInto('play_domains')
      .values(toRow(box, domain))
      .onConflict((oc) => oc.column('host').doUpdateSet(rest))
      .execute(),
  )
}

export async function findPlayDomain(db: Db, id: string): Promise<PlayDomain | undefined> {
  const row = await db
    .selectFrom('play_domains')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toDomain(row)
}

export async function findPlayDomainWithKeys(
  db: Db,
  box: SecretBox,
  by: { id: string } | { host: string },
): Promise<PlayDomainWithKeys | undefined> {
  let query = db.selectFrom('play_domains').selectAll()
  query =
    'id' in by ? query.where('id', '=', by.id) : query.where('host', '=', by.host.toLowerCase())
  const row = await query.executeTakeFirst()
  return row && toDomainWithKeys(box, row)
}

/** The tenant's default domain, else its oldest one. */
export async function findTenantPlayDomain(
  db: Db,
  box: SecretBox,
  tenantId: string,
): Promise<PlayDomainWithKeys | undefined> {
  const row = await db
    .selectFrom('play_domains')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .executeTakeFirst()
  return row && toDomainWithKeys(box, row)
}

export async function listPlayDomains(
  db: Db,
  filter: { tenantId?: string },
  page: Page,
): Promise<PageOf<PlayDomain>> {
  let base = db.selectFrom('play_domains')
  if (filter.tenantId !== undefined) base = base.where('tenant_id', '=', filter.tenantId)
  return selectPage(base, (q) => q.selectAll().orderBy('created_at').orderBy('id'), page, toDomain)
}

export async function updatePlayDomain(
  db: Db,
  box: SecretBox,
  domain: PlayDomainWithKeys,
): Promise<void> {
  const { id, created_at: _c, ...rest } = toRow(box, domain)
  await guardConflict(`play domain ${domain.host}`, () =>
    db.updateTable('play_domains').set(rest).where('id', '=', id).execute(),
  )
}

/**
 * Rotation: the new key becomes primary and the old primary the backup, in one update that only
 * applies if the primary is still the one the caller saw (two concurrent rotations cannot both win).
 */
export async function rotatePlayDomainKeys(
  db: Db,
  box: SecretBox,
  domainId: string,
  expectedPrimaryId: string,
  next: { id: string; secret: string },
  current: KeyRing['primary'],
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('play_domains')
    .set({
      primary_key_id: next.id,
      primary_key_sealed: box.seal(next.secret),
      backup_key_id: current.id,
      backup_key_sealed: box.seal(current.secret),
      rotated_at: at.getTime(),
    })
    .where('id', '=', domainId)
    .where('primary_key_id', '=', expectedPrimaryId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deletePlayDomain(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('play_domains').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}
