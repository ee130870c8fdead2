// Videos and streams repository on every dialect: every column round-trips (JSON, nulls, bigints
// as numbers, booleans), pages newest first, reference ids are unique per tenant, and upserts
// are idempotent.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  deleteStream,
  deleteVideo,
  findStream,
  findVideo,
  findVideoByReference,
  insertStream,
  insertVideo,
  listStreams,
  listVideos,
  updateVideo,
  upsertStream,
  upsertVideo,
} from '../../src/storage/repositories/videos.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, makeStream, makeVideo, rejectsWith, seedTenants } from './fixtures.ts'

const VID = makeVideo().id
const vid = (n: number) => n.toString(16).padStart(32, '0')

for (const dialect of DIALECTS) {
  describe(`videos repository (${dialect})`, () => {
    it('reads back every field: JSON tags and settings, nulls, a size over 2^32', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      assert.deepEqual(await findVideo(db, VID), makeVideo())
      await insertVideo(db, makeVideo({ id: vid(2), referenceId: null, coverUrl: null, tags: [] }))
      assert.deepEqual(
        await findVideo(db, vid(2)),
        makeVideo({ id: vid(2), referenceId: null, coverUrl: null, tags: [] }),
      )
      const raw = await db.selectFrom('videos').selectAll().where('id', '=', VID).executeTakeFirst()
      assert.strictEqual(raw?.size, 5_000_000_000_123)
      assert.strictEqual(raw?.created_at, at().getTime())
    })

    it('finds a video by tenant and reference id only', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertVideo(db, makeVideo())
      assert.equal((await findVideoByReference(db, 'tn_a', 'ref-1'))?.id, VID)
      assert.equal(await findVideoByReference(db, 'tn_b', 'ref-1'), undefined)
      assert.equal(await findVideoByReference(db, 'tn_a', 'ref-2'), undefined)
    })

    it('refuses a duplicate id, and a reference id reused within a tenant, as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      await insertVideo(db, makeVideo())
      // Named by what collided: the id, or the tenant's ReferenceId (a unique constraint).
      await rejectsWith(
        insertVideo(db, makeVideo({ referenceId: 'other' })),
        'CONFLICT',
        `video ${VID} already exists`,
      )
      await rejectsWith(
        insertVideo(db, makeVideo({ id: vid(2) })),
        'CONFLICT',
        'video with ReferenceId ref-1 already exists',
      )
      // Another tenant may use the same reference id, and any number of videos may have none.
      await insertVideo(db, makeVideo({ id: vid(3), tenantId: 'tn_b' }))
      await insertVideo(db, makeVideo({ id: vid(4), referenceId: null }))
      await insertVideo(db, makeVideo({ id: vid(5), referenceId: null }))
      assert.equal((await listVideos(db, {}, { page: 1, pageSize: 10 })).total, 4)
    })

    it('refuses a video of an unknown tenant as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await rejectsWith(insertVideo(db, makeVideo()), 'NOT_FOUND')
    })

    it('pages newest first, ties by id, filtered by tenant and status', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      const rows = [
        { id: vid(1), createdAt: at(0) },
        { id: vid(3), createdAt: at(2000) },
        { id: vid(2), createdAt: at(2000) },
        { id: vid(4), createdAt: at(1000), status: 'Blocked' as const },
        { id: vid(5), createdAt: at(9000), tenantId: 'tn_b' },
      ]
      for (const row of rows) await insertVideo(db, makeVideo({ referenceId: null, ...row }))
      const first = await listVideos(db, { tenantId: 'tn_a' }, { page: 1, pageSize: 3 })
      assert.deepEqual(
        first.items.map((v) => v.id),
        [vid(2), vid(3), vid(4)],
      )
      assert.deepEqual([first.total, first.page, first.pageSize], [4, 1, 3])
      const second = await listVideos(db, { tenantId: 'tn_a' }, { page: 2, pageSize: 3 })
      assert.deepEqual(
        second.items.map((v) => v.id),
        [vid(1)],
      )
      const blocked = await listVideos(db, { status: 'Blocked' }, { page: 1, pageSize: 10 })
      assert.deepEqual([blocked.items.map((v) => v.id), blocked.total], [[vid(4)], 1])
      assert.equal((await listVideos(db, {}, { page: 1, pageSize: 10 })).total, 5)
    })

    it('updates every field but the creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      const changed = makeVideo({
        title: 'new',
        tags: ['x'],
        coverUrl: null,
        referenceId: null,
        duration: 12.5,
        size: 1,
        status: 'Blocked',
        settings: {},
        createdAt: at(99_000),
        updatedAt: at(100_000),
      })
      await updateVideo(db, changed)
      assert.deepEqual(await findVideo(db, VID), { ...changed, createdAt: at() })
    })

    it('reports an update onto a taken reference id as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertVideo(db, makeVideo({ id: vid(2), referenceId: 'ref-2' }))
      await rejectsWith(updateVideo(db, makeVideo({ id: vid(2) })), 'CONFLICT')
    })

    it('upserts idempotently, keeping the creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await upsertVideo(db, makeVideo())
      await upsertVideo(db, makeVideo())
      await upsertVideo(db, makeVideo({ title: 'again', createdAt: at(5000) }))
      const page = await listVideos(db, {}, { page: 1, pageSize: 10 })
      assert.deepEqual([page.total, page.items], [1, [makeVideo({ title: 'again' })]])
      await rejectsWith(upsertVideo(db, makeVideo({ id: vid(2) })), 'CONFLICT')
    })

    it('deletes a video once, with its streams', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      assert.equal(await deleteVideo(db, VID), true)
      assert.equal(await deleteVideo(db, VID), false)
      assert.equal(await findStream(db, 'st_1'), undefined)
    })
  })

  describe(`streams repository (${dialect})`, () => {
    it('reads back every field: fractional fps and bitrate, bigint size, encrypted flag', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      assert.deepEqual(await insertStream(db, makeStream()), makeStream())
      assert.deepEqual(await findStream(db, 'st_1'), makeStream())
      await insertStream(db, makeStream({ id: 'st_2', definition: 'SD', encrypted: false }))
      assert.deepEqual(
        await findStream(db, 'st_2'),
        makeStream({ id: 'st_2', definition: 'SD', encrypted: false }),
      )
      const raw = await db.selectFrom('streams').selectAll().where('id', '=', 'st_1').execute()
      assert.strictEqual(raw[0]?.encrypted, 1)
      assert.strictEqual(raw[0]?.size, 4_294_967_297)
    })

    it('refuses a second stream of the same format and definition as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      await rejectsWith(insertStream(db, makeStream({ id: 'st_2' })), 'CONFLICT')
      await insertStream(db, makeStream({ id: 'st_3', format: 'm3u8' }))
      assert.equal((await listStreams(db, VID)).length, 2)
    })

    it('refuses a stream of an unknown video as NOT_FOUND', async (t) => {
      const db = await openTestDb(t, dialect)
      await rejectsWith(insertStream(db, makeStream()), 'NOT_FOUND')
    })

    it('lists a video’s streams oldest first', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertVideo(db, makeVideo({ id: vid(2), referenceId: null }))
      await insertStream(db, makeStream({ id: 'st_b', definition: 'SD', createdAt: at(1000) }))
      await insertStream(db, makeStream({ id: 'st_a', definition: 'LD', createdAt: at(1000) }))
      await insertStream(db, makeStream({ id: 'st_c', createdAt: at(0) }))
      await insertStream(db, makeStream({ id: 'st_x', videoId: vid(2) }))
      assert.deepEqual(
        (await listStreams(db, VID)).map((s) => s.id),
        ['st_c', 'st_a', 'st_b'],
      )
      assert.deepEqual(await listStreams(db, vid(9)), [])
    })

    it('upserts by video, format and definition, keeping id and creation time', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await upsertStream(db, makeStream())
      await upsertStream(db, makeStream())
      const replaced = makeStream({
        id: 'st_new',
        width: 640,
        height: 360,
        size: 10,
        location: 'other.mp4',
        encrypted: false,
        status: 'Invisible',
        createdAt: at(7000),
      })
      await upsertStream(db, replaced)
      assert.deepEqual(await listStreams(db, VID), [{ ...replaced, id: 'st_1', createdAt: at() }])
    })

    // Regression: an upsert whose id belongs to another stream surfaced the raw driver error.
    it('reports an upsert whose id is taken by another stream as CONFLICT', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      await rejectsWith(upsertStream(db, makeStream({ definition: 'SD' })), 'CONFLICT')
    })

    it('deletes a stream once', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a')
      await insertVideo(db, makeVideo())
      await insertStream(db, makeStream())
      assert.equal(await deleteStream(db, 'st_1'), true)
      assert.equal(await deleteStream(db, 'st_1'), false)
    })
  })
}
