// Native API, /v1/videos/:id/streams: streams registered from the committed demo media (copied
// into the test app's media root) are probed; paths may not leave the media root.
import assert from 'node:assert/strict'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, type NativeApp, nativeApp, NOW } from './native-app.ts'

async function withVideo(t: Parameters<typeof nativeApp>[0]) {
  const world = await nativeApp(t, { demoMedia: true })
  const target = await world.video((await world.tenant()).id)
  return { ...world, target, url: `/v1/videos/${target.id}/streams` }
}

const addStream = (world: NativeApp, url: string, body: unknown) => world.call('POST', url, body)

describe('native API: streams', () => {
  // media/demo/README.md: 640x360, 24 fps, 6 s; the MP4 is 333404 bytes.
  it('registers the demo MP4 with its probed duration, size, resolution and bitrate', async (t) => {
    const world = await withVideo(t)
    const reply = await addStream(world, world.url, { location: 'demo/mp4/demo.mp4' })
    assert.equal(reply.status, 201)
    assert.match(reply.body.id, /^st_[0-9a-f]{20}$/)
    assert.deepEqual(reply.body, {
      id: reply.body.id,
      videoId: world.target.id,
      format: 'mp4',
      definition: 'LD',
      width: 640,
      height: 360,
      bitrate: 445,
      fps: 24,
      size: 333404,
      duration: 6,
      location: 'demo/mp4/demo.mp4',
      status: 'Normal',
      encrypted: false,
      createdAt: NOW,
    })
    const video = await world.call('GET', `/v1/videos/${world.target.id}`)
    assert.deepEqual([video.body.duration, video.body.size], [6, 333404])
  })

  it('registers the demo HLS master playlist with the chosen definition', async (t) => {
    const world = await withVideo(t)
    const reply = await addStream(world, world.url, {
      location: 'demo/hls/master.m3u8',
      definition: 'SD',
      encrypted: true,
    })
    assert.equal(reply.status, 201)
    // fps is left out: the built-in HLS reader does not decode segments, ffprobe does.
    const { id, fps: _fps, ...rest } = reply.body
    assert.deepEqual(rest, {
      videoId: world.target.id,
      format: 'm3u8',
      definition: 'SD',
      width: 640,
      height: 360,
      bitrate: 481,
      size: 360354,
      duration: 6,
      location: 'demo/hls/master.m3u8',
      status: 'Normal',
      encrypted: true,
      createdAt: NOW,
    })
    assert.match(id, /^st_/)
  })

  it('registers an origin URL without probing it', async (t) => {
    const world = await withVideo(t)
    const location = 'https://origin.example.com/v/1/index.m3u8'
    const reply = await addStream(world, world.url, { location })
    assert.equal(reply.status, 201)
    const { id: _id, ...rest } = reply.body
    assert.deepEqual(rest, {
      videoId: world.target.id,
      format: 'm3u8',
      definition: 'OD',
      width: 0,
      height: 0,
      bitrate: 0,
      fps: 0,
      size: 0,
      duration: 0,
      location,
      status: 'Normal',
      encrypted: false,
      createdAt: NOW,
    })
  })

  it('lists, reads and deletes streams', async (t) => {
    const world = await withVideo(t)
    const mp4 = (await addStream(world, world.url, { location: 'demo/mp4/demo.mp4' })).body
    world.clock.advance(1000)
    const hls = (
      await addStream(world, world.url, { location: 'demo/hls/master.m3u8', definition: 'HD' })
    ).body
    const list = await world.call('GET', world.url)
    assert.deepEqual(list.body, { items: [mp4, hls], total: 2, page: 1, pageSize: 20 })
    const second = await world.call('GET', `${world.url}?page=2&pageSize=1`)
    assert.deepEqual(second.body, { items: [hls], total: 2, page: 2, pageSize: 1 })
    assert.deepEqual((await world.call('GET', `${world.url}/${mp4.id}`)).body, mp4)
    const deleted = await world.call('DELETE', `${world.url}/${mp4.id}`)
    assert.equal(deleted.status, 204)
    const gone = `stream "${mp4.id}" not found`
    assertNotFound(await world.call('GET', `${world.url}/${mp4.id}`), gone)
    assertNotFound(await world.call('DELETE', `${world.url}/${mp4.id}`), gone)
  })

  it("reports another video's stream as not found", async (t) => {
    const world = await withVideo(t)
    const stream = (await addStream(world, world.url, { location: 'demo/mp4/demo.mp4' })).body
    const other = await world.video((await world.tenant({ name: 'Other' })).id)
    const elsewhere = `/v1/videos/${other.id}/streams/${stream.id}`
    assertNotFound(await world.call('GET', elsewhere), `stream "${stream.id}" not found`)
    assertNotFound(await world.call('DELETE', elsewhere), `stream "${stream.id}" not found`)
  })

  it('refuses paths that leave the media root with 400 (location)', async (t) => {
    const world = await withVideo(t)
    symlinkSync('/etc', join(world.dataDir, 'media/escape'))
    for (const location of [
      '../../etc/passwd',
      '/etc/passwd',
      'demo/../../secret.mp4',
      'escape/passwd',
      'demo/mp4/demo.mp4\u0000.txt',
    ])
      assertError(
        await addStream(world, world.url, { location }),
        400,
        'INVALID_PARAMETER',
        'location',
      )
  })

  it('refuses missing files, folders and files that are not media with 400 (location)', async (t) => {
    const world = await withVideo(t)
    for (const location of ['demo/missing.mp4', 'demo/hls', 'demo/README.md'])
      assertError(
        await addStream(world, world.url, { location }),
        400,
        'INVALID_PARAMETER',
        'location',
      )
  })

  it('answers 400 (format) when the media is not the declared format', async (t) => {
    const world = await withVideo(t)
    const reply = await addStream(world, world.url, {
      location: 'demo/mp4/demo.mp4',
      format: 'm3u8',
    })
    assertError(reply, 400, 'INVALID_PARAMETER', 'format')
  })

  it('answers 409 for a second stream of the same format and definition', async (t) => {
    const world = await withVideo(t)
    await addStream(world, world.url, { location: 'demo/mp4/demo.mp4' })
    const again = await addStream(world, world.url, { location: 'demo/mp4/demo.mp4' })
    assertError(
      again,
      409,
      'CONFLICT',
      undefined,
      `a mp4 LD stream of video ${world.target.id} already exists`,
    )
  })

  it('answers 404 for an unknown video and 400 for malformed bodies', async (t) => {
    const world = await withVideo(t)
    const missing = '/v1/videos/ffffffffffffffffffffffffffffffff/streams'
    const unknown = 'video "ffffffffffffffffffffffffffffffff" not found'
    assertNotFound(await addStream(world, missing, { location: 'demo/mp4/demo.mp4' }), unknown)
    assertNotFound(await world.call('GET', missing), unknown)
    assertError(await addStream(world, world.url, {}), 400, 'MISSING_PARAMETER', 'location')
    for (const [body, parameter] of [
      [{ location: '' }, 'location'],
      [{ location: 'demo/mp4/demo.mp4', definition: '8K' }, 'definition'],
      [{ location: 'demo/mp4/demo.mp4', format: 'avi' }, 'format'],
      [{ location: 'demo/mp4/demo.mp4', encrypted: 'yes' }, 'encrypted'],
      [{ location: 'demo/mp4/demo.mp4', width: 1920 }, 'width'],
    ] as const)
      assertError(await addStream(world, world.url, body), 400, 'INVALID_PARAMETER', parameter)
  })
})
