// Native API, POST /v1/videos/:id/unlock (viewers, no admin token): one of a video's play
// passwords buys a play credential bound to the caller's IP and play URLs that carry it, which the
// edge on the same listener serves; wrong passwords, throttling and revocation over HTTP; the
// password never appears in a log, an error or the audit trail.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import {
  assertError,
  assertNotFound,
  DEMO_MEDIA,
  nativeApp,
  NOW,
  type Reply,
} from './native-app.ts'

const VIEWER = '198.51.100.20'

async function lockedVideo(t: Parameters<typeof nativeApp>[0], env?: Record<string, string>) {
  const world = await nativeApp(t, { demoMedia: true, ...(env ? { env } : {}) })
  const { id: tenantId } = await world.tenant()
  await world.domain(tenantId, { host: 'play.test', scheme: 'aliyun-a' })
  const video = await world.video(tenantId)
  for (const location of ['demo/mp4/demo.mp4', 'demo/hls/master.m3u8'])
    assert.equal(
      (await world.call('POST', `/v1/videos/${video.id}/streams`, { location })).status,
      201,
    )
  assert.equal(
    (await world.call('PUT', `/v1/videos/${video.id}/password`, { password: 'open-sesame' }))
      .status,
    204,
  )
  /** A viewer's request: no admin token, from VIEWER unless told. */
  async function unlock(videoId: string, body: unknown, remoteAddress = VIEWER): Promise<Reply> {
    const res = await world.app.inject({
      method: 'POST',
      url: `/v1/videos/${videoId}/unlock`,
      // JSON even when the body is a string (malformed on purpose).
      headers: { 'content-type': 'application/json' },
      payload: body as string,
      remoteAddress,
    })
    return {
      status: res.statusCode,
      body: res.body === '' ? undefined : JSON.parse(res.body),
      text: res.body,
      requestId: String(res.headers['x-request-id']),
      headers: res.headers,
    }
  }
  const fetch = (url: string, remoteAddress = VIEWER) =>
    world.app.inject({
      method: 'GET',
      url: new URL(url).pathname + new URL(url).search,
      remoteAddress,
    })
  return { ...world, tenantId, target: video, unlock, fetch }
}

describe('native API: viewer unlock', () => {
  it('answers a credential and play URLs that the edge serves, without an admin token', async (t) => {
    const w = await lockedVideo(t)
    const reply = await w.unlock(w.target.id, { password: 'open-sesame' })
    assert.equal(reply.status, 200, reply.text)
    assert.equal(reply.headers['cache-control'], 'no-store')
    const { credential } = reply.body as { credential: string }
    assert.match(credential, /^[0-9a-f]{32}$/)
    const base = 'http://127.0.0.1:8080/play/play.test/demo'
    const streams = (await w.call('GET', `/v1/videos/${w.target.id}/streams`)).body.items as {
      id: string
      format: string
    }[]
    const idOf = (format: string) => streams.find((s) => s.format === format)!.id
    assert.deepEqual(reply.body, {
      videoId: w.target.id,
      credential,
      expiresAt: new Date(Date.parse(NOW) + 600_000).toISOString(),
      playUrls: [
        {
          streamId: idOf('m3u8'),
          format: 'm3u8',
          definition: 'LD',
          url: `${base}/hls/master.m3u8?playsafe=${credential}`,
        },
        {
          streamId: idOf('mp4'),
          format: 'mp4',
          definition: 'LD',
          url: `${base}/mp4/demo.mp4?playsafe=${credential}`,
        },
      ],
    })
    const [hls, mp4] = reply.body.playUrls as { url: string }[]
    const served = await w.fetch(mp4!.url)
    assert.equal(served.statusCode, 200)
    assert.deepEqual(served.rawPayload, readFileSync(`${DEMO_MEDIA}/mp4/demo.mp4`))
    assert.equal((await w.fetch(hls!.url)).statusCode, 200)
    // Bound to the viewer's address.
    assert.equal((await w.fetch(mp4!.url, '198.51.100.99')).statusCode, 403)
  })

  it('refuses a wrong password with 403, then throttles the client with Retry-After', async (t) => {
    const w = await lockedVideo(t)
    for (let i = 0; i < 5; i++)
      assertError(
        await w.unlock(w.target.id, { password: `guess-${i}` }),
        403,
        'PASSWORD_INCORRECT',
      )
    // Five failures: the client is blocked for 1 s, even with the right password.
    const blocked = await w.unlock(w.target.id, { password: 'open-sesame' })
    assertError(blocked, 429, 'RATE_LIMITED')
    assert.equal(blocked.headers['retry-after'], '1')
    // Another viewer is not held up by it.
    assert.equal(
      (await w.unlock(w.target.id, { password: 'open-sesame' }, '198.51.100.21')).status,
      200,
    )
    w.clock.advance(1500)
    assert.equal((await w.unlock(w.target.id, { password: 'open-sesame' })).status, 200)
    const attempts = await w.call('GET', '/v1/audit-events?kind=password.attempted&pageSize=50')
    assert.deepEqual(
      (attempts.body.items as { reason: string | null }[]).map((e) => e.reason).sort(),
      [
        ...Array<string>(5).fill('PASSWORD_INCORRECT'),
        'RATE_LIMITED',
        ...Array<null>(2).fill(null),
      ].sort(),
    )
    for (const secret of ['open-sesame', 'guess-0', 'guess-4']) {
      assert.ok(!attempts.text.includes(secret))
      assert.ok(!w.logs.some((line) => line.includes(secret)), secret)
    }
  })

  it('refuses a client it remembers blocked before reading the body, with no log line each, counted in the audit', async (t) => {
    const w = await lockedVideo(t)
    for (let i = 0; i < 5; i++)
      assertError(
        await w.unlock(w.target.id, { password: `guess-${i}` }),
        403,
        'PASSWORD_INCORRECT',
      )
    // Checked against the shared state: from now on this replica remembers the block.
    assertError(await w.unlock(w.target.id, { password: 'guess-5' }), 429, 'RATE_LIMITED')
    const logged = w.logs.length
    // A body that would fail parsing or the schema is not even read: the refusal comes first.
    const refusals = [
      await w.unlock(w.target.id, '{"password": "guess-6"'),
      await w.unlock(w.target.id, { nope: 1 }),
      await w.unlock(w.target.id, { password: 'open-sesame' }),
    ]
    for (const refused of refusals) {
      assertError(refused, 429, 'RATE_LIMITED')
      assert.equal(refused.headers['retry-after'], '1')
    }
    // An attacker's thousands of refusals a second write no log line each.
    assert.deepEqual(w.logs.slice(logged), [])
    // Another client is not refused by it, and is logged as usual.
    assert.equal(
      (await w.unlock(w.target.id, { password: 'open-sesame' }, '198.51.100.21')).status,
      200,
    )
    assert.ok(w.logs.length > logged)
    const attempts = await w.call('GET', '/v1/audit-events?kind=password.attempted&pageSize=50')
    const refused = (attempts.body.items as { reason: string; detail: { count?: number } }[])
      .filter((e) => e.reason === 'RATE_LIMITED')
      .map((e) => e.detail)
    assert.deepEqual(
      refused.sort((a, b) => (a.count ?? 1) - (b.count ?? 1)),
      [{ client: VIEWER }, { client: VIEWER, count: 3, lastAt: NOW }],
    )
    for (const secret of ['open-sesame', 'guess-5', 'guess-6'])
      assert.ok(!attempts.text.includes(secret), secret)
  })

  it('limits one client across videos (passwords.attemptsPerClientPerMinute)', async (t) => {
    const w = await lockedVideo(t, { PLAYGATE_PASSWORDS_ATTEMPTS_PER_CLIENT_PER_MINUTE: '2' })
    const other = await w.video(w.tenantId, { title: 'Lesson 2' })
    const third = await w.video(w.tenantId, { title: 'Lesson 3' })
    for (const v of [other, third])
      await w.call('PUT', `/v1/videos/${v.id}/password`, { password: 'pw-2' })
    assertError(await w.unlock(w.target.id, { password: 'x' }), 403, 'PASSWORD_INCORRECT')
    assertError(await w.unlock(other.id, { password: 'x' }), 403, 'PASSWORD_INCORRECT')
    assertError(await w.unlock(third.id, { password: 'pw-2' }), 429, 'RATE_LIMITED')
  })

  it('answers a video without a password, an unknown video and a bad body in the native shape', async (t) => {
    const w = await lockedVideo(t)
    const open = await w.video(w.tenantId, { title: 'Open' })
    assertError(await w.unlock(open.id, { password: 'x' }), 403, 'FORBIDDEN')
    assertNotFound(
      await w.unlock('f'.repeat(32), { password: 'x' }),
      `video "${'f'.repeat(32)}" not found`,
    )
    assert.equal((await w.unlock(w.target.id, {})).status, 400)
    assert.equal((await w.unlock(w.target.id, { password: '' })).status, 400)
    assert.equal((await w.unlock(w.target.id, { password: 'x', extra: 1 })).status, 400)
  })

  it('is the only password route without the admin token', async (t) => {
    const w = await lockedVideo(t)
    for (const [method, url] of [
      ['GET', `/v1/videos/${w.target.id}/password`],
      ['GET', `/v1/videos/${w.target.id}/passwords`],
      ['DELETE', `/v1/videos/${w.target.id}/passwords/default`],
    ] as const) {
      const res = await w.app.inject({ method, url })
      assert.equal(res.statusCode, 401, url)
    }
  })
})

describe('native API: labelled play passwords', () => {
  it('adds, lists, replaces and removes passwords each on its own, revoking what they unlocked', async (t) => {
    const w = await lockedVideo(t)
    const base = `/v1/videos/${w.target.id}/passwords`
    const added = await w.call('POST', base, { label: 'staff', password: 'staff-pw' })
    assert.equal(added.status, 201, added.text)
    assert.deepEqual(added.body, {
      label: 'staff',
      password: 'staff-pw',
      createdAt: NOW,
      updatedAt: NOW,
    })
    assertError(
      await w.call('POST', base, { label: 'staff', password: 'again' }),
      409,
      'CONFLICT',
      undefined,
      `play password staff of video ${w.target.id} already exists`,
    )
    const list = await w.call('GET', base)
    assert.deepEqual(
      (list.body.items as { label: string; password: string }[]).map((p) => [p.label, p.password]),
      [
        ['default', 'open-sesame'],
        ['staff', 'staff-pw'],
      ],
    )
    const viaStaff = (await w.unlock(w.target.id, { password: 'staff-pw' })).body.playUrls[1].url
    const viaDefault = (await w.unlock(w.target.id, { password: 'open-sesame' })).body.playUrls[1]
      .url
    w.clock.advance(1000)
    const replaced = await w.call('PUT', `${base}/staff`, { password: 'staff-pw-2' })
    assert.equal(replaced.status, 200)
    assert.equal(replaced.body.updatedAt, new Date(Date.parse(NOW) + 1000).toISOString())
    assert.equal((await w.fetch(viaStaff)).statusCode, 403)
    assert.equal((await w.fetch(viaDefault)).statusCode, 200)
    assert.equal((await w.unlock(w.target.id, { password: 'staff-pw-2' })).status, 200)
    // PUT also creates a label.
    assert.equal((await w.call('PUT', `${base}/class-a`, { password: 'a-pw' })).status, 200)
    assert.equal((await w.call('DELETE', `${base}/default`)).status, 204)
    assert.equal((await w.call('DELETE', `${base}/default`)).status, 204)
    assert.equal((await w.fetch(viaDefault)).statusCode, 403)
    assert.deepEqual(
      ((await w.call('GET', base)).body.items as { label: string }[]).map((p) => p.label),
      // In the order they were created.
      ['staff', 'class-a'],
    )
  })

  it('refuses a bad label, a bad password and an unknown video', async (t) => {
    const w = await lockedVideo(t)
    const base = `/v1/videos/${w.target.id}/passwords`
    assert.equal((await w.call('POST', base, { label: 'a b', password: 'x' })).status, 400)
    assert.equal((await w.call('POST', base, { label: 'a', password: '' })).status, 400)
    assert.equal((await w.call('PUT', `${base}/${'x'.repeat(65)}`, { password: 'x' })).status, 400)
    const control = await w.call('PUT', `${base}/ok`, { password: 'a\u0001b' })
    assertError(control, 400, 'INVALID_PARAMETER', 'password')
    assertNotFound(
      await w.call('GET', `/v1/videos/${'f'.repeat(32)}/passwords`),
      `video "${'f'.repeat(32)}" not found`,
    )
  })
})
