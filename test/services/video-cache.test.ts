// The video read on the credential path is cached per replica (every GetVideoPlayAuth, play URL
// and PlayAuth reads its video by id): every writer of `videos` drops the entry at once on the
// replica that wrote, and through the shared state on every other one. Writers: the catalog
// service (update, remove, a stream's duration), import (a video's row, Polyv settings) and a
// tenant's removal (its videos go with it). Two replicas on one Redis:
// test/http/aliyun-video-cache.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodePlayAuth } from '../../src/core/schemes/aliyun-play-auth/canonical.ts'
import { VIDEO_CACHE_MS } from '../../src/services/videos.ts'
import { findVideo, updateVideo } from '../../src/storage/repositories/videos.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

const TENANT = 'tn_vcache'
const VIDEO = 'cac4e0'.padEnd(32, '0')

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  const { services } = built
  await services.tenants.create({ id: TENANT, name: 'Video cache' })
  await services.playDomains.create({
    tenantId: TENANT,
    host: 'vcache.playgate.test',
    scheme: 'aliyun-a',
    isDefault: true,
  })
  await services.videos.create({ tenantId: TENANT, id: VIDEO, title: 'First' })
  await services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
  const issue = async () =>
    decodePlayAuth(
      (await services.aliyunPlayback.issuePlayAuth({ tenantId: TENANT, videoId: VIDEO })).playAuth,
    )!.videoMeta
  return { ...built, issue }
}

describe('video cache on one replica', () => {
  it('reuses a video for VIDEO_CACHE_MS: a write behind the services’ back is seen after it', async (t) => {
    const { issue, deps, clock } = await world(t)
    assert.equal((await issue()).title, 'First')
    const stored = (await findVideo(deps.db, VIDEO))!
    await updateVideo(deps.db, { ...stored, title: 'Behind' })
    assert.equal((await issue()).title, 'First')
    clock.advance(VIDEO_CACHE_MS)
    assert.equal((await issue()).title, 'Behind')
  })

  it('sees a change, a block and a removal through the catalog at once', async (t) => {
    const { services, issue } = await world(t)
    assert.equal((await issue()).title, 'First')
    await services.videos.update(VIDEO, { title: 'Second', coverUrl: 'https://c.test/x.jpg' })
    assert.deepEqual(
      [(await issue()).title, (await issue()).coverUrl],
      ['Second', 'https://c.test/x.jpg'],
    )
    await services.videos.update(VIDEO, { status: 'Blocked' })
    await rejectsWith(issue(), 'MEDIA_NOT_READY')
    await services.videos.update(VIDEO, { status: 'Normal' })
    assert.equal((await issue()).status, 'Normal')
    await services.videos.remove(VIDEO)
    await rejectsWith(issue(), 'NOT_FOUND')
    await rejectsWith(services.videos.get(VIDEO), 'NOT_FOUND')
  })

  it('sees a stream’s new duration at once', async (t) => {
    const { services, issue } = await world(t)
    const before = (await issue()).duration
    await services.videos.update(VIDEO, { duration: 0 })
    assert.equal((await issue()).duration, 0)
    await services.videos.addStream({ videoId: VIDEO, location: 'demo/hls/master.m3u8' })
    assert.equal((await issue()).duration, before)
  })

  it('sees a video an import changes or blocks, and Polyv settings it writes, at once', async (t) => {
    const { services, issue } = await world(t)
    assert.equal((await issue()).title, 'First')
    assert.equal((await services.videos.get(VIDEO)).title, 'First')
    const imported = (video: Record<string, unknown> | undefined, polyv?: unknown) =>
      services.importer.apply({
        tenants: [
          {
            id: TENANT,
            name: 'Video cache',
            ...(video ? { videos: [{ id: VIDEO, ...video }] } : {}),
            ...(polyv ? { polyv } : {}),
          },
        ],
      })
    await imported({ title: 'Imported' })
    assert.equal((await issue()).title, 'Imported')
    await imported({ title: 'Imported', status: 'Blocked' })
    await rejectsWith(issue(), 'MEDIA_NOT_READY')
    await imported({ title: 'Imported', status: 'Normal' })
    assert.equal((await issue()).status, 'Normal')
    // A Polyv entry for a stored video (not in the file) writes its settings on their own.
    await imported(undefined, { videos: [{ videoId: VIDEO, qid: 'form-1' }] })
    assert.equal((await services.videos.get(VIDEO)).settings['polyv.qid'], 'form-1')
  })

  it('forgets a removed tenant’s videos at once', async (t) => {
    const { services, issue } = await world(t)
    assert.equal((await issue()).title, 'First')
    await services.tenants.remove(TENANT)
    await rejectsWith(issue(), 'NOT_FOUND')
    await rejectsWith(services.videos.get(VIDEO), 'NOT_FOUND')
  })
})
