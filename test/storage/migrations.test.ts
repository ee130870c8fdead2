// Migrations on every dialect: the whole domain model is created in the database's own schema,
// a second run is a no-op, and other schemas in the same PostgreSQL database do not interfere.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { migrate, type Db } from '../../src/storage/db.ts'
import { MIGRATIONS } from '../../src/storage/migrations/index.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box } from './fixtures.ts'

const TABLES = [
  'access_keys',
  'admin_tokens',
  'audit_events',
  'conferences',
  'conference_states',
  'dingtalk_apps',
  'dingtalk_orgs',
  'dingtalk_users',
  'live_streams',
  'play_domains',
  'play_passwords',
  'playsafe_settings',
  'recordings',
  'streams',
  'tenants',
  'transcript_paragraphs',
  'vendor_accounts',
  'video_aliases',
  'videos',
]

/** Tables of the connection's own schema (introspection alone lists every schema on PostgreSQL). */
async function ownTables(db: Db, dialect: string): Promise<string[]> {
  const tables = await db.introspection.getTables()
  if (dialect !== 'postgres') return tables.map((x) => x.name).sort()
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return tables
    .filter((x) => x.schema === rows[0]?.schema)
    .map((x) => x.name)
    .sort()
}

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    it('creates every table of the domain model', async (t) => {
      const db = await openTestDb(t, dialect)
      const tables = await ownTables(db, dialect)
      for (const name of TABLES) {
        assert.ok(tables.includes(name), `${name} missing from ${tables.join(', ')}`)
      }
    })

    it('is a no-op when run again', async (t) => {
      const db = await openTestDb(t, dialect)
      assert.deepEqual(await migrate(db), [])
    })

    // Regression: the migrator looked for its table in every schema, so a PlayGate already
    // migrated in another schema of the database made a fresh one skip its migrations.
    it(
      'migrates its own schema when another schema of the database is already migrated',
      { skip: dialect === 'postgres' ? false : 'schemas are a PostgreSQL matter' },
      async (t) => {
        const first = await openTestDb(t, dialect)
        const second = await openTestDb(t, dialect)
        for (const db of [first, second]) {
          const tables = await ownTables(db, dialect)
          assert.deepEqual(
            TABLES.filter((name) => !tables.includes(name)),
            [],
          )
          const { rows } = await sql<{
            n: number
          }>`select count(*)::int as n from playgate_migrations`.execute(db)
          assert.equal(rows[0]?.n, Object.keys(MIGRATIONS).length)
        }
      },
    )

    it('0006 makes each video’s one play password its `default` one, still sealed', async (t) => {
      const db = await openTestDb(t, dialect)
      // Back to the state before 0006 (later helpers' migrations may have run already, as they
      // land in any order), with a password written the old way.
      const migrator = await migratorOf(db, dialect)
      await sql`drop table play_passwords`.execute(db)
      await sql`drop table playsafe_settings`.execute(db)
      await sql`delete from playgate_migrations where name = '0006-polyv-play-protection'`.execute(
        db,
      )
      await sql`create table play_passwords (video_id text primary key references videos(id)
        on delete cascade, password_sealed text not null, updated_at bigint not null)`.execute(db)
      await sql`insert into tenants (id, name, status, created_at)
        values ('tn_a', 'A', 'active', 0)`.execute(db)
      await sql`insert into videos (id, tenant_id, title, description, tags, duration, size,
        status, audit_status, created_at, updated_at)
        values ('v1', 'tn_a', 't', '', '[]', 0, 0, 'Normal', '', 0, 0)`.execute(db)
      await sql`insert into play_passwords values ('v1', ${box.seal('old-pw')}, ${at().getTime()})`.execute(
        db,
      )
      const { error } = await migrator.migrateToLatest()
      assert.equal(error, undefined)
      const rows = await db.selectFrom('play_passwords').selectAll().execute()
      assert.deepEqual(
        rows.map((r) => ({ ...r, password_sealed: box.open(r.password_sealed) })),
        [
          {
            video_id: 'v1',
            label: 'default',
            password_sealed: 'old-pw',
            created_at: at().getTime(),
            updated_at: at().getTime(),
          },
        ],
      )
    })

    it('0010 gives a video whose reference id is a Polyv vid that polyv alias', async (t) => {
      const db = await openTestDb(t, dialect)
      await sql`delete from playgate_migrations where name = '0010-polyv-vids-as-aliases'`.execute(
        db,
      )
      await sql`insert into tenants (id, name, status, created_at)
        values ('tn_a', 'A', 'active', 0)`.execute(db)
      const vid = '1b448be323b452641878b54f21241188_1'
      const taken = '1b448be323631e6e80e12e0790609f68_1'
      for (const [id, ref] of [
        ['v1', vid],
        ['v2', 'course-101'],
        ['v3', taken],
        ['v4', taken.toUpperCase()],
      ])
        await sql`insert into videos (id, tenant_id, title, description, tags, duration, size,
          status, audit_status, created_at, updated_at, reference_id)
          values (${id}, 'tn_a', 't', '', '[]', 0, 0, 'Normal', '', 7, 7, ${ref})`.execute(db)
      // v3's vid already names v2: left alone.
      await sql`insert into video_aliases values ('tn_a', 'polyv', ${taken}, 'v2', 5)`.execute(db)
      const migrator = await migratorOf(db, dialect)
      assert.equal((await migrator.migrateToLatest()).error, undefined)
      const rows = await db
        .selectFrom('video_aliases')
        .select(['video_id', 'vendor', 'alias', 'created_at'])
        .orderBy('video_id')
        .execute()
      assert.deepEqual(
        rows.map((r) => ({ ...r, created_at: Number(r.created_at) })),
        [
          { video_id: 'v1', vendor: 'polyv', alias: vid, created_at: 7 },
          { video_id: 'v2', vendor: 'polyv', alias: taken, created_at: 5 },
        ],
      )
    })
  })
}

/** A migrator of every migration, in any order (to re-run one after later ones ran). */
async function migratorOf(db: Db, dialect: string): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'playgate_migrations',
    migrationLockTableName: 'playgate_migrations_lock',
    migrationTableSchema: dialect === 'postgres' ? await schemaOf(db) : undefined,
    allowUnorderedMigrations: true,
  })
}

async function schemaOf(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema
}
