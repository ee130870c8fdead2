// The viewer unlock flow: a right play password gives a short-lived viewer token for the video
// and the client's IP, with edge URLs carrying it; a wrong one, a video without a password or
// one that is not Normal gives nothing; removing the password stops the token.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rejectsWith } from '../helpers/services.ts'
import { protectedWorld } from './play-protection-world.ts'

const CLIENT = '203.0.113.7'

describe('viewer unlock', () => {
  it('trades a right password for a token and playback URLs that carry it', async (t) => {
    const { services, video, mp4, hls, clock } = await protectedWorld(t)
    await services.playPasswords.add(video.id, 'class-a', 'open-sesame')
    const unlocked = await services.viewerUnlock.unlock({
      videoId: video.id,
      password: 'open-sesame',
      clientIp: CLIENT,
    })
    assert.match(unlocked.token, /^[0-9a-f]{32}$/)
    const byFormat = [...unlocked.playUrls].sort((a, b) => a.format.localeCompare(b.format))
    assert.deepEqual(
      { ...unlocked, playUrls: byFormat },
      {
        videoId: video.id,
        token: unlocked.token,
        expiresAt: clock.now() + 600_000,
        playUrls: [
          {
            streamId: hls.id,
            format: 'm3u8',
            definition: 'SD',
            url: `http://127.0.0.1:8080/play/demo.playgate.local/demo/hls/master.m3u8?playsafe=${unlocked.token}`,
          },
          {
            streamId: mp4.id,
            format: 'mp4',
            definition: 'LD',
            url: `http://127.0.0.1:8080/play/demo.playgate.local/demo/mp4/demo.mp4?playsafe=${unlocked.token}`,
          },
        ],
      },
    )
    const verdict = await services.viewerTokens.check(unlocked.token, {
      tenantId: 'tn_a',
      path: '/demo/hls/segment-000.ts',
      clientIp: CLIENT,
    })
    assert.ok(verdict.ok)
    assert.deepEqual(verdict.value.password, { label: 'class-a', updatedAt: clock.now() })
    const issued = await services.audit.list({ kind: 'credential.issued' })
    assert.deepEqual(
      issued.items.map((e) => e.detail),
      [{ source: 'unlock', label: 'class-a', client: CLIENT }],
    )
  })

  it('lasts passwords.unlockTtlSeconds', async (t) => {
    const { services, video, clock } = await protectedWorld(t, {
      PLAYGATE_PASSWORDS_UNLOCK_TTL_SECONDS: '60',
    })
    await services.playPasswords.set(video.id, 'pw')
    const unlocked = await services.viewerUnlock.unlock({
      videoId: video.id,
      password: 'pw',
      clientIp: CLIENT,
    })
    assert.equal(unlocked.expiresAt, clock.now() + 60_000)
  })

  it('refuses a wrong password, a video without one, one not Normal, and an unknown video', async (t) => {
    const { services, video } = await protectedWorld(t)
    const unlock = (videoId: string, password = 'pw') =>
      services.viewerUnlock.unlock({ videoId, password, clientIp: CLIENT })
    await rejectsWith(unlock(video.id), 'FORBIDDEN')
    await services.playPasswords.set(video.id, 'pw')
    await rejectsWith(unlock(video.id, 'PW'), 'PASSWORD_INCORRECT')
    await rejectsWith(unlock('0'.repeat(32)), 'NOT_FOUND')
    await services.videos.update(video.id, { status: 'Blocked' })
    await rejectsWith(unlock(video.id), 'MEDIA_NOT_READY')
    assert.equal((await services.audit.list({ kind: 'credential.issued' })).total, 0)
  })

  it('lists only the streams the edge serves, and gives nothing for a video with none', async (t) => {
    const { services, video } = await protectedWorld(t)
    const addOrigin = (videoId: string) =>
      services.videos.addStream({
        videoId,
        location: `https://origin.example.com/${videoId}.mp4`,
        format: 'mp4',
        definition: 'HD',
      })
    await addOrigin(video.id)
    await services.playPasswords.set(video.id, 'pw')
    const unlocked = await services.viewerUnlock.unlock({
      videoId: video.id,
      password: 'pw',
      clientIp: CLIENT,
    })
    assert.deepEqual(unlocked.playUrls.map((u) => u.definition).sort(), ['LD', 'SD'])
    const origin = await services.videos.create({ tenantId: 'tn_a', title: 'O', status: 'Normal' })
    await addOrigin(origin.id)
    await services.playPasswords.set(origin.id, 'pw')
    await rejectsWith(
      services.viewerUnlock.unlock({ videoId: origin.id, password: 'pw', clientIp: CLIENT }),
      'NO_STREAM',
    )
    assert.equal((await services.audit.list({ kind: 'credential.issued' })).total, 1)
  })

  it('stops the token once its password is removed or changed, on the next request', async (t) => {
    const { services, video, clock } = await protectedWorld(t)
    await services.playPasswords.set(video.id, 'pw')
    await services.playPasswords.add(video.id, 'staff', 'staff-pw')
    const unlock = async (password: string) =>
      (await services.viewerUnlock.unlock({ videoId: video.id, password, clientIp: CLIENT })).token
    const check = async (token: string) => {
      const v = await services.viewerTokens.check(token, {
        tenantId: 'tn_a',
        path: '/demo/mp4/demo.mp4',
        clientIp: CLIENT,
      })
      return v.ok ? 'ok' : v.code
    }
    const viaDefault = await unlock('pw')
    const viaStaff = await unlock('staff-pw')
    clock.advance(1000)
    await services.playPasswords.set(video.id, 'pw-2')
    assert.equal(await check(viaDefault), 'TOKEN_REVOKED')
    assert.equal(await check(viaStaff), 'ok')
    assert.equal(await check(await unlock('pw-2')), 'ok')
    await services.playPasswords.clear(video.id, 'staff')
    assert.equal(await check(viaStaff), 'TOKEN_REVOKED')
    // Setting the same password again changes nothing.
    const current = await unlock('pw-2')
    await services.playPasswords.set(video.id, 'pw-2')
    assert.equal(await check(current), 'ok')
  })
})
