// Videos use case: the catalog, tenant isolation, and streams whose metadata is probed from the
// committed demo media (media/demo: 6 s, 640x360, MP4 333404 bytes, HLS 360354 bytes in all).
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { definitionFor } from '../../src/services/videos.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

const MP4 = 'demo/mp4/demo.mp4'
const HLS = 'demo/hls/master.m3u8'

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  await built.services.tenants.create({ id: 'tn_b', name: 'B' })
  const video = await built.services.videos.create({ tenantId: 'tn_a', title: 'Clip' })
  return { ...built, video }
}

describe('videos service: catalog', () => {
  it('creates a video with a 32-hex id, defaults, and the clock’s time', async (t) => {
    const { services, clock } = await buildTestServices(t)
    await services.tenants.create({ id: 'tn_a', name: 'A' })
    const video = await services.videos.create({ tenantId: 'tn_a', title: 'Clip' })
    assert.match(video.id, /^[0-9a-f]{32}$/)
    const now = new Date(clock.now())
    assert.deepEqual(video, {
      id: video.id,
      tenantId: 'tn_a',
      referenceId: null,
      title: 'Clip',
      description: '',
      tags: [],
      coverUrl: null,
      duration: 0,
      size: 0,
      status: 'Normal',
      auditStatus: 'Normal',
      settings: {},
      playDomain: null,
      createdAt: now,
      updatedAt: now,
    })
    assert.deepEqual(await services.videos.get(video.id), video)
  })

  it('refuses a reference id reused within the tenant as CONFLICT', async (t) => {
    const { services } = await world(t)
    await services.videos.create({ tenantId: 'tn_a', title: 'x', referenceId: 'r1' })
    await rejectsWith(
      services.videos.create({ tenantId: 'tn_a', title: 'y', referenceId: 'r1' }),
      'CONFLICT',
    )
    await services.videos.create({ tenantId: 'tn_b', title: 'z', referenceId: 'r1' })
    assert.equal((await services.videos.getByReference('tn_b', 'r1')).title, 'z')
    await rejectsWith(services.videos.getByReference('tn_a', 'r2'), 'NOT_FOUND')
  })

  it('hides another tenant’s video exactly like a missing one', async (t) => {
    const { services, video } = await world(t)
    assert.deepEqual(await services.videos.getForTenant('tn_a', video.id), video)
    const error = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      )
    const missingId = video.id.replace(/./, 'f')
    const foreign = await error(services.videos.getForTenant('tn_b', video.id))
    const missing = await error(services.videos.getForTenant('tn_b', missingId))
    assert.deepEqual(
      [foreign, missing].map((e) => {
        const { code, details } = e as { code: string; details: unknown }
        return { code, details }
      }),
      [
        {
          code: 'NOT_FOUND',
          details: { resource: 'video', hint: `video "${video.id}" not found` },
        },
        {
          code: 'NOT_FOUND',
          details: { resource: 'video', hint: `video "${missingId}" not found` },
        },
      ],
    )
    assert.equal((foreign as Error).message, `video "${video.id}" not found`)
  })

  it('updates fields and the update time, keeping the creation time', async (t) => {
    const { services, clock, video } = await world(t)
    clock.advance(5000)
    const updated = await services.videos.update(video.id, { title: 'New', tags: ['a'] })
    const expected = { ...video, title: 'New', tags: ['a'], updatedAt: new Date(clock.now()) }
    assert.deepEqual(updated, expected)
    assert.deepEqual(await services.videos.get(video.id), expected)
    await rejectsWith(services.videos.update('f'.repeat(32), { title: 'x' }), 'NOT_FOUND')
  })

  it('lists with filters and removes a video once', async (t) => {
    const { services, video } = await world(t)
    await services.videos.create({ tenantId: 'tn_b', title: 'other' })
    const page = await services.videos.list({ tenantId: 'tn_a' })
    assert.deepEqual(page, { items: [video], total: 1, page: 1, pageSize: 20 })
    await services.videos.remove(video.id)
    await rejectsWith(services.videos.remove(video.id), 'NOT_FOUND')
  })
})

describe('videos service: streams', () => {
  it('probes an MP4 stream and gives the video its duration and size', async (t) => {
    const { services, clock, video } = await world(t)
    clock.advance(1000)
    const stream = await services.videos.addStream({ videoId: video.id, location: MP4 })
    assert.match(stream.id, /^st_[0-9a-f]{20}$/)
    assert.deepEqual(stream, {
      id: stream.id,
      videoId: video.id,
      format: 'mp4',
      definition: 'LD',
      width: 640,
      height: 360,
      bitrate: 445,
      fps: 24,
      size: 333404,
      duration: 6,
      location: MP4,
      status: 'Normal',
      encrypted: false,
      createdAt: new Date(clock.now()),
    })
    const after = await services.videos.get(video.id)
    assert.deepEqual(
      [after.duration, after.size, after.updatedAt],
      [6, 333404, new Date(clock.now())],
    )
    assert.deepEqual(await services.videos.streams(video.id), [stream])
  })

  it('probes an HLS master playlist and keeps the largest stream’s size on the video', async (t) => {
    const { services, video } = await world(t)
    await services.videos.addStream({ videoId: video.id, location: MP4 })
    const hls = await services.videos.addStream({
      videoId: video.id,
      location: HLS,
      definition: 'SD',
      encrypted: true,
    })
    assert.deepEqual(
      [hls.format, hls.definition, hls.duration, hls.size, hls.width, hls.height, hls.encrypted],
      ['m3u8', 'SD', 6, 360354, 640, 360, true],
    )
    const after = await services.videos.get(video.id)
    assert.deepEqual([after.duration, after.size], [6, 360354])
  })

  it('refuses locations that leave the media root as INVALID_PARAMETER', async (t) => {
    const { services, video, mediaRoot } = await world(t)
    // A real MP4 outside the root, reachable through a symlink inside it.
    const outside = mkdtempSync(join(tmpdir(), 'playgate-outside-'))
    t.after(() => rmSync(outside, { recursive: true, force: true }))
    cpSync(join(mediaRoot, MP4), join(outside, 'demo.mp4'))
    symlinkSync(outside, join(mediaRoot, 'demo', 'escape'))
    for (const location of [
      '../demo.mp4',
      'demo/../../demo.mp4',
      join(mediaRoot, MP4),
      'demo/escape/demo.mp4',
      'demo\\mp4\\demo.mp4',
    ]) {
      await assert.rejects(
        services.videos.addStream({ videoId: video.id, location }),
        { code: 'INVALID_PARAMETER', details: { parameter: 'location' } },
        location,
      )
    }
    assert.deepEqual(await services.videos.streams(video.id), [])
  })

  it('refuses a format that does not match the media as INVALID_PARAMETER', async (t) => {
    const { services, video } = await world(t)
    await assert.rejects(
      services.videos.addStream({ videoId: video.id, location: MP4, format: 'm3u8' }),
      { code: 'INVALID_PARAMETER', details: { parameter: 'format' } },
    )
    await assert.rejects(
      services.videos.addStream({ videoId: video.id, location: HLS, format: 'mp4' }),
      { code: 'INVALID_PARAMETER', details: { parameter: 'format' } },
    )
    assert.deepEqual(await services.videos.streams(video.id), [])
    assert.deepEqual(await services.videos.get(video.id), video)
  })

  it('refuses a missing file and a file that is not media as INVALID_PARAMETER', async (t) => {
    const { services, video, mediaRoot } = await world(t)
    writeFileSync(join(mediaRoot, 'notes.mp4'), 'not a video')
    await rejectsWith(
      services.videos.addStream({ videoId: video.id, location: 'demo/none.mp4' }),
      'INVALID_PARAMETER',
    )
    await rejectsWith(
      services.videos.addStream({ videoId: video.id, location: 'notes.mp4' }),
      'INVALID_PARAMETER',
    )
  })

  it('registers an http origin without probing, guessing the format from the URL', async (t) => {
    const { services, video } = await world(t)
    const hls = await services.videos.addStream({
      videoId: video.id,
      location: 'https://origin.example.com/a/index.m3u8?x=1',
    })
    const mp4 = await services.videos.addStream({
      videoId: video.id,
      location: 'http://origin.example.com/a.mp4',
    })
    assert.deepEqual(
      [hls.format, hls.definition, hls.duration, hls.size, mp4.format],
      ['m3u8', 'OD', 0, 0, 'mp4'],
    )
    assert.deepEqual((await services.videos.get(video.id)).duration, 0)
  })

  it('refuses a second stream of the same format and definition as CONFLICT', async (t) => {
    const { services, video } = await world(t)
    await services.videos.addStream({ videoId: video.id, location: MP4 })
    await rejectsWith(services.videos.addStream({ videoId: video.id, location: MP4 }), 'CONFLICT')
    await services.videos.addStream({ videoId: video.id, location: MP4, definition: 'HD' })
    assert.equal((await services.videos.streams(video.id)).length, 2)
  })

  it('refuses a stream for an unknown video as NOT_FOUND', async (t) => {
    const { services } = await world(t)
    await rejectsWith(
      services.videos.addStream({ videoId: 'f'.repeat(32), location: MP4 }),
      'NOT_FOUND',
    )
  })

  it('removes a stream only through its own video', async (t) => {
    const { services, video } = await world(t)
    const other = await services.videos.create({ tenantId: 'tn_a', title: 'other' })
    const stream = await services.videos.addStream({ videoId: video.id, location: MP4 })
    await assert.rejects(services.videos.removeStream(other.id, stream.id), {
      code: 'NOT_FOUND',
      details: { resource: 'stream', hint: `stream "${stream.id}" not found` },
    })
    await services.videos.removeStream(video.id, stream.id)
    await rejectsWith(services.videos.removeStream(video.id, stream.id), 'NOT_FOUND')
    assert.deepEqual(await services.videos.streams(video.id), [])
  })

  it('names definitions by frame height on Aliyun’s ladder', () => {
    const ladder = [0, 240, 241, 360, 540, 720, 1080, 1440, 2160].map(definitionFor)
    assert.deepEqual(ladder, ['OD', 'FD', 'LD', 'LD', 'SD', 'HD', 'OD', '2K', '4K'])
  })
})
