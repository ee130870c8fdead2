// Tencent play-auth keys over play domains: Describe (disabled = empty keys and zeros), Modify
// (absent fields unchanged, '' clears the backup, bad values refused), tenant scoping, and the
// edge seeing a key change at once on this replica.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  await built.services.tenants.create({ id: 'tn_b', name: 'B' })
  const domain = await built.services.playDomains.create({
    tenantId: 'tn_a',
    host: 'play.example.com',
    scheme: 'tencent-live',
    ttlSeconds: 300,
    primaryKey: 'AKID0QJ82oYdLJ',
    backupKey: 'lbPUl5VIKKFB1KazNB',
  })
  return { ...built, domain, auth: built.services.livePlayAuth }
}

describe('live play-auth service', () => {
  it('describes a domain as Tencent does, by any case of its name', async (t) => {
    const { auth } = await world(t)
    const expected = {
      domainName: 'play.example.com',
      enabled: true,
      authKey: 'AKID0QJ82oYdLJ',
      authBackKey: 'lbPUl5VIKKFB1KazNB',
      authDelta: 300,
    }
    assert.deepEqual(await auth.describe('tn_a', 'play.example.com'), expected)
    assert.deepEqual(await auth.describe('tn_a', 'Play.Example.COM'), expected)
  })

  it("answers another tenant's domain and an unknown one alike: NOT_FOUND", async (t) => {
    const { auth } = await world(t)
    await rejectsWith(auth.describe('tn_b', 'play.example.com'), 'NOT_FOUND')
    await rejectsWith(auth.describe('tn_a', 'nope.example.com'), 'NOT_FOUND')
    await rejectsWith(auth.describe('tn_a', ''), 'NOT_FOUND')
    await rejectsWith(auth.modify('tn_b', 'play.example.com', { authKey: 'x' }), 'NOT_FOUND')
  })

  it('reports a disabled domain with empty keys and zeros, and keeps its keys', async (t) => {
    const { auth } = await world(t)
    assert.deepEqual(await auth.modify('tn_a', 'play.example.com', { enabled: false }), {
      domainName: 'play.example.com',
      enabled: false,
      authKey: '',
      authBackKey: '',
      authDelta: 0,
    })
    const back = await auth.modify('tn_a', 'play.example.com', { enabled: true })
    assert.deepEqual(
      [back.authKey, back.authBackKey, back.authDelta],
      ['AKID0QJ82oYdLJ', 'lbPUl5VIKKFB1KazNB', 300],
    )
  })

  it('changes only the fields given; an empty AuthBackKey removes the backup', async (t) => {
    const { auth } = await world(t)
    const info = await auth.modify('tn_a', 'play.example.com', { authDelta: 0 })
    assert.deepEqual(
      [info.authKey, info.authBackKey, info.authDelta],
      ['AKID0QJ82oYdLJ', 'lbPUl5VIKKFB1KazNB', 0],
    )
    const swapped = await auth.modify('tn_a', 'play.example.com', {
      authKey: 'newkey',
      authBackKey: '',
    })
    assert.deepEqual([swapped.authKey, swapped.authBackKey, swapped.authDelta], ['newkey', '', 0])
  })

  const bad: readonly [string, object][] = [
    ['AuthKey', { authKey: '' }],
    ['AuthKey', { authKey: 'has space' }],
    ['AuthBackKey', { authBackKey: 'x'.repeat(257) }],
    ['AuthDelta', { authDelta: -1 }],
    ['AuthDelta', { authDelta: 1.5 }],
    ['AuthDelta', { authDelta: 31_536_001 }],
  ]
  for (const [parameter, changes] of bad) {
    it(`refuses ${JSON.stringify(changes)} as INVALID_PARAMETER naming ${parameter}`, async (t) => {
      const { auth } = await world(t)
      await assert.rejects(auth.modify('tn_a', 'play.example.com', changes), (e: unknown) => {
        const error = e as { code: string; details: { parameter?: string } }
        assert.deepEqual([error.code, error.details.parameter], ['INVALID_PARAMETER', parameter])
        return true
      })
    })
  }

  it('makes the edge of this replica see a key change at once', async (t) => {
    const { auth, services } = await world(t)
    assert.equal(
      (await services.playDomains.resolveHost('play.example.com'))?.keys.primary.secret,
      'AKID0QJ82oYdLJ',
    )
    await auth.modify('tn_a', 'play.example.com', { authKey: 'rotated' })
    assert.equal(
      (await services.playDomains.resolveHost('play.example.com'))?.keys.primary.secret,
      'rotated',
    )
  })

  it('lists the tenant domains a page at a time', async (t) => {
    const { auth, services } = await world(t)
    await services.playDomains.create({
      tenantId: 'tn_a',
      host: 'b.example.com',
      scheme: 'tencent-live',
    })
    await services.playDomains.create({
      tenantId: 'tn_b',
      host: 'c.example.com',
      scheme: 'tencent-live',
    })
    const page = await auth.list('tn_a', 1, 10)
    assert.deepEqual(
      [page.total, page.items.map((d) => d.host).sort()],
      [2, ['b.example.com', 'play.example.com']],
    )
  })
})
