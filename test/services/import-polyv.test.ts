// The import format's `polyv` section: playsafe settings, Polyv's per-video fields (merged into the
// video's settings, so importing again changes nothing) and labelled play passwords, sealed at
// rest; every problem names its path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { listPlayPasswords } from '../../src/storage/repositories/play-passwords.ts'
import { findPlaysafeSettings } from '../../src/storage/repositories/playsafe-settings.ts'
import { findVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS } from '../helpers/db.ts'
import { exampleFixture, importWorld } from './import-harness.ts'

interface Doc {
  tenants: { id: string; videos?: Record<string, unknown>[]; polyv?: Record<string, any> }[]
}

const LESSON2 = '1b448be323b452641878b54f21241188'
const VID = '1b448be323b452641878b54f21241188_1'
const fixture = () => exampleFixture() as Doc

for (const dialect of DIALECTS) {
  describe(`import: polyv (${dialect})`, () => {
    it('writes playsafe settings, Polyv fields and labelled passwords, then leaves them alone', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      const summary = await importer.apply(fixture())
      assert.deepEqual(summary.playsafe, { created: 1, updated: 0, unchanged: 0 })
      const playsafe = await findPlaysafeSettings(db, 'tn_acme')
      assert.deepEqual([playsafe?.encrypt, playsafe?.hlsLevel], [true, 'web'])
      const video = (await findVideo(db, LESSON2))!
      assert.deepEqual(video.settings, {
        'polyv.qid': 'visitor-form-1',
        'polyv.isShowPassword': 'false',
        'polyv.publishUrl': 'https://learn.acme.test/course-101/lesson-2',
        'polyv.authplay': '0',
      })
      const passwords = await listPlayPasswords(db, deps.box, LESSON2)
      assert.deepEqual(
        passwords.map((p) => [p.label, p.password]),
        [
          ['default', 'lesson-2-open'],
          ['staff', 'staff-only-2026'],
        ],
      )
      const again = await importer.apply(fixture())
      assert.deepEqual(again.playsafe, { created: 0, updated: 0, unchanged: 1 })
      assert.deepEqual(again.videos.updated, 0)
      assert.deepEqual(again.passwords.updated + again.passwords.created, 0)
    })

    it('names a video by its vid, changes and removes passwords by label', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      const doc = fixture()
      const acme = doc.tenants[0]!
      acme.videos!.push({ referenceId: VID, title: 'By vid' })
      acme.polyv!.videos.push({ vid: VID, qid: 'q-2', passwords: [{ label: 'a', password: 'pa' }] })
      await importer.apply(doc)
      acme.polyv!.videos[0].passwords = [
        { label: 'staff', password: '' },
        { label: 'default', password: 'changed' },
      ]
      const summary = await importer.apply(doc)
      assert.deepEqual(summary.passwords, { created: 0, updated: 2, unchanged: 2 })
      const left = await listPlayPasswords(db, deps.box, LESSON2)
      assert.deepEqual(
        left.map((p) => [p.label, p.password]),
        [['default', 'changed']],
      )
    })

    it('reports an unknown video, a doubly named one and a duplicate label with their paths', async (t) => {
      const { importer } = await importWorld(t, dialect)
      const doc = fixture()
      const polyv = doc.tenants[0]!.polyv!
      polyv.videos.push(
        { vid: '0123456789abcdef0123456789abcdef_1' },
        { vid: VID, videoId: LESSON2 },
        {
          videoId: LESSON2,
          passwords: [
            { label: 'x', password: 'secret-1' },
            { label: 'x', password: 'secret-2' },
          ],
        },
      )
      polyv.playsafe.hlsLevel = 'nope'
      const problems = await importer.validate(doc)
      const text = JSON.stringify(problems)
      assert.ok(!text.includes('secret-1') && !text.includes('secret-2'))
      const at = 'tenants[0].polyv'
      assert.deepEqual(
        problems.map((p) => p.path),
        [
          `${at}.videos[1].vid`,
          `${at}.videos[2]`,
          `${at}.videos[3].videoId`,
          `${at}.videos[3].passwords[1].label`,
          `${at}.playsafe.hlsLevel`,
        ],
      )
    })
  })
}
