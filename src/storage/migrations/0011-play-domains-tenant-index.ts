// A tenant's play domains are read on every play request without a domain named (its default)
// and by the console's lists; with thousands of domains that was a scan of all of them.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('play_domains_tenant')
    .on('play_domains')
    .columns(['tenant_id', 'is_default', 'created_at'])
    .execute()
}
