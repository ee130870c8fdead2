// Admin tokens, stored as SHA-256 hashes: a token is shown once and only ever compared after.
import type { Db } from '../db.ts'

export interface AdminToken {
  readonly id: string
  readonly name: string
  readonly createdAt: Date
}

export async function insertAdminToken(
  db: Db,
  token: AdminToken & { tokenHash: string },
): Promise<void> {
  await db
    .insertInto('admin_tokens')
    .values({
      id: token.id,
      name: token.name,
      token_hash: token.tokenHash,
      created_at: token.createdAt.getTime(),
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute()
}

export async function findAdminTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<AdminToken | undefined> {
  const row = await db
    .selectFrom('admin_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  return row && { id: row.id, name: row.name, createdAt: new Date(row.created_at) }
}

export async function countAdminTokens(db: Db): Promise<number> {
  const row = await db
    .selectFrom('admin_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
