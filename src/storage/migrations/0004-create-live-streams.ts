// Live streams of a play domain (`{AppName}/{StreamName}`): where the edge finds their HLS (a
// folder a live origin writes, or an upstream URL), an optional catalog video, and a push key.
// A play domain's Tencent fields map onto columns that exist: Enable = auth_enabled, AuthDelta =
// ttl_seconds, AuthKey/AuthBackKey = the primary and backup keys.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_streams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('play_domain_id', 'text', (c) =>
      c.notNull().references('play_domains.id').onDelete('cascade'),
    )
    .addColumn('app_name', 'text', (c) => c.notNull())
    .addColumn('stream_name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('video_id', 'text', (c) => c.references('videos.id').onDelete('set null'))
    .addColumn('push_key_sealed', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('live_streams_domain_app_stream', [
      'play_domain_id',
      'app_name',
      'stream_name',
    ])
    .execute()
  await db.schema
    .createIndex('live_streams_tenant')
    .on('live_streams')
    .columns(['tenant_id', 'created_at'])
    .execute()
}
