// The catalog beyond a video's own row: vendor aliases (resolved by the playback service), a
// video's own play domain (request → video → tenant default), and a tenant's vendor accounts
// (the Aliyun PlayAuth carries its CustomerId and region).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodePlayAuth } from '../../src/core/schemes/aliyun-play-auth/canonical.ts'
import { customerIdOf } from '../../src/services/aliyun-playback.ts'
import { ACCOUNTS_CACHE_MS } from '../../src/services/tenants.ts'
import { setVendorAccount } from '../../src/storage/repositories/vendor-accounts.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

const POLYV = '1b448be323b452641878b54f21241188_1'

async function world(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  const { services } = built
  await services.tenants.create({ id: 'tn_a', name: 'A' })
  await services.tenants.create({ id: 'tn_b', name: 'B' })
  await services.playDomains.create({
    tenantId: 'tn_a',
    host: 'main.a.test',
    scheme: 'aliyun-a',
    isDefault: true,
  })
  await services.playDomains.create({ tenantId: 'tn_a', host: 'own.a.test', scheme: 'aliyun-a' })
  await services.playDomains.create({ tenantId: 'tn_b', host: 'b.test', scheme: 'aliyun-a' })
  const video = await services.videos.create({ tenantId: 'tn_a', title: 'Clip' })
  await services.videos.addStream({ videoId: video.id, location: 'demo/mp4/demo.mp4' })
  return { ...built, video }
}

describe('catalog: vendor aliases', () => {
  it('gives a video aliases idempotently and resolves it by them for its tenant only', async (t) => {
    const { services, video } = await world(t)
    const first = await services.videos.addAlias(video.id, { vendor: 'polyv', alias: POLYV })
    assert.equal(first.created, true)
    const again = await services.videos.addAlias(video.id, { vendor: 'polyv', alias: POLYV })
    assert.deepEqual(again, { alias: first.alias, created: false })
    await services.videos.addAlias(video.id, { vendor: 'tencent', alias: 'live/room-1' })
    assert.deepEqual(
      (await services.videos.aliases(video.id)).map((a) => [a.vendor, a.alias]),
      [
        ['polyv', POLYV],
        ['tencent', 'live/room-1'],
      ],
    )
    const ref = { alias: { vendor: 'polyv', alias: POLYV } } as const
    assert.equal((await services.playback.resolveVideo('tn_a', ref)).id, video.id)
    await rejectsWith(services.playback.resolveVideo('tn_b', ref), 'NOT_FOUND')
    await rejectsWith(
      services.playback.resolveVideo('tn_a', { alias: { vendor: 'dingtalk', alias: POLYV } }),
      'NOT_FOUND',
    )
    // An id still wins over an alias.
    const other = await services.videos.create({ tenantId: 'tn_a', title: 'Other' })
    assert.equal(
      (await services.playback.resolveVideo('tn_a', { videoId: other.id, ...ref })).id,
      other.id,
    )
    await services.videos.removeAlias(video.id, { vendor: 'polyv', alias: POLYV })
    await rejectsWith(services.playback.resolveVideo('tn_a', ref), 'NOT_FOUND')
    await rejectsWith(
      services.videos.removeAlias(video.id, { vendor: 'polyv', alias: POLYV }),
      'NOT_FOUND',
    )
  })

  it('refuses an alias of the wrong shape, or one another video of the tenant has', async (t) => {
    const { services, video } = await world(t)
    for (const ref of [
      { vendor: 'polyv', alias: '1b448be323b452641878b54f21241188' },
      { vendor: 'polyv', alias: `${'A'.repeat(32)}_1` },
      { vendor: 'dingtalk', alias: 'has space' },
      { vendor: 'tencent', alias: 'a/b/c' },
    ] as const)
      await rejectsWith(services.videos.addAlias(video.id, ref), 'INVALID_PARAMETER')
    const other = await services.videos.create({ tenantId: 'tn_a', title: 'Other' })
    await services.videos.addAlias(video.id, { vendor: 'dingtalk', alias: 'faa1566c' })
    await rejectsWith(
      services.videos.addAlias(other.id, { vendor: 'dingtalk', alias: 'faa1566c' }),
      'CONFLICT',
    )
    // Another tenant may use the same vendor id for its own video.
    const theirs = await services.videos.create({ tenantId: 'tn_b', title: 'Theirs' })
    await services.videos.addAlias(theirs.id, { vendor: 'dingtalk', alias: 'faa1566c' })
  })
})

describe('catalog: a video’s own play domain', () => {
  it('plays on the request’s domain, else the video’s own, else the tenant default', async (t) => {
    const { services, video } = await world(t)
    const host = async (playDomain?: string) =>
      (await services.playback.play({ video: await services.videos.get(video.id), playDomain }))
        .domain.host
    assert.equal(await host(), 'main.a.test')
    await services.videos.update(video.id, { playDomain: 'OWN.a.test' })
    assert.equal((await services.videos.get(video.id)).playDomain, 'own.a.test')
    assert.equal(await host(), 'own.a.test')
    assert.equal(await host('main.a.test'), 'main.a.test')
    await services.videos.update(video.id, { playDomain: null })
    assert.equal(await host(), 'main.a.test')
  })

  it('refuses a play domain that is not the tenant’s', async (t) => {
    const { services, video } = await world(t)
    await rejectsWith(
      services.videos.update(video.id, { playDomain: 'b.test' }),
      'INVALID_PARAMETER',
    )
    await rejectsWith(
      services.videos.create({ tenantId: 'tn_a', title: 'x', playDomain: 'nowhere.test' }),
      'INVALID_PARAMETER',
    )
  })

  it('takes a creation time and a duration for a video without streams', async (t) => {
    const { services } = await world(t)
    const createdAt = new Date('2020-05-01T08:00:00Z')
    const video = await services.videos.create({
      tenantId: 'tn_a',
      title: 'Old',
      createdAt,
      duration: 42.5,
    })
    assert.deepEqual([video.createdAt, video.duration], [createdAt, 42.5])
    await rejectsWith(services.videos.update(video.id, { duration: -1 }), 'INVALID_PARAMETER')
  })

  it('mints an Aliyun PlayAuth for the video’s own domain', async (t) => {
    const { services, video } = await world(t)
    await services.videos.update(video.id, { playDomain: 'own.a.test' })
    const issued = await services.aliyunPlayback.issuePlayAuth({
      tenantId: 'tn_a',
      videoId: video.id,
    })
    assert.equal(decodePlayAuth(issued.playAuth)?.playDomain, 'own.a.test')
  })
})

describe('catalog: vendor accounts', () => {
  it('sets, replaces and forgets facts per vendor, checking each', async (t) => {
    const { services } = await world(t)
    assert.deepEqual(await services.tenants.accounts('tn_a'), {})
    await services.tenants.updateAccounts('tn_a', {
      aliyun: { customerId: 1234567890123456, region: 'cn-beijing' },
      tencent: { appId: 1250000000 },
    })
    assert.deepEqual(await services.tenants.updateAccounts('tn_a', { tencent: null }), {
      aliyun: { customerId: 1234567890123456, region: 'cn-beijing' },
    })
    await rejectsWith(services.tenants.accounts('tn_nope'), 'NOT_FOUND')
    await rejectsWith(
      services.tenants.updateAccounts('tn_a', { aliyun: { region: 'Shanghai' } }),
      'INVALID_PARAMETER',
    )
    await rejectsWith(
      services.tenants.updateAccounts('tn_a', { tencent: { appId: 1.5 } }),
      'INVALID_PARAMETER',
    )
  })

  it('puts the tenant’s CustomerId and region in its PlayAuths; the request’s region wins', async (t) => {
    const { services, deps, video } = await world(t)
    const mint = async (region?: string) =>
      decodePlayAuth(
        (
          await services.aliyunPlayback.issuePlayAuth({
            tenantId: 'tn_a',
            videoId: video.id,
            region,
          })
        ).playAuth,
      )!
    const before = await mint()
    assert.deepEqual(
      [before.customerId, before.region],
      [customerIdOf('tn_a', deps), 'cn-shanghai'],
    )
    await services.tenants.updateAccounts('tn_a', {
      aliyun: { customerId: 1234567890123456, region: 'cn-beijing' },
    })
    const after = await mint()
    assert.deepEqual([after.customerId, after.region], [1234567890123456, 'cn-beijing'])
    assert.equal((await mint('cn-hangzhou')).region, 'cn-hangzhou')
  })
})

describe('catalog: vendor accounts on the credential path', () => {
  it('reuses them for ACCOUNTS_CACHE_MS, but a change through the service applies at once', async (t) => {
    const { services, deps, clock } = await world(t)
    const { db } = deps
    const cached = () => services.tenants.accountsCached('tn_a')
    assert.deepEqual(await cached(), {})
    await services.tenants.updateAccounts('tn_a', {
      aliyun: { customerId: 7, region: 'cn-beijing' },
    })
    assert.deepEqual(await cached(), { aliyun: { customerId: 7, region: 'cn-beijing' } })
    // A write elsewhere (another replica, the CLI) is seen once the cache time has passed.
    await setVendorAccount(db, 'tn_a', 'aliyun', { accountId: 8, region: 'cn-beijing' }, new Date())
    assert.deepEqual(await cached(), { aliyun: { customerId: 7, region: 'cn-beijing' } })
    clock.advance(ACCOUNTS_CACHE_MS)
    assert.deepEqual(await cached(), { aliyun: { customerId: 8, region: 'cn-beijing' } })
    await services.tenants.remove('tn_a')
    await rejectsWith(cached(), 'NOT_FOUND')
  })
})
