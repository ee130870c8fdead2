// DingTalk repository on every dialect: orgs and users upserted idempotently, conferences with
// JSON participants and an open end, recordings paged with bigint sizes as numbers.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Conference, Recording } from '../../src/core/model.ts'
import {
  findConference,
  findDingtalkOrg,
  findDingtalkUser,
  listRecordings,
  upsertConference,
  upsertDingtalkOrg,
  upsertDingtalkUser,
  upsertRecording,
} from '../../src/storage/repositories/dingtalk.ts'
import { deleteVideo, insertVideo } from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, makeVideo, rejectsWith, seedTenants } from './fixtures.ts'

const VID = makeVideo().id

function conference(overrides: Partial<Conference> = {}): Conference {
  return {
    id: 'conf_1',
    tenantId: 'tn_a',
    title: '周会 weekly',
    hostUnionId: 'union-host',
    participants: ['union-host', 'union-2'],
    startedAt: at(),
    endedAt: at(3_600_000),
    ...overrides,
  }
}

function recording(overrides: Partial<Recording> = {}): Recording {
  return {
    id: 'rec_1',
    conferenceId: 'conf_1',
    videoId: VID,
    mediaId: 'media-1',
    regionId: 'cn-shanghai',
    unionId: 'union-host',
    startedAt: at(1000),
    endedAt: at(601_000),
    durationMs: 600_000,
    fileSize: 6_000_000_000,
    ...overrides,
  }
}

for (const dialect of DIALECTS) {
  describe(`dingtalk repository (${dialect})`, () => {
    it('upserts one org per tenant', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      assert.equal(await findDingtalkOrg(db, 'tn_a'), undefined)
      await upsertDingtalkOrg(db, { tenantId: 'tn_a', corpId: 'ding-corp-1', name: 'Org' })
      await upsertDingtalkOrg(db, { tenantId: 'tn_a', corpId: 'ding-corp-1', name: 'Org' })
      await upsertDingtalkOrg(db, { tenantId: 'tn_a', corpId: 'ding-corp-2', name: 'Renamed' })
      assert.deepEqual(await findDingtalkOrg(db, 'tn_a'), {
        tenantId: 'tn_a',
        corpId: 'ding-corp-2',
        name: 'Renamed',
      })
      assert.equal((await db.selectFrom('dingtalk_orgs').selectAll().execute()).length, 1)
    })

    // Regression: a corpId already held by another tenant surfaced the raw driver error.
    it('refuses a corpId that another tenant holds as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await upsertDingtalkOrg(db, { tenantId: 'tn_a', corpId: 'ding-corp-1', name: 'A' })
      await rejectsWith(
        upsertDingtalkOrg(db, { tenantId: 'tn_b', corpId: 'ding-corp-1', name: 'B' }),
        'CONFLICT',
      )
      assert.equal(await findDingtalkOrg(db, 'tn_b'), undefined)
    })

    it('upserts users by tenant and unionId', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      const user = { tenantId: 'tn_a', unionId: 'u1', userId: 'staff-1', name: '张三' }
      await upsertDingtalkUser(db, user)
      await upsertDingtalkUser(db, user)
      await upsertDingtalkUser(db, { ...user, userId: 'staff-9', name: 'Zhang San' })
      await upsertDingtalkUser(db, { ...user, tenantId: 'tn_b' })
      assert.deepEqual(await findDingtalkUser(db, 'tn_a', 'u1'), {
        ...user,
        userId: 'staff-9',
        name: 'Zhang San',
      })
      assert.deepEqual(await findDingtalkUser(db, 'tn_b', 'u1'), { ...user, tenantId: 'tn_b' })
      assert.equal(await findDingtalkUser(db, 'tn_a', 'u2'), undefined)
    })

    it('round-trips a conference, and one that has not ended', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await upsertConference(db, conference())
      assert.deepEqual(await findConference(db, 'conf_1'), conference())
      await upsertConference(db, conference({ id: 'conf_2', endedAt: null, participants: [] }))
      assert.deepEqual(
        await findConference(db, 'conf_2'),
        conference({ id: 'conf_2', endedAt: null, participants: [] }),
      )
      assert.equal(await findConference(db, 'conf_nope'), undefined)
    })

    it('upserts a conference in place when it ends', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await upsertConference(db, conference({ endedAt: null }))
      await upsertConference(db, conference())
      await upsertConference(db, conference())
      assert.deepEqual(await findConference(db, 'conf_1'), conference())
      assert.equal((await db.selectFrom('conferences').selectAll().execute()).length, 1)
    })

    it('pages recordings oldest first with sizes over 2^32 as numbers', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await upsertConference(db, conference())
      await upsertConference(db, conference({ id: 'conf_2' }))
      await upsertRecording(db, recording({ id: 'rec_2', startedAt: at(2000) }))
      await upsertRecording(db, recording())
      await upsertRecording(db, recording({ id: 'rec_3', startedAt: at(3000) }))
      await upsertRecording(db, recording({ id: 'rec_x', conferenceId: 'conf_2' }))
      const first = await listRecordings(db, 'conf_1', { page: 1, pageSize: 2 })
      assert.deepEqual(first.items, [recording(), recording({ id: 'rec_2', startedAt: at(2000) })])
      assert.deepEqual([first.total, first.page, first.pageSize], [3, 1, 2])
      const second = await listRecordings(db, 'conf_1', { page: 2, pageSize: 2 })
      assert.deepEqual(
        second.items.map((r) => r.id),
        ['rec_3'],
      )
      assert.strictEqual(first.items[0]?.fileSize, 6_000_000_000)
    })

    it('upserts a recording idempotently', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await upsertConference(db, conference())
      await upsertRecording(db, recording())
      await upsertRecording(db, recording())
      await upsertRecording(db, recording({ durationMs: 1, fileSize: 2 }))
      const page = await listRecordings(db, 'conf_1', { page: 1, pageSize: 10 })
      assert.deepEqual([page.total, page.items], [1, [recording({ durationMs: 1, fileSize: 2 })]])
    })

    it('drops recordings with their video', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await upsertConference(db, conference())
      await upsertRecording(db, recording())
      await deleteVideo(db, VID)
      assert.equal((await listRecordings(db, 'conf_1', { page: 1, pageSize: 10 })).total, 0)
    })
  })
}
