// Import of live streams: every problem with its path (domain, names, location, video), an upsert
// by (domain, AppName, StreamName) that keeps a generated push key, and a second run unchanged.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { importedVideoId } from '../../src/services/import-plan.ts'
import {
  findLiveStreamWithKey,
  listLiveStreams,
} from '../../src/storage/repositories/live-streams.ts'
import { findPlayDomainWithKeys } from '../../src/storage/repositories/play-domains.ts'
import { importWorld } from './import-harness.ts'

function doc(liveStreams: unknown[], extra: Record<string, unknown> = {}) {
  return {
    tenants: [
      {
        id: 'tn_a',
        name: 'A',
        playDomains: [{ host: 'live.a.test', scheme: 'tencent-live', primaryKey: 'live-key-1' }],
        videos: [{ referenceId: 'v1', title: 'V1' }],
        liveStreams,
        ...extra,
      },
    ],
  }
}

describe('import: live streams', () => {
  it('lists every problem of live streams with its path', async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    const ok = { playDomain: 'live.a.test', streamName: 's', location: 'hls/s.m3u8' }
    const problems = await importer.validate(
      doc([
        { ...ok, playDomain: 'nope.a.test' },
        { ...ok, appName: 'a/b', streamName: 'x.m3u8', location: '../up.m3u8' },
        { ...ok, streamName: 's3', videoReferenceId: 'v9' },
        { ...ok, streamName: 's4', videoId: 'x', videoReferenceId: 'v1' },
        { ...ok, streamName: 's2', pushKey: 5 },
        ok,
        ok,
      ]),
    )
    assert.deepEqual(problems, [
      {
        path: 'tenants[0].liveStreams[0].playDomain',
        message: 'unknown play domain "nope.a.test" (add it under playDomains)',
      },
      {
        path: 'tenants[0].liveStreams[1].location',
        message: 'must be an http(s) URL or a relative path under the media root',
      },
      {
        path: 'tenants[0].liveStreams[1].appName',
        message: 'must be letters, digits, _ - and inner dots',
      },
      {
        path: 'tenants[0].liveStreams[1].streamName',
        message: 'must be letters, digits, _ - and inner dots',
      },
      {
        path: 'tenants[0].liveStreams[2].videoReferenceId',
        message: 'unknown video "v9" (not in the file nor this tenant\'s catalog)',
      },
      {
        path: 'tenants[0].liveStreams[3]',
        message: 'needs at most one of videoId and videoReferenceId',
      },
      { path: 'tenants[0].liveStreams[4].pushKey', message: 'must be a non-empty string or null' },
      {
        path: 'tenants[0].liveStreams[6].streamName',
        message:
          'duplicate live stream live/s of "live.a.test" (first at tenants[0].liveStreams[5].streamName)',
      },
    ])
  })

  it('upserts by domain, AppName and StreamName, keeping a generated push key', async (t) => {
    const { db, deps, importer, clock } = await importWorld(t, 'sqlite')
    const streams = [
      {
        playDomain: 'live.a.test',
        streamName: 'lesson',
        location: 'hls/lesson.m3u8',
        videoReferenceId: 'v1',
      },
      {
        playDomain: 'LIVE.a.test',
        appName: 'studio',
        streamName: 'cam_hd',
        location: 'http://mediamtx.internal:8888/studio/cam/index.m3u8',
        pushKey: null,
        enabled: false,
      },
    ]
    const first = await importer.apply(doc(streams))
    assert.deepEqual(first.liveStreams, { created: 2, updated: 0, unchanged: 0 })
    const domain = (await findPlayDomainWithKeys(db, deps.box, { host: 'live.a.test' }))!
    const lesson = await findLiveStreamWithKey(db, deps.box, {
      playDomainId: domain.id,
      appName: 'live',
      streamName: 'lesson',
    })
    assert.equal(lesson?.tenantId, 'tn_a')
    assert.equal(lesson?.videoId, importedVideoId(nodeCrypto, 'tn_a', 'v1'))
    assert.equal(lesson?.enabled, true)
    assert.match(lesson?.pushKey ?? '', /^\S{32}$/)
    const cam = await findLiveStreamWithKey(db, deps.box, {
      playDomainId: domain.id,
      appName: 'studio',
      streamName: 'cam_hd',
    })
    assert.deepEqual([cam?.pushKey, cam?.enabled, cam?.videoId], [null, false, null])

    clock.advance(1000)
    const again = await importer.apply(doc(streams))
    assert.deepEqual(again.liveStreams, { created: 0, updated: 0, unchanged: 2 })
    const changed = await importer.apply(
      doc([{ ...streams[0], location: 'hls/lesson/index.m3u8', pushKey: 'new-push-key' }]),
    )
    assert.deepEqual(changed.liveStreams, { created: 0, updated: 1, unchanged: 0 })
    const after = await findLiveStreamWithKey(db, deps.box, { id: lesson.id })
    assert.deepEqual(
      [after?.location, after?.pushKey, after?.createdAt],
      ['hls/lesson/index.m3u8', 'new-push-key', lesson?.createdAt],
    )
    // Import never deletes what the file leaves out.
    const all = await listLiveStreams(db, { tenantId: 'tn_a' }, { page: 1, pageSize: 10 })
    assert.equal(all.total, 2)
  })

  it("refuses another tenant's play domain", async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    await importer.apply(doc([]))
    const problems = await importer.validate({
      tenants: [
        {
          id: 'tn_b',
          name: 'B',
          liveStreams: [{ playDomain: 'live.a.test', streamName: 's', location: 'hls/s.m3u8' }],
        },
      ],
    })
    assert.deepEqual(problems, [
      {
        path: 'tenants[0].liveStreams[0].playDomain',
        message: 'play domain "live.a.test" belongs to another tenant (tn_a)',
      },
    ])
  })
})
