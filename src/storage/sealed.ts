// Every column that holds a secret sealed with the master key (core/secret-box.ts): the start-up
// check that the configured key opens them, and re-sealing them all under a new key, online.
import { sql } from 'kysely'
import type { SecretBox } from '../core/secret-box.ts'
import type { Db } from './db.ts'

/** Every `*_sealed` column; test/storage/sealed.test.ts fails when a migration adds another. */
export const SEALED_COLUMNS = [
  { table: 'access_keys', column: 'secret_sealed' },
  { table: 'live_streams', column: 'push_key_sealed' },
  { table: 'play_domains', column: 'primary_key_sealed' },
  { table: 'play_domains', column: 'backup_key_sealed' },
  { table: 'play_passwords', column: 'password_sealed' },
  { table: 'server_keys', column: 'key_sealed' },
] as const

/** How many values of each column the start-up check opens: enough to tell a wrong key. */
const CHECK_PER_COLUMN = 1000
/** Rows re-sealed per transaction, so a rotation never holds a long write lock. */
const RESEAL_BATCH = 200

export interface SealedCheck {
  readonly checked: number
  readonly failed: number
  /** `table.column` of the first value that did not open. */
  readonly first?: string
}

async function sealedValues(db: Db, table: string, column: string, limit?: number) {
  const rows = await sql<{ v: string }>`select ${sql.ref(column)} as v from ${sql.table(table)}
    where ${sql.ref(column)} is not null ${limit ? sql`limit ${limit}` : sql``}`.execute(db)
  return rows.rows.map((row) => row.v)
}

const opens = (box: SecretBox, sealed: string) => {
  try {
    box.open(sealed)
    return true
  } catch {
    return false
  }
}

/** Opens up to CHECK_PER_COLUMN values of every sealed column; never reveals one. */
export async function checkSealed(db: Db, box: SecretBox): Promise<SealedCheck> {
  let checked = 0
  let failed = 0
  let first: string | undefined
  for (const { table, column } of SEALED_COLUMNS) {
    for (const sealed of await sealedValues(db, table, column, CHECK_PER_COLUMN)) {
      checked++
      if (opens(box, sealed)) continue
      failed++
      first ??= `${table}.${column}`
    }
  }
  return first ? { checked, failed, first } : { checked, failed }
}

/**
 * Re-seals every stored secret with `box` (which opens with the old key as a previous key), in
 * small transactions while the server keeps running: each row is matched by its old value, so a
 * value a server changed meanwhile is left as that server wrote it.
 */
export async function resealAll(db: Db, box: SecretBox): Promise<{ resealed: number }> {
  let resealed = 0
  for (const { table, column } of SEALED_COLUMNS) {
    const values = await sealedValues(db, table, column)
    for (let i = 0; i < values.length; i += RESEAL_BATCH) {
      const batch = values.slice(i, i + RESEAL_BATCH).map((old) => [old, box.seal(box.open(old))])
      await db.transaction().execute(async (tx) => {
        for (const [old, next] of batch)
          resealed += Number(
            (
              await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${next}
                where ${sql.ref(column)} = ${old}`.execute(tx)
            ).numAffectedRows ?? 0n,
          )
      })
    }
  }
  return { resealed }
}
