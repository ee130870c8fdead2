// Live origin callbacks' decisions: play with the domain's ring (either key, AuthDelta, Enable=0
// open), publish with the push key (txTime = expiry), refusals for the unknown and the disabled,
// and the brief decision cache that a key change does not outlive.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signLive, signLivePush } from '../../src/core/schemes/tencent-live/sign.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { createServices } from '../../src/services/container.ts'
import { LIVE_DECISION_CACHE_MS, type LiveAuthInput } from '../../src/services/live-auth.ts'
import { DOMAIN_CACHE_MS } from '../../src/services/play-domains.ts'
import { buildTestServices } from '../helpers/services.ts'

const KEY = 'e12c46f2612d5106e2034781ab261ca3'
const BACKUP = 'backup-key'

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  const domain = await built.services.playDomains.create({
    tenantId: 'tn_a',
    host: 'live.example.com',
    scheme: 'tencent-live',
    ttlSeconds: 300,
    primaryKey: KEY,
    backupKey: BACKUP,
  })
  const stream = await built.services.liveStreams.create({
    tenantId: 'tn_a',
    playDomainId: domain.id,
    streamName: 'test',
    location: 'live/test.m3u8',
    pushKey: 'push-key',
  })
  const now = () => Math.floor(built.clock.now() / 1000)
  const playQuery = (secret = KEY, issuedAt = now()) =>
    signLive(
      { target: '/live/test', key: { id: 'k', secret }, now: issuedAt, ttlSeconds: 300 },
      nodeCrypto,
    ).split('?')[1]!
  const pushQuery = (expiresAt = now() + 60) =>
    signLivePush(
      { appName: 'live', streamName: 'test', pushKey: 'push-key', expiresAt },
      nodeCrypto,
    ).split('?')[1]!
  const ask = (input: Partial<LiveAuthInput>) =>
    built.services.liveAuth.authorize({
      host: 'live.example.com',
      appName: 'live',
      streamName: 'test',
      query: '',
      action: 'play',
      ...input,
    })
  return { ...built, domain, stream, playQuery, pushQuery, ask, now }
}

const codeOf = (v: { ok: boolean; code?: string }) => (v.ok ? 'ok' : v.code)

describe('live auth service', () => {
  it('allows a play signed with AuthKey or AuthBackKey and refuses a tampered one', async (t) => {
    const w = await world(t)
    assert.deepEqual(await w.ask({ query: w.playQuery() }), {
      ok: true,
      value: { streamId: w.stream.id, tenantId: 'tn_a' },
    })
    assert.equal(codeOf(await w.ask({ query: w.playQuery(BACKUP) })), 'ok')
    const tampered = w.playQuery().replace(/txSecret=./, 'txSecret=0')
    assert.equal(codeOf(await w.ask({ query: tampered })), 'SIGNATURE_MISMATCH')
    assert.equal(codeOf(await w.ask({ query: '' })), 'TOKEN_INVALID')
    assert.equal(codeOf(await w.ask({ query: 'txSecret=zz&txTime=zz' })), 'TOKEN_INVALID')
  })

  it('refuses a play once txTime + AuthDelta (+ skew) has passed', async (t) => {
    const w = await world(t)
    const skew = w.deps.config.edge.skewSeconds
    const query = w.playQuery(KEY, w.now() - 300 - skew)
    assert.equal(codeOf(await w.ask({ query })), 'ok')
    await w.services.liveAuth.forget()
    w.clock.advance(1000)
    assert.equal(codeOf(await w.ask({ query })), 'TOKEN_EXPIRED')
  })

  it('lets anyone play when Enable=0 but still wants the push key to publish', async (t) => {
    const w = await world(t)
    await w.services.playDomains.update(w.domain.id, { authEnabled: false })
    assert.equal(codeOf(await w.ask({ query: '' })), 'ok')
    assert.equal(codeOf(await w.ask({ query: '', action: 'publish' })), 'TOKEN_INVALID')
    assert.equal(codeOf(await w.ask({ query: w.pushQuery(), action: 'publish' })), 'ok')
  })

  it('publishes only with the push key, never with a play key, and not after txTime', async (t) => {
    const w = await world(t)
    assert.equal(
      codeOf(await w.ask({ query: w.playQuery(), action: 'publish' })),
      'SIGNATURE_MISMATCH',
    )
    assert.equal(
      codeOf(await w.ask({ query: w.pushQuery(), action: 'play' })),
      'SIGNATURE_MISMATCH',
    )
    const skew = w.deps.config.edge.skewSeconds
    assert.equal(
      codeOf(await w.ask({ query: w.pushQuery(w.now() - skew - 1), action: 'publish' })),
      'TOKEN_EXPIRED',
    )
    await w.services.liveStreams.update(w.stream.id, { pushKey: null })
    assert.equal(codeOf(await w.ask({ query: w.pushQuery(), action: 'publish' })), 'FORBIDDEN')
  })

  it('refuses unknown domains and streams as NOT_FOUND and a disabled stream as FORBIDDEN', async (t) => {
    const w = await world(t)
    assert.equal(
      codeOf(await w.ask({ host: 'other.example.com', query: w.playQuery() })),
      'NOT_FOUND',
    )
    assert.equal(codeOf(await w.ask({ streamName: 'nope', query: w.playQuery() })), 'NOT_FOUND')
    assert.equal(codeOf(await w.ask({ appName: 'other', query: w.playQuery() })), 'NOT_FOUND')
    await w.services.liveStreams.update(w.stream.id, { enabled: false })
    assert.equal(codeOf(await w.ask({ query: w.playQuery() })), 'FORBIDDEN')
  })

  it('keeps a decision briefly, but not across a key change', async (t) => {
    const w = await world(t)
    const query = w.playQuery(BACKUP)
    assert.equal(codeOf(await w.ask({ query })), 'ok')
    // The same URL again within the cache time: no new verification needed, same answer.
    w.clock.advance(LIVE_DECISION_CACHE_MS - 1)
    assert.equal(codeOf(await w.ask({ query })), 'ok')
    await w.services.playDomains.update(w.domain.id, { backupKey: null })
    assert.equal(codeOf(await w.ask({ query })), 'SIGNATURE_MISMATCH')
  })

  it('sees a ModifyLivePlayAuthKey made on another replica within 1 s', async (t) => {
    const w = await world(t)
    // Another replica: the same database, its own domain, stream and decision caches.
    const other = createServices(w.deps)
    const ask = (query: string) =>
      other.liveAuth.authorize({
        host: 'live.example.com',
        appName: 'live',
        streamName: 'test',
        query,
        action: 'play',
      })
    assert.equal(codeOf(await ask(w.playQuery())), 'ok')
    await w.services.livePlayAuth.modify('tn_a', 'live.example.com', {
      authKey: 'rotated-key',
      authBackKey: '',
    })
    assert.ok(DOMAIN_CACHE_MS <= 1000)
    w.clock.advance(DOMAIN_CACHE_MS)
    assert.equal(codeOf(await ask(w.playQuery('rotated-key'))), 'ok')
    assert.equal(codeOf(await ask(w.playQuery())), 'SIGNATURE_MISMATCH')
    assert.equal(codeOf(await ask(w.playQuery(BACKUP))), 'SIGNATURE_MISMATCH')
  })
})
