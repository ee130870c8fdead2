// Play protection for Polyv and every dialect: several play passwords per video (one per audience,
// each named and removable on its own; the one Polyv's API manages is labelled `default`), and a
// tenant's Polyv playsafe settings (set-playsafe / get-playsafe).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('play_passwords_next')
    .addColumn('video_id', 'text', (c) => c.notNull().references('videos.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('password_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('play_passwords_pk', ['video_id', 'label'])
    .execute()
  // Each video's one password so far becomes its `default` one, still sealed with the same key.
  await sql`insert into play_passwords_next (video_id, label, password_sealed, created_at, updated_at)
    select video_id, 'default', password_sealed, updated_at, updated_at from play_passwords`.execute(
    db,
  )
  await db.schema.dropTable('play_passwords').execute()
  await db.schema.alterTable('play_passwords_next').renameTo('play_passwords').execute()

  await db.schema
    .createTable('playsafe_settings')
    .addColumn('tenant_id', 'text', (c) =>
      c.primaryKey().references('tenants.id').onDelete('cascade'),
    )
    .addColumn('encrypt', 'integer', (c) => c.notNull())
    .addColumn('hls_level', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
}
