// Access keys: API credentials per protocol family. Secrets are sealed with the master key and
// opened only by findAccessKeyWithSecret, which signature verifiers call.
import type { AccessKey, AccessKeyWithSecret, KeyStatus, Protocol } from '../../core/model.ts'
import type { SecretBox } from '../../core/secret-box.ts'
import type { Db } from '../db.ts'
import type { AccessKeyRow } from '../tables.ts'
import { guardConflict, selectPage, type Page, type PageOf } from './shared.ts'

function toAccessKey(row: AccessKeyRow): AccessKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    protocol: row.protocol as Protocol,
    keyId: row.key_id,
    status: row.status as KeyStatus,
    description: row.description,
    createdAt: new Date(row.created_at),
  }
}

export async function insertAccessKey(
  db: Db,
  box: SecretBox,
  key: AccessKeyWithSecret,
): Promise<AccessKey> {
  await guardConflict(`access key ${key.keyId}`, () =>
    db.insertInto('access_keys').values(toRow(box, key)).execute(),
  )
  return toAccessKey(toRow(box, key))
}

/** Inserts, or replaces secret, status and description of the key with the same protocol and keyId. */
export async function upsertAccessKey(
  db: Db,
  box: SecretBox,
  key: AccessKeyWithSecret,
): Promise<void> {
  const row = toRow(box, key)
  // The id may still collide with another key's: that is a CONFLICT, not a driver error.
  await guardConflict(`access key ${key.id}`, () =>
    db
      .insertInto('access_keys')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['protocol', 'key_id']).doUpdateSet({
          tenant_id: row.tenant_id,
          secret_sealed: row.secret_sealed,
          status: row.status,
          description: row.description,
        }),
      )
      .execute(),
  )
}

function toRow(box: SecretBox, key: AccessKeyWithSecret): AccessKeyRow {
  return {
    id: key.id,
    tenant_id: key.tenantId,
    protocol: key.protocol,
    key_id: key.keyId,
    secret_sealed: box.seal(key.secret),
    status: key.status,
    description: key.description,
    created_at: key.createdAt.getTime(),
  }
}

export async function findAccessKeyWithSecret(
  db: Db,
  box: SecretBox,
  protocol: Protocol,
  keyId: string,
): Promise<AccessKeyWithSecret | undefined> {
  const row = await db
    .selectFrom('access_keys')
    .selectAll()
    .where('protocol', '=', protocol)
    .where('key_id', '=', keyId)
    .executeTakeFirst()
  return row && { ...toAccessKey(row), secret: box.open(row.secret_sealed) }
}

export async function findAccessKey(db: Db, id: string): Promise<AccessKey | undefined> {
  const row = await db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toAccessKey(row)
}

export async function listAccessKeys(
  db: Db,
  tenantId: string,
  page: Page,
  protocol?: Protocol,
): Promise<PageOf<AccessKey>> {
  let base = db.selectFrom('access_keys').where('tenant_id', '=', tenantId)
  if (protocol !== undefined) base = base.where('protocol', '=', protocol)
  return selectPage(
    base,
    (q) => q.selectAll().orderBy('created_at').orderBy('id'),
    page,
    toAccessKey,
  )
}

export async function updateAccessKey(
  db: Db,
  id: string,
  changes: { status?: KeyStatus; description?: string },
): Promise<AccessKey | undefined> {
  if (changes.status !== undefined || changes.description !== undefined) {
    await db.updateTable('access_keys').set(changes).where('id', '=', id).execute()
  }
  return findAccessKey(db, id)
}

export async function deleteAccessKey(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('access_keys').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}
