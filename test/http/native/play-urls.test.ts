// Native API, /v1/videos/:id/play-urls: URLs signed with the tenant's domain scheme that the
// edge on the same listener serves, and the errors around them.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, DEMO_MEDIA, nativeApp } from './native-app.ts'

async function withStreams(t: Parameters<typeof nativeApp>[0]) {
  const world = await nativeApp(t, { demoMedia: true })
  const { id: tenantId } = await world.tenant()
  await world.domain(tenantId, { host: 'play.test', scheme: 'aliyun-a', ttlSeconds: 600 })
  const video = await world.video(tenantId)
  for (const location of ['demo/mp4/demo.mp4', 'demo/hls/master.m3u8'])
    assert.equal(
      (await world.call('POST', `/v1/videos/${video.id}/streams`, { location })).status,
      201,
    )
  return { ...world, target: video }
}

describe('native API: play URLs', () => {
  it('signs every visible stream with the domain scheme, and the edge serves them', async (t) => {
    const world = await withStreams(t)
    const reply = await world.call('GET', `/v1/videos/${world.target.id}/play-urls?ttlSeconds=120`)
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.body.videoId, world.target.id)
    assert.equal(reply.body.host, 'play.test')
    assert.equal(reply.body.expiresAt, '2026-01-01T00:02:00.000Z')
    const items = reply.body.items as { format: string; definition: string; url: string }[]
    assert.deepEqual(items.map((i) => [i.format, i.definition]).sort(), [
      ['m3u8', 'LD'],
      ['mp4', 'LD'],
    ])
    const mp4 = items.find((i) => i.format === 'mp4')!.url
    assert.match(
      mp4,
      /^http:\/\/127\.0\.0\.1:8080\/play\/play\.test\/demo\/mp4\/demo\.mp4\?auth_key=\d+-[0-9a-f]+-0-[0-9a-f]{32}$/,
    )
    const served = await world.app.inject({
      method: 'GET',
      url: new URL(mp4).pathname + new URL(mp4).search,
    })
    assert.equal(served.statusCode, 200)
    assert.deepEqual(served.rawPayload, readFileSync(`${DEMO_MEDIA}/mp4/demo.mp4`))
    const tampered = await world.app.inject({
      method: 'GET',
      url: new URL(mp4).pathname.replace('demo.mp4', 'x.mp4') + new URL(mp4).search,
    })
    assert.equal(tampered.statusCode, 403)
  })

  // Issue #7: the native API handed out signed URLs with nothing on the audit trail.
  it('records the issue as credential.issued, as every dialect does', async (t) => {
    const world = await withStreams(t)
    for (const query of ['?ttlSeconds=120&maxUses=3', '']) {
      const reply = await world.call('GET', `/v1/videos/${world.target.id}/play-urls${query}`)
      assert.equal(reply.status, 200, reply.text)
    }
    const events = await world.services.audit.list({ kind: 'credential.issued' })
    // Both at the same (fixed) time: listed in the order they were recorded.
    assert.deepEqual(
      events.items.map((e) => [e.tenantId, e.subject, e.reason, e.detail]),
      [
        [
          world.target.tenantId,
          world.target.id,
          null,
          { dialect: 'native', host: 'play.test', expiresAt: 1767225720, maxUses: 3 },
        ],
        [
          world.target.tenantId,
          world.target.id,
          null,
          { dialect: 'native', host: 'play.test', expiresAt: 1767226200 },
        ],
      ],
    )
  })

  it('hands out no URL when its audit event cannot be committed (strict durability)', async (t) => {
    const world = await withStreams(t)
    await world.services.deps.db.schema.dropTable('audit_events').execute()
    const reply = await world.call('GET', `/v1/videos/${world.target.id}/play-urls`)
    assertError(
      reply,
      503,
      'UNAVAILABLE',
      undefined,
      'The audit log could not be written, and no credential is issued without its audit event; retry shortly.',
    )
  })

  it('refuses a validity out of range and a video with no domain or no stream', async (t) => {
    const world = await withStreams(t)
    assertError(
      await world.call('GET', `/v1/videos/${world.target.id}/play-urls?ttlSeconds=0`),
      400,
      'INVALID_PARAMETER',
      'ttlSeconds',
    )
    const { id: other } = await world.tenant({ name: 'No domain' })
    const bare = await world.video(other)
    assertNotFound(
      await world.call('GET', `/v1/videos/${bare.id}/play-urls`),
      `tenant "${other}" has no play domain; add one first`,
    )
    const { id: tenantId } = await world.tenant({ name: 'No streams' })
    await world.domain(tenantId, { host: 'empty.test' })
    const empty = await world.video(tenantId)
    assertError(await world.call('GET', `/v1/videos/${empty.id}/play-urls`), 404, 'NO_STREAM')
  })

  // Regression #7: the native API signed URLs for Blocked and Transcoding videos.
  it('refuses a video that is not Normal, as every dialect does', async (t) => {
    const world = await withStreams(t)
    for (const status of ['Blocked', 'Transcoding']) {
      const patched = await world.call('PATCH', `/v1/videos/${world.target.id}`, { status })
      assert.equal(patched.status, 200, patched.text)
      const refused = await world.call('GET', `/v1/videos/${world.target.id}/play-urls`)
      assert.equal(refused.status, 409, refused.text)
      assert.deepEqual(refused.body.error, {
        code: 'MEDIA_NOT_READY',
        message: `Video Status is ${status} and AuditStatus is Normal`,
        requestId: refused.body.error.requestId,
      })
    }
  })
})
