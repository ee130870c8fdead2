// Live streams use case: names and locations checked, tenant scoping, push keys generated or
// left out, the resolve cache (and its invalidation), and minted play and push URLs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { verifyLivePush, verifyLive } from '../../src/core/schemes/tencent-live/verify.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { LIVE_STREAM_CACHE_MS } from '../../src/services/live-streams.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  await built.services.tenants.create({ id: 'tn_b', name: 'B' })
  const domain = await built.services.playDomains.create({
    tenantId: 'tn_a',
    host: 'live.acme.cn',
    scheme: 'tencent-live',
    ttlSeconds: 300,
    primaryKey: 'e12c46f2612d5106e2034781ab261ca3',
  })
  return { ...built, domain }
}

describe('live streams service', () => {
  it('creates a stream with AppName live, a generated push key, enabled', async (t) => {
    const { services, domain, clock } = await world(t)
    const stream = await services.liveStreams.create({
      tenantId: 'tn_a',
      playDomainId: domain.id,
      streamName: 'test',
      location: 'live/test.m3u8',
    })
    assert.match(stream.id, /^ls_[0-9a-f]{20}$/)
    assert.match(stream.pushKey ?? '', /^[A-Za-z0-9]{32}$/)
    assert.deepEqual(stream, {
      id: stream.id,
      tenantId: 'tn_a',
      playDomainId: domain.id,
      appName: 'live',
      streamName: 'test',
      location: 'live/test.m3u8',
      videoId: null,
      enabled: true,
      pushKey: stream.pushKey,
      createdAt: new Date(clock.now()),
      updatedAt: new Date(clock.now()),
    })
  })

  const badNames = ['', 'a/b', 'test.m3u8', 'x.flv', '..', '.a', 'a b', 'é', 'a'.repeat(129)]
  for (const name of badNames) {
    it(`refuses stream name ${JSON.stringify(name)} as INVALID_PARAMETER`, async (t) => {
      const { services, domain } = await world(t)
      const input = { tenantId: 'tn_a', playDomainId: domain.id, location: 'live/x.m3u8' }
      await rejectsWith(
        services.liveStreams.create({ ...input, streamName: name }),
        'INVALID_PARAMETER',
      )
    })
  }

  const badLocations = [
    '',
    '/abs/x.m3u8',
    '../x.m3u8',
    'a/../x.m3u8',
    'a//x',
    'a\\b',
    'ftp://x/y',
    'http://u:p@h/x.m3u8',
    'a?b',
  ]
  for (const location of badLocations) {
    it(`refuses location ${JSON.stringify(location)} as INVALID_PARAMETER`, async (t) => {
      const { services, domain } = await world(t)
      const input = { tenantId: 'tn_a', playDomainId: domain.id, streamName: 's' }
      await rejectsWith(services.liveStreams.create({ ...input, location }), 'INVALID_PARAMETER')
    })
  }

  it("refuses another tenant's domain and video as NOT_FOUND", async (t) => {
    const { services, domain } = await world(t)
    const base = {
      playDomainId: domain.id,
      streamName: 's',
      location: 'http://origin:8888/live/s/index.m3u8',
    }
    await rejectsWith(services.liveStreams.create({ ...base, tenantId: 'tn_b' }), 'NOT_FOUND')
    const video = await services.videos.create({ tenantId: 'tn_b', title: 'b' })
    await rejectsWith(
      services.liveStreams.create({ ...base, tenantId: 'tn_a', videoId: video.id }),
      'NOT_FOUND',
    )
    const stream = await services.liveStreams.create({ ...base, tenantId: 'tn_a', pushKey: null })
    assert.equal(stream.pushKey, null)
    await rejectsWith(services.liveStreams.get(stream.id, 'tn_b'), 'NOT_FOUND')
  })

  it('resolves through a cache that local changes clear and others age out of', async (t) => {
    const { services, domain, clock, deps } = await world(t)
    assert.equal(await services.liveStreams.hasStreams(domain.id), false)
    assert.equal(await services.liveStreams.resolve(domain.id, 'live', 'a'), undefined)
    const stream = await services.liveStreams.create({
      tenantId: 'tn_a',
      playDomainId: domain.id,
      streamName: 'a',
      location: 'live/a.m3u8',
    })
    assert.equal(await services.liveStreams.hasStreams(domain.id), true)
    assert.equal((await services.liveStreams.resolve(domain.id, 'live', 'a'))?.id, stream.id)
    // A write behind this process's back (another replica): seen only after the cache time.
    await deps.db.updateTable('live_streams').set({ enabled: 0 }).execute()
    clock.advance(LIVE_STREAM_CACHE_MS - 1)
    assert.equal((await services.liveStreams.resolve(domain.id, 'live', 'a'))?.enabled, true)
    clock.advance(1)
    assert.equal((await services.liveStreams.resolve(domain.id, 'live', 'a'))?.enabled, false)
    await services.liveStreams.update(stream.id, { enabled: true })
    assert.equal((await services.liveStreams.resolve(domain.id, 'live', 'a'))?.enabled, true)
  })

  it('mints four play forms with the domain key and a push URL with the push key', async (t) => {
    const { services, domain, clock, deps } = await world(t)
    const stream = await services.liveStreams.create({
      tenantId: 'tn_a',
      playDomainId: domain.id,
      streamName: 'test',
      location: 'live/test.m3u8',
      pushKey: 'push-key',
    })
    const urls = await services.liveStreams.mintUrls(stream.id)
    const now = clock.now() / 1000
    const txTime = Math.floor(now).toString(16).toUpperCase()
    assert.equal(urls.expiresAt, now + 300)
    assert.match(
      urls.m3u8,
      new RegExp(
        `^http://live\\.acme\\.cn/live/test\\.m3u8\\?txSecret=[0-9a-f]{32}&txTime=${txTime}$`,
      ),
    )
    assert.match(urls.flv, /^http:\/\/live\.acme\.cn\/live\/test\.flv\?txSecret=/)
    assert.match(urls.rtmp, /^rtmp:\/\/live\.acme\.cn\/live\/test\?txSecret=/)
    assert.match(urls.webrtc, /^webrtc:\/\/live\.acme\.cn\/live\/test\?txSecret=/)
    const keys = [domain.keys.primary]
    const target = urls.m3u8.replace('http://live.acme.cn', '')
    const play = verifyLive({ target, keys, now, ttlSeconds: 300, skewSeconds: 0 }, nodeCrypto)
    assert.equal(play.ok, true)
    const push = new URL(urls.push!.replace('rtmp:', 'http:'))
    assert.equal(push.pathname, '/live/test')
    const verdict = verifyLivePush(
      {
        query: push.search.slice(1),
        streamName: 'test',
        pushKey: 'push-key',
        now: now + 86_400,
        skewSeconds: 0,
      },
      deps.crypto,
    )
    assert.deepEqual(verdict, { ok: true, value: { expiresAt: now + 86_400 } })
  })
})
