// Viewer controls: a policy per play domain or video (ordered binding rules, concurrency caps,
// an auth callback) and revocation entries that end on their own.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('viewer_policies')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('max_ips_per_credential', 'integer')
    .addColumn('max_sessions_per_viewer', 'integer')
    .addColumn('session_idle_seconds', 'integer')
    .addColumn('callback_url', 'text')
    .addColumn('callback_timeout_ms', 'integer')
    .addColumn('callback_fail_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('viewer_policies_pk', ['scope', 'scope_id'])
    .execute()
  await db.schema
    .createIndex('viewer_policies_tenant')
    .on('viewer_policies')
    .column('tenant_id')
    .execute()

  await db.schema
    .createTable('revocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('domain_id', 'text', (c) => c.references('play_domains.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('revocations_tenant_expires')
    .on('revocations')
    .columns(['tenant_id', 'expires_at'])
    .execute()
}
