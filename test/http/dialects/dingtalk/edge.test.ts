// The URLs getPlayInfos hands out play at PlayGate's edge: the playlist and every segment it
// names answer 200, the MP4 answers a Range with 206, a tampered URL 403; and no URL outlives the
// access token that asked for it (dingtalk.md §4.6).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CONF_ID, MEDIA_ID, REGION, conference, dingtalkWorld, Util, withToken } from './world.ts'

async function playInfo(world: Awaited<ReturnType<typeof dingtalkWorld>>, token?: string) {
  const client = new conference.default(world.config())
  const res = await client.queryCloudRecordVideoPlayInfoWithOptions(
    CONF_ID,
    new conference.QueryCloudRecordVideoPlayInfoRequest({
      mediaId: MEDIA_ID,
      regionId: REGION,
      unionId: 'GUEST',
    }),
    withToken(conference.QueryCloudRecordVideoPlayInfoHeaders, token ?? (await world.token())),
    new Util.RuntimeOptions({}),
  )
  return res.body as { playUrl: string; mp4FileUrl: string }
}

/** A type A URL's timestamp (`auth_key=<ts>-<rand>-<uid>-<md5>`). */
const stampOf = (url: string) => Number(/auth_key=(\d+)-/.exec(url)?.[1])

describe('getPlayInfos URLs at the edge', () => {
  it('plays the playlist and every segment, ranges the MP4, and refuses a tampered URL', async (t) => {
    const world = await dingtalkWorld(t)
    const { playUrl, mp4FileUrl } = await playInfo(world)
    const playlist = await fetch(playUrl)
    assert.equal(playlist.status, 200)
    const lines = (await playlist.text()).split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    assert.ok(lines.length >= 3, `segments: ${lines.join(', ')}`)
    for (const line of lines) {
      const segment = await fetch(new URL(line, playUrl))
      assert.equal(segment.status, 200, line)
      assert.ok((await segment.arrayBuffer()).byteLength > 0)
    }
    const ranged = await fetch(mp4FileUrl, { headers: { range: 'bytes=0-99' } })
    assert.equal(ranged.status, 206)
    assert.equal((await ranged.arrayBuffer()).byteLength, 100)
    const tampered = mp4FileUrl.replace(/([0-9a-f])$/, (c) => (c === '0' ? '1' : '0'))
    assert.notEqual(tampered, mp4FileUrl)
    assert.equal((await fetch(tampered)).status, 403)
  })

  it('signs no URL for longer than the access token has left', async (t) => {
    const world = await dingtalkWorld(t)
    const token = await world.token()
    // The play domain's TTL is 1800 s; the token has 7200 s, then 600 s left.
    const fresh = await playInfo(world, token)
    const start = Math.floor(world.clock.now() / 1000)
    world.clock.advance(6600_000)
    const late = await playInfo(world, token)
    const now = Math.floor(world.clock.now() / 1000)
    // Type A's timestamp is the generation time: the URL expires at timestamp + the domain TTL.
    const expiry = (url: string) => stampOf(url) + 1800
    assert.equal(expiry(fresh.playUrl) - start, 1800)
    assert.equal(expiry(fresh.mp4FileUrl) - start, 1800)
    assert.equal(expiry(late.playUrl) - now, 600)
    assert.equal(expiry(late.mp4FileUrl) - now, 600)
  })
})
