// Demo catalog: seedDemo creates the demo tenant, its default play domain and the demo video with
// the bundled MP4 and HLS streams, exactly once.
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isAppError } from '../../src/core/errors.ts'
import { DEMO, seedDemo } from '../../src/services/demo.ts'
import type { Db } from '../../src/storage/db.ts'
import { buildTestServices } from '../helpers/services.ts'

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of ['tenants', 'play_domains', 'videos', 'streams'] as const) {
    out[table] = (await db.selectFrom(table).selectAll().execute()).length
  }
  return out
}

describe('seedDemo', () => {
  it('creates the demo tenant, its default domain, and the demo video with two streams', async (t) => {
    const { services, deps } = await buildTestServices(t)
    assert.equal(await seedDemo(services), true)
    assert.deepEqual(await counts(deps.db), {
      tenants: 1,
      play_domains: 1,
      videos: 1,
      streams: 2,
    })
    const tenant = await services.tenants.get(DEMO.tenantId)
    assert.deepEqual([tenant.name, tenant.status], ['Demo', 'active'])
    const domain = await services.playDomains.forTenant(DEMO.tenantId)
    assert.deepEqual(
      [domain.host, domain.scheme, domain.isDefault, domain.authEnabled, domain.ttlSeconds],
      ['demo.playgate.local', 'aliyun-a', true, true, 1800],
    )
    const video = await services.videos.getByReference(DEMO.tenantId, 'demo')
    assert.deepEqual(
      [video.id, video.title, video.tags, video.status, video.duration, video.size],
      [DEMO.videoId, 'PlayGate demo', ['demo'], 'Normal', 6, 360354],
    )
    // Both streams were added in the same (fixed-clock) millisecond, so they list by random id.
    const streams = await services.videos.streams(DEMO.videoId)
    assert.deepEqual(
      streams
        .map((s) => [s.format, s.location, s.definition, s.duration, s.width, s.height])
        .sort((a, b) => String(b[0]).localeCompare(String(a[0]))),
      [
        ['mp4', 'demo/mp4/demo.mp4', 'LD', 6, 640, 360],
        ['m3u8', 'demo/hls/master.m3u8', 'LD', 6, 640, 360],
      ],
    )
  })

  it('does nothing the second time', async (t) => {
    const { services, deps, clock } = await buildTestServices(t)
    await seedDemo(services)
    const before = await counts(deps.db)
    const domain = await services.playDomains.forTenant(DEMO.tenantId)
    clock.advance(60_000)
    assert.equal(await seedDemo(services), false)
    assert.equal(await seedDemo(services), false)
    assert.deepEqual(await counts(deps.db), before)
    assert.deepEqual(await services.playDomains.forTenant(DEMO.tenantId), domain)
  })

  // Regression: missing media used to leave the demo tenant without streams, never retried.
  it('writes nothing when the bundled media is missing, so a later start can seed it', async (t) => {
    const { services, deps, mediaRoot } = await buildTestServices(t)
    rmSync(join(mediaRoot, 'demo'), { recursive: true, force: true })
    await assert.rejects(
      seedDemo(services),
      (e: unknown) => isAppError(e) && e.code === 'INVALID_PARAMETER',
    )
    assert.deepEqual(await counts(deps.db), { tenants: 0, play_domains: 0, videos: 0, streams: 0 })
  })
})
