// DingTalk beyond the catalog of 0001: app scopes (an app is a dingtalk access key), the live state
// of a conference an app created or records, and recording transcripts. Access tokens are not
// here: they live in shared state, hashed (services/dingtalk-tokens.ts).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dingtalk_apps')
    .addColumn('access_key_id', 'text', (c) =>
      c.primaryKey().references('access_keys.id').onDelete('cascade'),
    )
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()

  await db.schema
    .createTable('conference_states')
    .addColumn('conference_id', 'text', (c) =>
      c.primaryKey().references('conferences.id').onDelete('cascade'),
    )
    .addColumn('room_code', 'text')
    .addColumn('recording_started_at', 'bigint')
    .addColumn('recording_union_id', 'text')
    .addColumn('recording_mode', 'text')
    .addColumn('recording_window', 'text')
    .execute()

  await db.schema
    .createTable('transcript_paragraphs')
    .addColumn('conference_id', 'text', (c) =>
      c.notNull().references('conferences.id').onDelete('cascade'),
    )
    // 1-based within the conference, in time order: the paging cursor (`nextTtoken`).
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'bigint', (c) => c.notNull())
    .addColumn('union_id', 'text', (c) => c.notNull())
    .addColumn('nick_name', 'text', (c) => c.notNull())
    .addColumn('paragraph', 'text', (c) => c.notNull())
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('sentences', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('transcript_paragraphs_pk', ['conference_id', 'seq'])
    .execute()
}
