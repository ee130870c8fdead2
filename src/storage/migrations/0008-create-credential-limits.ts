// Usage-limited credentials: how many requests one issued credential (`cr_…`) may make in all,
// kept until the credential expires. The uses themselves are counted in shared state.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_limits')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('domain_id', 'text', (c) =>
      c.notNull().references('play_domains.id').onDelete('cascade'),
    )
    .addColumn('max_uses', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('credential_limits_domain_expires')
    .on('credential_limits')
    .columns(['domain_id', 'expires_at'])
    .execute()
}
