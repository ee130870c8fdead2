// Database plumbing: dialect from the URL, passwords kept out of messages, readiness pings, and
// driver errors recognised as unique or foreign-key violations on every dialect.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  dialectOf,
  isForeignKeyViolation,
  isUniqueViolation,
  openDb,
  pingDb,
  redactUrl,
} from '../../src/storage/db.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'

describe('database URLs', () => {
  it('chooses the dialect from the scheme', () => {
    assert.deepEqual(
      ['postgres://h/db', 'postgresql://h/db', 'sqlite:/var/x.db', 'sqlite::memory:'].map(
        dialectOf,
      ),
      ['postgres', 'postgres', 'sqlite', 'sqlite'],
    )
  })

  it('refuses any other scheme without echoing its password', () => {
    assert.throws(
      () => dialectOf('mysql://root:hunter2@h/db'),
      (error: Error) => {
        assert.ok(error instanceof TypeError)
        assert.ok(!error.message.includes('hunter2'))
        assert.ok(error.message.includes('mysql://root:***@h/db'))
        return true
      },
    )
  })

  it('redacts only the password', () => {
    assert.equal(redactUrl('postgres://u:p%40ss@h:5432/db'), 'postgres://u:***@h:5432/db')
    assert.equal(redactUrl('postgres://u@h/db'), 'postgres://u@h/db')
    assert.equal(redactUrl('sqlite:/tmp/x.db'), 'sqlite:/tmp/x.db')
  })
})

for (const dialect of DIALECTS) {
  describe(`database health and errors (${dialect})`, () => {
    it('answers a ping while open', async (t) => {
      const db = await openTestDb(t, dialect)
      assert.equal(await pingDb(db), true)
    })

    it('recognises unique and foreign-key violations from the driver', async (t) => {
      const db = await openTestDb(t, dialect)
      const row = { id: 'tn_a', name: 'A', status: 'active', created_at: 0 }
      await db.insertInto('tenants').values(row).execute()
      const unique = await db
        .insertInto('tenants')
        .values(row)
        .execute()
        .catch((e: unknown) => e)
      assert.deepEqual([isUniqueViolation(unique), isForeignKeyViolation(unique)], [true, false])
      const orphan = await db
        .insertInto('dingtalk_orgs')
        .values({ tenant_id: 'tn_nope', corp_id: 'c', name: 'n' })
        .execute()
        .catch((e: unknown) => e)
      assert.deepEqual([isUniqueViolation(orphan), isForeignKeyViolation(orphan)], [false, true])
      assert.equal(isUniqueViolation(new Error('x')), false)
      assert.equal(isUniqueViolation(undefined), false)
    })
  })
}

describe('database health when down', () => {
  it('reports false instead of throwing once the database is gone', async () => {
    const db = openDb({ url: 'sqlite::memory:' })
    assert.equal(await pingDb(db), true)
    await db.destroy()
    assert.equal(await pingDb(db), false)
  })

  it('reports false for a PostgreSQL server that does not answer', async (t) => {
    // Port 9 (discard) is closed on test machines: the connection is refused at once.
    const db = openDb({ url: 'postgres://nobody@127.0.0.1:9/none', poolSize: 1 })
    t.after(() => db.destroy())
    assert.equal(await pingDb(db), false)
  })
})
