// Server-side MAC keys that PlayGate itself mints credentials with (the Aliyun PlayAuth ring first),
// sealed under the master key. One row per key; the newest of a purpose signs, all of it verify.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_keys')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('server_keys_pk', ['purpose', 'id'])
    .execute()
}
