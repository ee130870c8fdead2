// Play passwords repository on every dialect: sealed at rest, replaced in place, cleared, and
// gone with their video.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  clearPlayPassword,
  findPlayPassword,
  setPlayPassword,
} from '../../src/storage/repositories/play-passwords.ts'
import { deleteVideo, insertVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeVideo, seedTenants } from './fixtures.ts'

const VIDEO = makeVideo().id
const PASSWORD = 'open-sesame-密码'

for (const dialect of DIALECTS) {
  describe(`play passwords repository (${dialect})`, () => {
    it('stores the password sealed and reads it back in plain text', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      const raw = await db.selectFrom('play_passwords').selectAll().executeTakeFirstOrThrow()
      assert.match(raw.password_sealed, /^v1\./)
      assert.ok(!raw.password_sealed.includes('open-sesame'))
      assert.equal(raw.updated_at, at().getTime())
      assert.equal(await findPlayPassword(db, box, VIDEO), PASSWORD)
    })

    it('replaces the password in place when set again', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      await setPlayPassword(db, box, VIDEO, 'second', at(5000))
      const rows = await db.selectFrom('play_passwords').selectAll().execute()
      assert.equal(rows.length, 1)
      assert.equal(rows[0]?.updated_at, at(5000).getTime())
      assert.equal(await findPlayPassword(db, box, VIDEO), 'second')
    })

    it('clears a password once and reads undefined after', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      assert.equal(await findPlayPassword(db, box, VIDEO), undefined)
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      assert.equal(await clearPlayPassword(db, VIDEO), true)
      assert.equal(await clearPlayPassword(db, VIDEO), false)
      assert.equal(await findPlayPassword(db, box, VIDEO), undefined)
    })

    it('is deleted with its video', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      await deleteVideo(db, VIDEO)
      assert.equal((await db.selectFrom('play_passwords').selectAll().execute()).length, 0)
    })
  })
}
