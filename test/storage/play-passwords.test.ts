// Play passwords repository on every dialect: sealed at rest, replaced in place, cleared, several
// per video by label, and gone with their video.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  clearPlayPassword,
  findPlayPassword,
  insertPlayPassword,
  listPlayPasswords,
  setPlayPassword,
} from '../../src/storage/repositories/play-passwords.ts'
import { deleteVideo, insertVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeVideo, rejectsWith, seedTenants } from './fixtures.ts'

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

    it('keeps several passwords per video by label, each removable on its own', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await setPlayPassword(db, box, VIDEO, PASSWORD, at())
      const staff = {
        videoId: VIDEO,
        label: 'staff',
        password: 'staff-pw',
        createdAt: at(1000),
        updatedAt: at(1000),
      }
      await insertPlayPassword(db, box, staff)
      await setPlayPassword(db, box, VIDEO, 'students-pw', at(2000), 'students')
      await rejectsWith(insertPlayPassword(db, box, staff), 'CONFLICT')
      assert.deepEqual(await listPlayPasswords(db, box, VIDEO), [
        { videoId: VIDEO, label: 'default', password: PASSWORD, createdAt: at(), updatedAt: at() },
        staff,
        {
          videoId: VIDEO,
          label: 'students',
          password: 'students-pw',
          createdAt: at(2000),
          updatedAt: at(2000),
        },
      ])
      // Replacing keeps the creation time; removing one leaves the others.
      await setPlayPassword(db, box, VIDEO, 'staff-2', at(3000), 'staff')
      assert.equal(await clearPlayPassword(db, VIDEO, 'students'), true)
      assert.deepEqual(
        (await listPlayPasswords(db, box, VIDEO)).map((p) => [p.label, p.password, +p.createdAt]),
        [
          ['default', PASSWORD, +at()],
          ['staff', 'staff-2', +at(1000)],
        ],
      )
      assert.equal(await findPlayPassword(db, box, VIDEO, 'staff'), 'staff-2')
    })

    it('refuses a password for a video that does not exist as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await rejectsWith(setPlayPassword(db, box, VIDEO, PASSWORD, at()), 'NOT_FOUND')
    })
  })
}
