// Server keys (see migration 0002): random MAC keys PlayGate mints stateless credentials with,
// sealed with the master key, listed newest first. Key material never leaves as a row.
import type { SecretBox } from '../../core/secret-box.ts'
import { fromBase64, toBase64 } from '../../core/encoding/bytes.ts'
import type { Db } from '../db.ts'

export interface ServerKeyTable {
  purpose: string
  id: string
  /** base64 of the key bytes, sealed (core/secret-box.ts). */
  key_sealed: string
  created_at: number
}

export interface StoredServerKey {
  readonly id: string
  readonly key: Uint8Array
  readonly createdAt: Date
}

// The shared Database interface belongs to tables.ts; this table is only ever reached from here.
const withTable = (db: Db) => db.withTables<{ server_keys: ServerKeyTable }>()

/** Every key of `purpose`, newest first (ties broken by id, so every replica agrees). */
export async function listServerKeys(
  db: Db,
  box: SecretBox,
  purpose: string,
): Promise<StoredServerKey[]> {
  const rows = await withTable(db)
    .selectFrom('server_keys')
    .selectAll()
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((row) => {
    const key = fromBase64(box.open(row.key_sealed))
    if (!key) throw new TypeError(`server key ${purpose}/${row.id} is not base64`)
    return { id: row.id, key, createdAt: new Date(row.created_at) }
  })
}

/**
 * Stores a key unless one with the same purpose and id exists (then the stored one wins, which is
 * what lets replicas race to create the first key safely). True when this call inserted it.
 */
export async function insertServerKey(
  db: Db,
  box: SecretBox,
  purpose: string,
  key: { id: string; key: Uint8Array; createdAt: Date },
): Promise<boolean> {
  const result = await withTable(db)
    .insertInto('server_keys')
    .values({
      purpose,
      id: key.id,
      key_sealed: box.seal(toBase64(key.key)),
      created_at: key.createdAt.getTime(),
    })
    .onConflict((oc) => oc.columns(['purpose', 'id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}

/** Removes one key (after it stopped signing long enough ago); true when it existed. */
export async function deleteServerKey(db: Db, purpose: string, id: string): Promise<boolean> {
  const result = await withTable(db)
    .deleteFrom('server_keys')
    .where('purpose', '=', purpose)
    .where('id', '=', id)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
