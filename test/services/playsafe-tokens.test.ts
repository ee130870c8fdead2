// Polyv playsafe tokens (polyv.md §8.2): defaults and bounds of `expires`, the tenant's own
// playable video only, reuse and extension, audit without the token.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rejectsWith } from '../helpers/services.ts'
import { protectedWorld } from './play-protection-world.ts'

const BASE = { tenantId: 'tn_a', viewerId: 'u-1', viewerIp: '203.0.113.7' }

describe('playsafe tokens', () => {
  it('issues a 10-minute token for the video’s streams by default', async (t) => {
    const { services, video, clock } = await protectedWorld(t)
    const token = await services.playsafeTokens.issue({ ...BASE, videoId: video.id })
    assert.equal(token.expiresAt, clock.now() + 600_000)
    assert.deepEqual(
      [token.source, token.disposable, token.iswxa, token.type, [...token.scopes].sort()],
      ['playsafe', false, 0, 'WEB', ['/demo/hls/', '/demo/mp4/demo.mp4']],
    )
    const events = await services.audit.list({ kind: 'credential.issued' })
    assert.deepEqual(events.items[0]?.detail, {
      source: 'playsafe',
      viewerId: 'u-1',
      disposable: false,
    })
    assert.ok(!JSON.stringify(events).includes(token.token))
  })

  it('accepts expires from 1 s to 24 h and refuses anything else', async (t) => {
    const { services, video, clock } = await protectedWorld(t)
    const issue = (expires: number, viewerId = `u-${expires}`) =>
      services.playsafeTokens.issue({ ...BASE, viewerId, videoId: video.id, expires })
    assert.equal((await issue(86_400)).expiresAt, clock.now() + 86_400_000)
    assert.equal((await issue(1)).expiresAt, clock.now() + 1000)
    for (const bad of [0, -1, 86_401, 1.5, Number.NaN]) {
      await rejectsWith(issue(bad), 'INVALID_PARAMETER')
    }
  })

  it('refuses an empty viewer id, control characters, another tenant’s video and one not Normal', async (t) => {
    const { services, video } = await protectedWorld(t)
    await rejectsWith(
      services.playsafeTokens.issue({ ...BASE, viewerId: '', videoId: video.id }),
      'MISSING_PARAMETER',
    )
    await rejectsWith(
      services.playsafeTokens.issue({ ...BASE, viewerName: 'a\nb', videoId: video.id }),
      'INVALID_PARAMETER',
    )
    await rejectsWith(
      services.playsafeTokens.issue({ ...BASE, tenantId: 'tn_b', videoId: video.id }),
      'NOT_FOUND',
    )
    await services.videos.update(video.id, { status: 'Transcoding' })
    await rejectsWith(
      services.playsafeTokens.issue({ ...BASE, videoId: video.id }),
      'MEDIA_NOT_READY',
    )
  })

  it('gives the same token back, extended, while it is valid', async (t) => {
    const { services, video, clock } = await protectedWorld(t)
    const first = await services.playsafeTokens.issue({ ...BASE, videoId: video.id })
    clock.advance(120_000)
    const again = await services.playsafeTokens.issue({ ...BASE, videoId: video.id, expires: 900 })
    assert.equal(again.token, first.token)
    assert.equal(again.expiresAt, clock.now() + 900_000)
  })
})
