// Playsafe tokens and play-password unlocks fetched through the edge: the token's video's MP4
// ranges and HLS (playlist rewritten so segments carry it), refused for another path, another
// client IP or once a single-use token is used; a failing request does not use it up.
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { playsafeToken, polyvWorld, VID2 } from './world.ts'

const DEMO = new URL('../../../../media/demo', import.meta.url).pathname

const EDGE = '/play/polyv.playgate.local'

const tokenFor = playsafeToken

describe('viewer tokens at the edge', () => {
  it('serves the video’s MP4 ranges and its HLS playlist and segments with a playsafe token', async (t) => {
    const w = await polyvWorld(t)
    const token = await tokenFor(w)
    const range = await w.app.inject({
      method: 'GET',
      url: `${EDGE}/demo/mp4/demo.mp4?playsafe=${token}`,
      headers: { range: 'bytes=0-99' },
    })
    assert.equal(range.statusCode, 206)
    assert.equal(range.rawPayload.length, 100)
    assert.equal(range.headers['cache-control'], 'private, no-store')
    const master = await w.app.inject({
      method: 'GET',
      url: `${EDGE}/demo/hls/master.m3u8?playsafe=${token}`,
    })
    assert.equal(master.statusCode, 200)
    const child = master.body.split('\n').find((l) => l !== '' && !l.startsWith('#'))!
    assert.ok(child.endsWith(`playsafe=${token}`), child)
    const media = await w.app.inject({ method: 'GET', url: `${EDGE}/demo/hls/${child}` })
    assert.equal(media.statusCode, 200)
    const segment = media.body.split('\n').find((l) => l.endsWith(`playsafe=${token}`))!
    const seg = await w.app.inject({ method: 'GET', url: `${EDGE}/demo/hls/${segment}` })
    assert.equal(seg.statusCode, 200)
    assert.equal(seg.headers['content-type'], 'video/mp2t')
  })

  it('refuses another path, another client IP, an unknown token and no token', async (t) => {
    const w = await polyvWorld(t)
    const token = await tokenFor(w, { viewerIp: '127.0.0.1' })
    const get = (url: string, remoteAddress = '127.0.0.1') =>
      w.app.inject({ method: 'GET', url, remoteAddress })
    const other = await get(`${EDGE}/demo/README.md?playsafe=${token}`)
    assert.deepEqual([other.statusCode, other.headers['x-error-code']], [403, 'SCOPE_MISMATCH'])
    const ip = await get(`${EDGE}/demo/mp4/demo.mp4?playsafe=${token}`, '203.0.113.9')
    assert.deepEqual([ip.statusCode, ip.headers['x-error-code']], [403, 'FORBIDDEN'])
    const unknown = await get(`${EDGE}/demo/mp4/demo.mp4?playsafe=${'0'.repeat(32)}`)
    assert.deepEqual([unknown.statusCode, unknown.headers['x-error-code']], [403, 'TOKEN_INVALID'])
    const none = await get(`${EDGE}/demo/mp4/demo.mp4`)
    assert.equal(none.statusCode, 403)
  })

  it('refuses a token for another video’s media, which that video’s own token opens', async (t) => {
    // A media root where the second video has a file of its own.
    const root = mkdtempSync(join(tmpdir(), 'playgate-polyv-media-'))
    t.after(() => rmSync(root, { recursive: true, force: true }))
    cpSync(DEMO, join(root, 'demo'), { recursive: true })
    cpSync(join(DEMO, 'mp4/demo.mp4'), join(root, 'other/lesson.mp4'))
    const w = await polyvWorld(t, { PLAYGATE_MEDIA_ROOT: root })
    await w.services.videos.addStream({ videoId: w.video2.id, location: 'other/lesson.mp4' })
    const first = await tokenFor(w)
    const url = (token: string) => `${EDGE}/other/lesson.mp4?playsafe=${token}`
    const other = await w.app.inject({ method: 'GET', url: url(first) })
    assert.deepEqual([other.statusCode, other.headers['x-error-code']], [403, 'SCOPE_MISMATCH'])
    const own = await w.app.inject({
      method: 'GET',
      url: url(await tokenFor(w, { videoId: VID2 })),
    })
    assert.equal(own.statusCode, 200)
  })

  it('uses a single-use token once, and not on a request that fails', async (t) => {
    const w = await polyvWorld(t)
    const token = await tokenFor(w, { disposable: 'true' })
    const url = `${EDGE}/demo/mp4/demo.mp4?playsafe=${token}`
    const unsatisfiable = await w.app.inject({
      method: 'GET',
      url,
      headers: { range: 'bytes=99999999-' },
    })
    assert.equal(unsatisfiable.statusCode, 416)
    const first = await w.app.inject({ method: 'GET', url })
    assert.equal(first.statusCode, 200)
    const second = await w.app.inject({ method: 'GET', url })
    assert.deepEqual([second.statusCode, second.headers['x-error-code']], [403, 'TOKEN_REVOKED'])
  })

  it('serves a play-password unlock’s URLs, and stops when the password changes', async (t) => {
    const w = await polyvWorld(t)
    await w.services.playPasswords.set(w.video.id, 'open-sesame')
    const unlocked = await w.services.viewerUnlock.unlock({
      videoId: w.video.id,
      password: 'open-sesame',
      clientIp: '127.0.0.1',
    })
    const mp4 = unlocked.playUrls.find((u) => u.format === 'mp4')!
    const path = new URL(mp4.url).pathname + new URL(mp4.url).search
    assert.equal((await w.app.inject({ method: 'GET', url: path })).statusCode, 200)
    w.clock.advance(1000)
    await w.services.playPasswords.set(w.video.id, 'changed')
    const after = await w.app.inject({ method: 'GET', url: path })
    assert.deepEqual([after.statusCode, after.headers['x-error-code']], [403, 'TOKEN_REVOKED'])
  })
})
