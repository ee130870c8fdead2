// Several play passwords per video (one per audience), each removable on its own, and the
// backoff: after `failuresBeforeBackoff` wrong passwords a client waits 1 s, then 2 s, 4 s …
// (capped), and a video refuses all clients for the rest of a minute past its failure budget.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

async function world(t: Parameters<typeof buildTestServices>[0], env?: Record<string, string>) {
  const built = await buildTestServices(t, { env })
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  const video = await built.services.videos.create({ tenantId: 'tn_a', title: 'Clip' })
  const attempt = (attempt: string, client = '203.0.113.7') =>
    built.services.playPasswords.check({ tenantId: 'tn_a', videoId: video.id, attempt, client })
  return { ...built, video, attempt }
}

describe('play passwords: several per video', () => {
  it('lets each audience in with its own password and says which one matched', async (t) => {
    const { services, video, attempt, clock } = await world(t)
    await services.playPasswords.set(video.id, 'for-all')
    const staff = await services.playPasswords.add(video.id, 'staff', 'for-staff')
    assert.deepEqual(staff, {
      videoId: video.id,
      label: 'staff',
      password: 'for-staff',
      createdAt: new Date(clock.now()),
      updatedAt: new Date(clock.now()),
    })
    assert.deepEqual(await attempt('for-staff'), { label: 'staff', updatedAt: clock.now() })
    assert.deepEqual(await attempt('for-all'), { label: 'default', updatedAt: clock.now() })
    assert.deepEqual(
      (await services.playPasswords.list(video.id)).map((p) => p.label),
      ['default', 'staff'],
    )
  })

  it('removes one password and keeps the others', async (t) => {
    const { services, video, attempt } = await world(t)
    await services.playPasswords.set(video.id, 'for-all')
    await services.playPasswords.add(video.id, 'staff', 'for-staff')
    assert.equal(await services.playPasswords.clear(video.id, 'staff'), true)
    await rejectsWith(attempt('for-staff'), 'PASSWORD_INCORRECT')
    assert.equal((await attempt('for-all'))?.label, 'default')
  })

  it('refuses a duplicate label, a bad label and a password too long or with control characters', async (t) => {
    const { services, video } = await world(t)
    await services.playPasswords.add(video.id, 'staff', 'x')
    await rejectsWith(services.playPasswords.add(video.id, 'staff', 'y'), 'CONFLICT')
    for (const label of ['', 'a b', 'x'.repeat(65), 'é']) {
      await rejectsWith(services.playPasswords.add(video.id, label, 'y'), 'INVALID_PARAMETER')
    }
    await rejectsWith(services.playPasswords.add(video.id, 'other', ''), 'MISSING_PARAMETER')
    for (const password of ['x'.repeat(129), 'a\u0000b', 'a\nb']) {
      await rejectsWith(services.playPasswords.set(video.id, password), 'INVALID_PARAMETER')
    }
    await services.playPasswords.set(video.id, '密'.repeat(128))
    await rejectsWith(services.playPasswords.add('0'.repeat(32), 'staff', 'x'), 'NOT_FOUND')
  })

  it('compares the attempt with every password through the port, without stopping early', async (t) => {
    const { services, deps, video, attempt } = await world(t)
    await services.playPasswords.set(video.id, 'one')
    await services.playPasswords.add(video.id, 'b', 'two')
    await services.playPasswords.add(video.id, 'c', 'three')
    let compares = 0
    const original = deps.crypto.timingSafeEqual.bind(deps.crypto)
    t.mock.method(deps.crypto, 'timingSafeEqual', (a: Uint8Array, b: Uint8Array) => {
      compares++
      return original(a, b)
    })
    await attempt('one')
    assert.equal(compares, 3)
  })
})

describe('play passwords: backoff', () => {
  it('blocks a client 1 s after the 5th wrong password, then 2 s, 4 s, and forgets after a success', async (t) => {
    const { services, video, attempt, clock } = await world(t, {
      PLAYGATE_LIMITS_PASSWORD_ATTEMPTS_PER_MINUTE: '1000',
    })
    await services.playPasswords.set(video.id, 'right')
    for (let i = 0; i < 4; i++) await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await assert.rejects(attempt('right'), {
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 1 },
    })
    // Another client is not blocked.
    assert.equal((await attempt('right', '198.51.100.9'))?.label, 'default')
    clock.advance(1000)
    await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await assert.rejects(attempt('right'), { details: { retryAfterSeconds: 2 } })
    clock.advance(2000)
    await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await assert.rejects(attempt('right'), { details: { retryAfterSeconds: 4 } })
    clock.advance(4000)
    assert.equal((await attempt('right'))?.label, 'default')
    // The count starts over after a success.
    await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    assert.equal((await attempt('right'))?.label, 'default')
  })

  it('caps the block at maxBackoffSeconds', async (t) => {
    const { services, video, attempt, clock } = await world(t, {
      PLAYGATE_LIMITS_PASSWORD_ATTEMPTS_PER_MINUTE: '1000',
      PLAYGATE_PASSWORDS_FAILURES_BEFORE_BACKOFF: '1',
      PLAYGATE_PASSWORDS_MAX_BACKOFF_SECONDS: '3',
    })
    await services.playPasswords.set(video.id, 'right')
    for (let i = 0; i < 4; i++) {
      await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
      clock.advance(10_000)
    }
    await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await assert.rejects(attempt('right'), { details: { retryAfterSeconds: 3 } })
  })

  it('refuses every client of a video past its failures per minute, until the minute ends', async (t) => {
    const { services, video, attempt, clock } = await world(t, {
      PLAYGATE_PASSWORDS_FAILURES_PER_VIDEO_PER_MINUTE: '3',
    })
    await services.playPasswords.set(video.id, 'right')
    clock.set('2026-01-01T00:00:20Z')
    for (const client of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
      await rejectsWith(attempt('wrong', client), 'PASSWORD_INCORRECT')
    await assert.rejects(attempt('right', '10.0.0.9'), {
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 40 },
    })
    const other = await services.videos.create({ tenantId: 'tn_a', title: 'Other' })
    await services.playPasswords.set(other.id, 'right')
    const ok = await services.playPasswords.check({
      tenantId: 'tn_a',
      videoId: other.id,
      attempt: 'right',
      client: '10.0.0.9',
    })
    assert.equal(ok?.label, 'default')
    clock.set('2026-01-01T00:01:00Z')
    assert.equal((await attempt('right', '10.0.0.9'))?.label, 'default')
  })

  it('audits every attempt with the client and outcome, never the password', async (t) => {
    const { services, video, attempt } = await world(t, {
      PLAYGATE_PASSWORDS_FAILURES_BEFORE_BACKOFF: '1',
    })
    await services.playPasswords.set(video.id, 'sup3r-secret')
    await rejectsWith(attempt('guess-1'), 'PASSWORD_INCORRECT')
    await rejectsWith(attempt('sup3r-secret'), 'RATE_LIMITED')
    const events = await services.audit.list({ kind: 'password.attempted' })
    // Same-millisecond events list in id order: compare them sorted.
    assert.deepEqual(events.items.map((e) => [e.reason, e.detail]).sort(), [
      ['PASSWORD_INCORRECT', { client: '203.0.113.7' }],
      ['RATE_LIMITED', { client: '203.0.113.7' }],
    ])
    assert.ok(!JSON.stringify(events).includes('secret'))
    assert.ok(!JSON.stringify(events).includes('guess'))
  })

  it('refuses a blocked client from memory and counts the refusals in one audit event', async (t) => {
    const { services, video, attempt, deps, clock } = await world(t, {
      PLAYGATE_PASSWORDS_FAILURES_BEFORE_BACKOFF: '1',
    })
    await services.playPasswords.set(video.id, 'sup3r-secret')
    await rejectsWith(attempt('guess-1'), 'PASSWORD_INCORRECT')
    const firstRefusal = clock.now()
    await rejectsWith(attempt('guess-2'), 'RATE_LIMITED')
    // The shared state is no longer asked while the refusal lasts: these cost no round trip.
    const reads = deps.state.get.bind(deps.state)
    let asked = 0
    deps.state.get = (key) => {
      asked++
      return reads(key)
    }
    clock.advance(100)
    for (let i = 0; i < 50; i++) await rejectsWith(attempt(`guess-${i}`), 'RATE_LIMITED')
    // Before the video is even loaded (the unlock flow's first step).
    assert.throws(
      () => services.playPasswords.refuseIfRemembered(video.id, '203.0.113.7'),
      (e: Error & { code?: string }) => e.code === 'RATE_LIMITED',
    )
    assert.equal(asked, 0)
    // Another client is not refused by it.
    services.playPasswords.refuseIfRemembered(video.id, '198.51.100.1')
    const events = await services.audit.list({ kind: 'password.attempted' })
    assert.deepEqual(
      events.items.map((e) => [e.reason, e.detail, e.at.getTime()]).sort(),
      [
        ['PASSWORD_INCORRECT', { client: '203.0.113.7' }, firstRefusal],
        ['RATE_LIMITED', { client: '203.0.113.7' }, firstRefusal],
        [
          'RATE_LIMITED',
          { client: '203.0.113.7', count: 51, lastAt: new Date(clock.now()).toISOString() },
          firstRefusal + 100,
        ],
      ].sort(),
    )
    assert.ok(!JSON.stringify(events).includes('guess'))
    // Once the block ends the shared state decides again.
    clock.advance(1000)
    await rejectsWith(attempt('guess-x'), 'PASSWORD_INCORRECT')
  })
})
