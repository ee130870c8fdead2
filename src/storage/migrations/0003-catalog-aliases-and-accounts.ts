// What import could not express before: vendor aliases of a video (a Polyv vid, a DingTalk
// mediaId, a Tencent live stream), a video's own play domain, and a tenant's vendor account facts
// (Aliyun CustomerId and region, Tencent AppId).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('video_aliases')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('video_aliases_pk', ['tenant_id', 'vendor', 'alias'])
    .execute()
  await db.schema
    .createIndex('video_aliases_video')
    .on('video_aliases')
    .column('video_id')
    .execute()

  // The host of the video's own play domain; null plays on the tenant's default.
  await db.schema.alterTable('videos').addColumn('play_domain', 'text').execute()

  await db.schema
    .createTable('vendor_accounts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('vendor', 'text', (c) => c.notNull())
    /** Aliyun CustomerId (account UID) or Tencent AppId, as decimal text. */
    .addColumn('account_id', 'text')
    .addColumn('region', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('vendor_accounts_pk', ['tenant_id', 'vendor'])
    .execute()
}
