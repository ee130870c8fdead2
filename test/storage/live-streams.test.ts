// Live streams repository on every dialect: every field round-trips, the push key is sealed,
// (domain, AppName, StreamName) is unique and looked up, upserts by it, and cascades.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LiveStreamWithKey } from '../../src/core/model.ts'
import {
  deleteLiveStream,
  findLiveStream,
  findLiveStreamWithKey,
  insertLiveStream,
  listLiveStreams,
  updateLiveStream,
  upsertLiveStream,
} from '../../src/storage/repositories/live-streams.ts'
import { deletePlayDomain, insertPlayDomain } from '../../src/storage/repositories/play-domains.ts'
import { deleteVideo, insertVideo } from '../../src/storage/repositories/videos.ts'
import type { Db } from '../../src/storage/db.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, box, makeDomain, makeVideo, rejectsWith, seedTenants } from './fixtures.ts'

function makeLive(overrides: Partial<LiveStreamWithKey> = {}): LiveStreamWithKey {
  return {
    id: 'ls_1',
    tenantId: 'tn_a',
    playDomainId: 'pd_1',
    appName: 'live',
    streamName: 'test_hd',
    location: 'live/test_hd/index.m3u8',
    videoId: '0123456789abcdef0123456789abcdef',
    enabled: false,
    pushKey: 'push-plaintext-key',
    createdAt: at(),
    updatedAt: at(2500),
    ...overrides,
  }
}

const withoutKey = ({ pushKey: _k, ...stream }: LiveStreamWithKey) => stream

async function seed(db: Db): Promise<void> {
  await seedTenants(db, 'tn_a')
  await insertPlayDomain(db, box, makeDomain({ scheme: 'tencent-live' }))
  await insertVideo(db, makeVideo())
}

for (const dialect of DIALECTS) {
  describe(`live streams repository (${dialect})`, () => {
    it('reads back every field, by id and by domain/app/stream', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      assert.deepEqual(await insertLiveStream(db, box, makeLive()), withoutKey(makeLive()))
      assert.deepEqual(await findLiveStream(db, 'ls_1'), withoutKey(makeLive()))
      assert.deepEqual(await findLiveStreamWithKey(db, box, { id: 'ls_1' }), makeLive())
      const by = { playDomainId: 'pd_1', appName: 'live', streamName: 'test_hd' }
      assert.deepEqual(await findLiveStreamWithKey(db, box, by), makeLive())
      assert.equal(
        await findLiveStreamWithKey(db, box, { ...by, streamName: 'TEST_HD' }),
        undefined,
      )
      assert.equal(await findLiveStream(db, 'ls_nope'), undefined)
    })

    it('seals the push key and keeps a missing one and a missing video as null', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await insertLiveStream(db, box, makeLive())
      const upstream = makeLive({
        id: 'ls_2',
        streamName: 'up',
        location: 'http://mediamtx:8888/live/up/index.m3u8',
        videoId: null,
        pushKey: null,
        enabled: true,
      })
      await insertLiveStream(db, box, upstream)
      assert.deepEqual(await findLiveStreamWithKey(db, box, { id: 'ls_2' }), upstream)
      const raw = await db.selectFrom('live_streams').selectAll().orderBy('id').execute()
      assert.match(raw[0]!.push_key_sealed ?? '', /^v1\./)
      assert.deepEqual([raw[1]!.push_key_sealed, raw[1]!.video_id], [null, null])
      assert.ok(!JSON.stringify(raw).includes('push-plaintext-key'))
    })

    it('refuses a second stream with the same domain, app and name as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await insertLiveStream(db, box, makeLive())
      await rejectsWith(insertLiveStream(db, box, makeLive({ id: 'ls_2' })), 'CONFLICT')
      await insertLiveStream(db, box, makeLive({ id: 'ls_3', appName: 'other' }))
    })

    it('refuses a stream of a domain that does not exist as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await rejectsWith(insertLiveStream(db, box, makeLive({ playDomainId: 'pd_x' })), 'NOT_FOUND')
    })

    it('upserts by domain, app and stream, keeping id and created_at', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await upsertLiveStream(db, box, makeLive())
      const changed = makeLive({
        id: 'ls_other',
        location: 'http://srs:8080/live/test_hd.m3u8',
        pushKey: null,
        enabled: true,
        createdAt: at(99_000),
        updatedAt: at(100_000),
      })
      await upsertLiveStream(db, box, changed)
      assert.deepEqual(await findLiveStreamWithKey(db, box, { id: 'ls_1' }), {
        ...changed,
        id: 'ls_1',
        createdAt: at(),
      })
    })

    it('updates, lists by tenant and domain, and deletes', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await insertLiveStream(db, box, makeLive())
      await insertLiveStream(db, box, makeLive({ id: 'ls_2', streamName: 'b', createdAt: at(1) }))
      await updateLiveStream(db, box, makeLive({ enabled: true, pushKey: 'rotated' }))
      assert.equal((await findLiveStreamWithKey(db, box, { id: 'ls_1' }))?.pushKey, 'rotated')
      const page = await listLiveStreams(db, { tenantId: 'tn_a' }, { page: 1, pageSize: 1 })
      assert.deepEqual([page.total, page.items.map((s) => s.id)], [2, ['ls_1']])
      const none = await listLiveStreams(db, { playDomainId: 'pd_x' }, { page: 1, pageSize: 10 })
      assert.equal(none.total, 0)
      assert.equal(await deleteLiveStream(db, 'ls_1'), true)
      assert.equal(await deleteLiveStream(db, 'ls_1'), false)
    })

    it('unbinds a deleted video and goes with its domain', async (t) => {
      const db = await openTestDb(t, dialect)
      await seed(db)
      await insertLiveStream(db, box, makeLive())
      await deleteVideo(db, makeVideo().id)
      assert.equal((await findLiveStream(db, 'ls_1'))?.videoId, null)
      await deletePlayDomain(db, 'pd_1')
      assert.equal(await findLiveStream(db, 'ls_1'), undefined)
    })
  })
}
