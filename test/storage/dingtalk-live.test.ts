// DingTalk app scopes, conference state and transcripts on every dialect: scopes deduplicated and
// dropped with their key, recording state round-tripped and cleared, transcripts replaced whole and
// paged from a cursor in both directions with a start-time filter.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Conference, TranscriptParagraph } from '../../src/core/model.ts'
import {
  findConferenceState,
  upsertConferenceState,
} from '../../src/storage/repositories/conference-states.ts'
import { deleteAccessKey, insertAccessKey } from '../../src/storage/repositories/access-keys.ts'
import {
  deleteDingtalkApp,
  findDingtalkApp,
  upsertDingtalkApp,
} from '../../src/storage/repositories/dingtalk-apps.ts'
import { deleteConference, upsertConference } from '../../src/storage/repositories/dingtalk.ts'
import {
  countTranscript,
  pageTranscript,
  replaceTranscript,
  type TranscriptParagraphInput,
} from '../../src/storage/repositories/transcripts.ts'
import type { Db } from '../../src/storage/db.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeAccessKey, rejectsWith, seedTenants } from './fixtures.ts'

const CONF: Conference = {
  id: 'conf_1',
  tenantId: 'tn_a',
  title: 'Weekly',
  hostUnionId: 'u-host',
  participants: ['u-host'],
  startedAt: at(),
  endedAt: null,
}

function paragraph(startTime: number, text = `p@${startTime}`): TranscriptParagraphInput {
  return {
    recordId: 1_700_000_000_001,
    unionId: 'u-host',
    nickName: '主持人',
    paragraph: text,
    startTime,
    endTime: startTime + 900,
    status: 1,
    sentenceList: [
      {
        sentence: text,
        startTime,
        endTime: startTime + 900,
        unionId: 'u-host',
        wordList: [{ word: text, wordId: 'w1', startTime, endTime: startTime + 900 }],
      },
    ],
  }
}

async function withConference(db: Db): Promise<void> {
  await seedTenants(db, 'tn_a')
  await upsertConference(db, CONF)
}

const texts = (items: TranscriptParagraph[]) => items.map((p) => `${p.seq}:${p.paragraph}`)

for (const dialect of DIALECTS) {
  describe(`dingtalk apps, conference state and transcripts (${dialect})`, () => {
    it('keeps an app’s scopes sorted and unique, and drops them with the key', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      const key = await insertAccessKey(db, box, makeAccessKey({ protocol: 'dingtalk' }))
      assert.equal(await findDingtalkApp(db, key.id), undefined)
      await upsertDingtalkApp(db, { accessKeyId: key.id, scopes: ['b.Read', 'a.Write', 'b.Read'] })
      assert.deepEqual(await findDingtalkApp(db, key.id), {
        accessKeyId: key.id,
        scopes: ['a.Write', 'b.Read'],
      })
      await upsertDingtalkApp(db, { accessKeyId: key.id, scopes: [] })
      assert.deepEqual((await findDingtalkApp(db, key.id))?.scopes, [])
      await deleteAccessKey(db, key.id)
      assert.equal(await findDingtalkApp(db, key.id), undefined)
      assert.equal(await deleteDingtalkApp(db, key.id), false)
    })

    it('refuses scopes for an access key that does not exist as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await rejectsWith(upsertDingtalkApp(db, { accessKeyId: 'ak_nope', scopes: [] }), 'NOT_FOUND')
    })

    it('round-trips a running cloud recording and clears it', async (t) => {
      const db = await openTestDb(t, dialect)
      await withConference(db)
      assert.equal(await findConferenceState(db, 'conf_1'), undefined)
      const running = {
        conferenceId: 'conf_1',
        roomCode: '123456789',
        recording: {
          startedAt: at(5000),
          unionId: 'u-host',
          mode: 'gallery',
          smallWindowPosition: null,
        },
      }
      await upsertConferenceState(db, running)
      assert.deepEqual(await findConferenceState(db, 'conf_1'), running)
      await upsertConferenceState(db, { ...running, recording: null })
      assert.deepEqual(await findConferenceState(db, 'conf_1'), { ...running, recording: null })
      await deleteConference(db, 'conf_1')
      assert.equal(await findConferenceState(db, 'conf_1'), undefined)
    })

    it('numbers paragraphs by start time and replaces a transcript whole', async (t) => {
      const db = await openTestDb(t, dialect)
      await withConference(db)
      await replaceTranscript(db, 'conf_1', [paragraph(2000), paragraph(0), paragraph(1000)])
      const page = await pageTranscript(db, 'conf_1', {
        descending: false,
        after: 0,
        startTime: 0,
        limit: 10,
      })
      assert.deepEqual(texts(page.items), ['1:p@0', '2:p@1000', '3:p@2000'])
      assert.equal(page.hasMore, false)
      assert.deepEqual(page.items[0], { conferenceId: 'conf_1', seq: 1, ...paragraph(0) })
      await replaceTranscript(db, 'conf_1', [paragraph(7)])
      assert.equal(await countTranscript(db, 'conf_1'), 1)
      await replaceTranscript(db, 'conf_1', [])
      assert.equal(await countTranscript(db, 'conf_1'), 0)
    })

    it('pages forward and backward from a cursor, with a start-time filter', async (t) => {
      const db = await openTestDb(t, dialect)
      await withConference(db)
      const many = Array.from({ length: 1201 }, (_, i) => paragraph(i * 1000))
      await replaceTranscript(db, 'conf_1', many)
      const q = { descending: false, after: 0, startTime: 0, limit: 2 }
      const first = await pageTranscript(db, 'conf_1', q)
      assert.deepEqual([texts(first.items), first.hasMore], [['1:p@0', '2:p@1000'], true])
      const next = await pageTranscript(db, 'conf_1', { ...q, after: 1200 })
      assert.deepEqual([texts(next.items), next.hasMore], [['1201:p@1200000'], false])
      const back = await pageTranscript(db, 'conf_1', { ...q, descending: true })
      assert.deepEqual(texts(back.items), ['1201:p@1200000', '1200:p@1199000'])
      const backAfter = await pageTranscript(db, 'conf_1', { ...q, descending: true, after: 3 })
      assert.deepEqual([texts(backAfter.items), backAfter.hasMore], [['2:p@1000', '1:p@0'], false])
      const from = await pageTranscript(db, 'conf_1', { ...q, startTime: 5500 })
      assert.deepEqual(texts(from.items), ['7:p@6000', '8:p@7000'])
      const upTo = await pageTranscript(db, 'conf_1', { ...q, descending: true, startTime: 5500 })
      assert.deepEqual(texts(upTo.items), ['6:p@5000', '5:p@4000'])
    })

    it('refuses a transcript for an unknown conference as NOT_FOUND and writes nothing', async (t) => {
      const db = await openTestDb(t, dialect)
      await withConference(db)
      await rejectsWith(replaceTranscript(db, 'conf_nope', [paragraph(0)]), 'NOT_FOUND')
      assert.equal(await countTranscript(db, 'conf_nope'), 0)
    })
  })
}
