// Declarative import on every dialect: the committed example fixture imports whole, importing it
// again changes nothing, edits count as updates, and a failure midway leaves nothing behind.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createSecretBox, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { importedVideoId } from '../../src/services/import-plan.ts'
import { ImportRejectedError } from '../../src/services/import.ts'
import { createVideos } from '../../src/services/videos.ts'
import { findAccessKeyWithSecret } from '../../src/storage/repositories/access-keys.ts'
import { findDingtalkApp } from '../../src/storage/repositories/dingtalk-apps.ts'
import { findConference, listRecordings } from '../../src/storage/repositories/dingtalk.ts'
import { findPlayDomainWithKeys } from '../../src/storage/repositories/play-domains.ts'
import { findPlayPassword } from '../../src/storage/repositories/play-passwords.ts'
import { findTenant, insertTenant } from '../../src/storage/repositories/tenants.ts'
import { pageTranscript } from '../../src/storage/repositories/transcripts.ts'
import { findVideo, listStreams } from '../../src/storage/repositories/videos.ts'
import { DIALECTS } from '../helpers/db.ts'
import {
  counts,
  exampleFixture,
  FIXTURE_CREATED,
  FIXTURE_UNCHANGED,
  importWorld,
  rowCounts,
  T0,
} from './import-harness.ts'

const ROWS = {
  tenants: 2,
  access_keys: 5,
  play_domains: 4,
  videos: 4,
  video_aliases: 3,
  vendor_accounts: 2,
  streams: 6,
  play_passwords: 3,
  dingtalk_orgs: 1,
  dingtalk_apps: 1,
  dingtalk_users: 2,
  conferences: 1,
  recordings: 2,
  transcript_paragraphs: 2,
  viewer_policies: 2,
  revocations: 2,
  live_streams: 2,
}

interface FixtureShape {
  tenants: {
    name: string
    accessKeys: { secret: string }[]
    playDomains: { primaryKey?: string; backupKey?: string | null }[]
    videos: { title: string; password?: string }[]
  }[]
}

for (const dialect of DIALECTS) {
  describe(`import (${dialect})`, () => {
    it('imports the example fixture (examples/fixture.yaml) whole', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      const phases: string[] = []
      const summary = await importer.apply(exampleFixture(), {
        onProgress: (p) => phases.push(`${p.phase} ${p.done}/${p.total}`),
      })
      assert.deepEqual(summary, FIXTURE_CREATED)
      assert.deepEqual(await rowCounts(db), ROWS)
      assert.deepEqual(phases.slice(0, 2), ['check 0/6', 'check 1/6'])
      assert.deepEqual(phases.slice(-2), ['write 43/44', 'write 44/44'])

      assert.deepEqual(await findTenant(db, 'tn_acme'), {
        id: 'tn_acme',
        name: 'Acme Learning',
        status: 'active',
        createdAt: new Date(T0),
      })
      const key = await findAccessKeyWithSecret(db, deps.box, 'aliyun', 'LTAI5tAcmeExample00001')
      assert.equal(key?.tenantId, 'tn_acme')
      assert.equal(key?.secret, 'acmeAliyunSecretExample0000001')
      assert.equal(key?.description, 'course platform backend')

      const domain = await findPlayDomainWithKeys(db, deps.box, { host: 'media.acme.test' })
      assert.equal(domain?.scheme, 'aliyun-a')
      assert.deepEqual(domain?.allowedOrigins, ['https://learn.acme.test'])
      assert.equal(domain?.isDefault, true)
      assert.equal(domain?.keys.primary.secret, 'acme-primary-key-000001')
      assert.equal(domain?.keys.backup?.secret, 'acme-backup-key-000001')

      // No id in the file: derived from tenant and referenceId.
      const lesson1 = importedVideoId(nodeCrypto, 'tn_acme', 'course-101-lesson-1')
      const video = await findVideo(db, lesson1)
      assert.equal(video?.title, 'Course 101, lesson 1')
      assert.deepEqual(video?.tags, ['course-101', 'intro'])
      assert.equal(video?.duration, 6)
      const streams = await listStreams(db, lesson1)
      assert.deepEqual(
        streams
          .map((s) => [s.format, s.definition, s.location, s.width, s.height, s.duration])
          .sort(),
        [
          ['m3u8', 'LD', 'demo/hls/master.m3u8', 640, 360, 6],
          ['mp4', 'SD', 'demo/mp4/demo.mp4', 640, 360, 6],
        ],
      )
      assert.equal(await findPlayPassword(db, deps.box, lesson1), 'open-sesame')
      const polyv = await findVideo(db, '1b448be323b452641878b54f21241188')
      assert.deepEqual(polyv?.settings, {
        'polyv.qid': 'visitor-form-1',
        'polyv.isShowPassword': 'false',
        'polyv.publishUrl': 'https://learn.acme.test/course-101/lesson-2',
        'polyv.authplay': '0',
      })

      const weekly = importedVideoId(nodeCrypto, 'tn_globex', 'weekly-2026-01-05')
      const conference = await findConference(db, 'conf_weekly_2026_01_05')
      assert.deepEqual(conference?.participants, ['UNION_HOST_1', 'UNION_GUEST_2'])
      const recordings = await listRecordings(db, 'conf_weekly_2026_01_05', {
        page: 1,
        pageSize: 10,
      })
      assert.deepEqual(
        recordings.items.map((r) => [r.id, r.videoId, r.mediaId, r.durationMs, r.fileSize]),
        [
          // The video's size: its largest stream (the HLS one, all its files).
          ['rec_weekly_2026_01_05_1', weekly, weekly, 6000, 360232],
          ['rec_weekly_2026_01_05_2', weekly, 'faa1566c5bc24f21821ae2394f82db2e', 6000, 333404],
        ],
      )
      const app = await findAccessKeyWithSecret(db, deps.box, 'dingtalk', 'dingexampleappkey01')
      assert.deepEqual((await findDingtalkApp(db, app!.id))?.scopes, [
        'VideoConference.Conference.Read',
        'VideoConference.Conference.Write',
      ])
      const transcript = await pageTranscript(db, 'conf_weekly_2026_01_05', {
        descending: false,
        after: 0,
        startTime: 0,
        limit: 10,
      })
      assert.deepEqual(
        transcript.items.map((p) => [p.seq, p.unionId, p.nickName, p.startTime, p.recordId]),
        [
          [1, 'UNION_HOST_1', 'Hana Host', 0, 0],
          [2, 'UNION_GUEST_2', 'Gus', 3000, 0],
        ],
      )
      assert.deepEqual(transcript.items[0]?.sentenceList[0]?.wordList[1], {
        word: 'morning',
        wordId: '2',
        startTime: 400,
        endTime: 1100,
      })
    })

    it('changes nothing when the same file is imported again', async (t) => {
      const { db, importer, clock } = await importWorld(t, dialect)
      await importer.apply(exampleFixture())
      const before = await db.selectFrom('videos').selectAll().orderBy('id').execute()
      clock.advance(60_000)
      const again = await importer.apply(exampleFixture())
      assert.deepEqual(again, FIXTURE_UNCHANGED)
      assert.deepEqual(await rowCounts(db), ROWS)
      assert.deepEqual(await db.selectFrom('videos').selectAll().orderBy('id').execute(), before)
    })

    it('counts edited records as updated and keeps key ids whose secret did not change', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      await importer.apply(exampleFixture())
      const before = await findPlayDomainWithKeys(db, deps.box, { host: 'media.acme.test' })

      const doc = exampleFixture() as FixtureShape
      const acme = doc.tenants[0]!
      acme.name = 'Acme Learning GmbH'
      acme.accessKeys[0]!.secret = 'rotatedAliyunSecret00000000001'
      acme.playDomains[0]!.primaryKey = 'acme-primary-key-000002'
      acme.videos[0]!.title = 'Course 101, lesson 1 (re-cut)'
      acme.videos[0]!.password = ''
      const summary = await importer.apply(doc)
      assert.deepEqual(
        summary,
        counts({
          tenants: [0, 1, 1],
          accounts: [0, 0, 2],
          accessKeys: [0, 1, 4],
          playDomains: [0, 1, 3],
          videos: [0, 1, 3],
          aliases: [0, 0, 3],
          streams: [0, 0, 6],
          passwords: [0, 1, 2],
          dingtalkOrgs: [0, 0, 1],
          dingtalkApps: [0, 0, 1],
          dingtalkUsers: [0, 0, 2],
          conferences: [0, 0, 1],
          recordings: [0, 0, 2],
          transcripts: [0, 0, 1],
          viewerPolicies: [0, 0, 2],
          revocations: [0, 0, 2],
          liveStreams: [0, 0, 2],
          playsafe: [0, 0, 1],
        }),
      )
      const after = await findPlayDomainWithKeys(db, deps.box, { host: 'media.acme.test' })
      assert.equal(after?.id, before?.id)
      assert.equal(after?.keys.primary.secret, 'acme-primary-key-000002')
      assert.notEqual(after?.keys.primary.id, before?.keys.primary.id)
      assert.deepEqual(after?.keys.backup, before?.keys.backup)
      const lesson1 = importedVideoId(nodeCrypto, 'tn_acme', 'course-101-lesson-1')
      assert.equal(await findPlayPassword(db, deps.box, lesson1), undefined)
      // Lesson 2's labelled passwords (the polyv section) stay.
      assert.equal((await rowCounts(db)).play_passwords, 2)
    })

    it('updates a video made through the API with the same referenceId instead of adding one', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      await insertTenant(db, {
        id: 'tn_acme',
        name: 'Acme',
        status: 'active',
        createdAt: new Date(T0),
      })
      const made = await createVideos(deps).create({
        tenantId: 'tn_acme',
        referenceId: 'course-101-lesson-1',
        title: 'draft',
      })
      const summary = await importer.apply(exampleFixture())
      assert.deepEqual(summary.videos, { created: 3, updated: 1, unchanged: 0 })
      assert.equal((await findVideo(db, made.id))?.title, 'Course 101, lesson 1')
      assert.equal((await rowCounts(db)).videos, 4)
    })

    it('writes nothing and lists the problems when the file has any', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      const doc = exampleFixture() as FixtureShape
      doc.tenants[1]!.videos[0]!.title = ''
      await assert.rejects(importer.apply(doc), (error: unknown) => {
        assert.ok(error instanceof ImportRejectedError)
        assert.equal(error.code, 'INVALID_PARAMETER')
        assert.deepEqual(error.problems, [
          { path: 'tenants[1].videos[0].title', message: 'must not be empty' },
        ])
        return true
      })
      assert.deepEqual(Object.values(await rowCounts(db)), Array(Object.keys(ROWS).length).fill(0))
    })

    it('rolls the whole import back when a write fails midway', async (t) => {
      const real = createSecretBox(parseMasterKey('11'.repeat(16) + '22'.repeat(16))!, nodeCrypto)
      // The first tenant is written by the time the second tenant's DingTalk key is sealed.
      const failing = {
        seal(plaintext: string) {
          if (plaintext.startsWith('globexDingtalk')) throw new Error('disk full')
          return real.seal(plaintext)
        },
        open: (sealed: string) => real.open(sealed),
      }
      const { db, importer } = await importWorld(t, dialect, { box: failing })
      await assert.rejects(importer.apply(exampleFixture()), /disk full/)
      assert.deepEqual(Object.values(await rowCounts(db)), Array(Object.keys(ROWS).length).fill(0))
    })
  })
}
