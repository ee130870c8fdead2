// The import format's `polyv` section: playsafe settings, Polyv's per-video fields (merged into the
// video's settings, so importing again changes nothing) and labelled play passwords, sealed at
// rest; every problem names its path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { listPlayPasswords } from '../../src/storage/repositories/play-passwords.ts'
import { findPlaysafeSettings } from '../../src/storage/repositories/playsafe-settings.ts'
import { findVideoAlias } from '../../src/storage/repositories/video-aliases.ts'
import { findVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS } from '../helpers/db.ts'
import { exampleFixture, importWorld } from './import-harness.ts'

interface Doc {
  tenants: { id: string; videos?: Record<string, unknown>[]; polyv?: Record<string, any> }[]
}

const LESSON2 = '1b448be323b452641878b54f21241188'
const VID = '1b448be323b452641878b54f21241188_1'
const OTHER = '1b448be3230000000000000000000009'
const OTHER_VID = '1b448be3230000000000000000000009_1'
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

    it('names a video by its vid (its polyv alias), changes and removes passwords by label', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      const doc = fixture()
      const acme = doc.tenants[0]!
      // The fixture's lesson 2 has the polyv alias VID: the vid names it.
      acme.polyv!.videos = [{ vid: VID, qid: 'q-2', passwords: [{ label: 'a', password: 'pa' }] }]
      await importer.apply(doc)
      assert.equal((await findVideo(db, LESSON2))?.settings['polyv.qid'], 'q-2')
      acme.polyv!.videos[0].passwords = [
        { label: 'a', password: '' },
        { label: 'default', password: 'changed' },
      ]
      const summary = await importer.apply(doc)
      // (and the fixture's lesson 1 password, unchanged)
      assert.deepEqual(summary.passwords, { created: 1, updated: 1, unchanged: 1 })
      const left = await listPlayPasswords(db, deps.box, LESSON2)
      assert.deepEqual(
        left.map((p) => [p.label, p.password]),
        [['default', 'changed']],
      )
    })

    it('gives a video named by id the polyv alias its vid says, once', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      const doc = fixture()
      const acme = doc.tenants[0]!
      acme.videos!.push({ id: OTHER, title: 'Migrated from Polyv' })
      acme.polyv!.videos.push({ videoId: OTHER, vid: OTHER_VID, qid: 'q-9' })
      const inFixture = doc.tenants.flatMap((t) =>
        (t.videos ?? []).flatMap((v) => (v.aliases as unknown[] | undefined) ?? []),
      ).length
      const first = await importer.apply(doc)
      assert.equal(first.aliases.created, inFixture + 1)
      assert.deepEqual((await findVideoAlias(db, 'tn_acme', 'polyv', OTHER_VID))?.videoId, OTHER)
      // The Polyv dialect resolves the vid to it.
      const again = await importer.apply(doc)
      assert.deepEqual(again.aliases, { created: 0, updated: 0, unchanged: inFixture + 1 })
    })

    it('reports an unknown video, a doubly named one and a duplicate label with their paths', async (t) => {
      const { importer } = await importWorld(t, dialect)
      const doc = fixture()
      const polyv = doc.tenants[0]!.polyv!
      doc.tenants[0]!.videos!.push({ id: OTHER, title: 'Other' })
      polyv.videos.push(
        { vid: '0123456789abcdef0123456789abcdef_1' },
        { vid: VID, videoId: LESSON2 },
        { vid: VID, videoId: OTHER },
        {},
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
      assert.deepEqual(
        problems.slice(0, 4).map((p) => p.message),
        [
          'unknown vid "0123456789abcdef0123456789abcdef_1" (no video of this tenant has it as its polyv alias)',
          'duplicate video (first at tenants[0].polyv.videos[0].videoId)',
          `polyv alias "${VID}" already names video ${LESSON2}`,
          'needs a vid or a videoId',
        ],
      )
      assert.ok(!text.includes('secret-1') && !text.includes('secret-2'))
      const at = 'tenants[0].polyv'
      assert.deepEqual(
        problems.map((p) => p.path),
        [
          `${at}.videos[1].vid`,
          `${at}.videos[2].videoId`,
          `${at}.videos[3].vid`,
          `${at}.videos[4]`,
          `${at}.videos[5].videoId`,
          `${at}.videos[5].passwords[1].label`,
          `${at}.playsafe.hlsLevel`,
        ],
      )
    })
  })
}
