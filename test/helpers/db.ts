// DIALECTS and openTestDb: every storage test runs on SQLite, and on PostgreSQL whenever
// PLAYGATE_TEST_PG_URL is set. Each call gets its own migrated database (its own PG schema).
import { randomBytes } from 'node:crypto'
import type { TestContext } from 'node:test'
import { sql } from 'kysely'
import { migrate, openDb, type Db, type DialectName } from '../../src/storage/db.ts'

const PG_URL = process.env.PLAYGATE_TEST_PG_URL

export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

type Cleanup = Pick<TestContext, 'after'>

export async function openTestDb(t: Cleanup, dialect: DialectName = 'sqlite'): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = openDb({ url: 'sqlite::memory:' })
    t.after(() => db.destroy())
    await migrate(db)
    return db
  }
  if (!PG_URL) throw new Error('PLAYGATE_TEST_PG_URL is not set')
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = openDb({ url: PG_URL, poolSize: 1 })
  await sql`create schema ${sql.id(schema)}`.execute(admin)
  const db = openDb({ url: PG_URL, schema, poolSize: 4 })
  t.after(async () => {
    await db.destroy()
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin)
    await admin.destroy()
  })
  await migrate(db)
  return db
}
