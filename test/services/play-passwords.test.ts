// Play passwords use case: set (sealed), read back by the owner, cleared by an empty password,
// several per video by label, and checked for viewers: PASSWORD_INCORRECT when wrong,
// RATE_LIMITED past the attempts per video and client per minute, each checked attempt audited.
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

describe('play passwords service', () => {
  it('stores a password sealed and gives it back to the owner', async (t) => {
    const { services, deps, video } = await world(t)
    await services.playPasswords.set(video.id, 's3cret-口令')
    assert.equal(await services.playPasswords.get(video.id), 's3cret-口令')
    const raw = await deps.db.selectFrom('play_passwords').selectAll().execute()
    assert.equal(raw.length, 1)
    assert.ok(!JSON.stringify(raw).includes('s3cret'))
  })

  it('accepts the right password and records the attempt', async (t) => {
    const { services, video, attempt, clock } = await world(t)
    await services.playPasswords.set(video.id, 'right')
    await attempt('right')
    const events = await services.audit.list({ kind: 'password.attempted' })
    assert.deepEqual(events.items, [
      {
        id: events.items[0]?.id,
        tenantId: 'tn_a',
        kind: 'password.attempted',
        subject: video.id,
        reason: null,
        detail: { client: '203.0.113.7', label: 'default' },
        at: new Date(clock.now()),
      },
    ])
  })

  it('refuses a wrong password as PASSWORD_INCORRECT and records why', async (t) => {
    const { services, video, attempt } = await world(t)
    await services.playPasswords.set(video.id, 'right')
    for (const wrong of ['wrong', 'Right', 'right ', '']) {
      await rejectsWith(attempt(wrong), 'PASSWORD_INCORRECT')
    }
    const events = await services.audit.list({ kind: 'password.attempted' })
    assert.deepEqual(
      events.items.map((e) => e.reason),
      Array(4).fill('PASSWORD_INCORRECT'),
    )
  })

  it('lets anyone through when the video has no password', async (t) => {
    const { attempt } = await world(t)
    assert.equal(await attempt('anything'), null)
  })

  it('clears the password when an empty one is set', async (t) => {
    const { services, video, attempt } = await world(t)
    await services.playPasswords.set(video.id, 'right')
    await services.playPasswords.set(video.id, '')
    assert.equal(await services.playPasswords.get(video.id), undefined)
    await attempt('anything')
    assert.equal(await services.playPasswords.clear(video.id), false)
  })

  it('throttles a client after the configured attempts, even with the right password', async (t) => {
    const { services, video, attempt, clock } = await world(t, {
      PLAYGATE_LIMITS_PASSWORD_ATTEMPTS_PER_MINUTE: '3',
    })
    await services.playPasswords.set(video.id, 'right')
    clock.set('2026-01-01T00:00:15Z')
    await rejectsWith(attempt('a'), 'PASSWORD_INCORRECT')
    await rejectsWith(attempt('b'), 'PASSWORD_INCORRECT')
    await attempt('right')
    await assert.rejects(attempt('right'), {
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 45 },
    })
    // Another client, and the same client in the next minute, have their own budget.
    await attempt('right', '198.51.100.1')
    clock.set('2026-01-01T00:01:00Z')
    await attempt('right')
    // The throttled attempt is audited too.
    assert.equal((await services.audit.list({ kind: 'password.attempted' })).total, 6)
  })

  it('allows 10 attempts a minute by default', async (t) => {
    const { services, video, attempt } = await world(t, {
      PLAYGATE_PASSWORDS_FAILURES_BEFORE_BACKOFF: '100',
    })
    await services.playPasswords.set(video.id, 'right')
    for (let i = 0; i < 10; i++) await rejectsWith(attempt('wrong'), 'PASSWORD_INCORRECT')
    await rejectsWith(attempt('right'), 'RATE_LIMITED')
  })

  it('throttles per video: another video keeps its own budget', async (t) => {
    const { services, video, attempt } = await world(t, {
      PLAYGATE_LIMITS_PASSWORD_ATTEMPTS_PER_MINUTE: '1',
    })
    const other = await services.videos.create({ tenantId: 'tn_a', title: 'Other' })
    await services.playPasswords.set(video.id, 'right')
    await attempt('right')
    await rejectsWith(attempt('right'), 'RATE_LIMITED')
    await services.playPasswords.check({
      tenantId: 'tn_a',
      videoId: other.id,
      attempt: 'x',
      client: '203.0.113.7',
    })
  })
})
