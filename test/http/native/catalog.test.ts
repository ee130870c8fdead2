// /v1/videos/:id/aliases, a video's playDomain and createdAt, /v1/tenants/:id/accounts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp, NOW } from './native-app.ts'

const POLYV = '1b448be323b452641878b54f21241188_1'

describe('native API: vendor aliases of a video', () => {
  it('adds (201, then 200), lists and removes aliases; the query names one with a slash', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const { id } = await video(tenantId)
    const add = (body: unknown) => call('POST', `/v1/videos/${id}/aliases`, body)
    const first = await add({ vendor: 'polyv', alias: POLYV })
    assert.deepEqual(
      { status: first.status, body: first.body },
      {
        status: 201,
        body: { tenantId, videoId: id, vendor: 'polyv', alias: POLYV, createdAt: NOW },
      },
    )
    assert.deepEqual((await add({ vendor: 'polyv', alias: POLYV })).status, 200)
    assert.equal((await add({ vendor: 'tencent', alias: 'live/room-1' })).status, 201)
    const list = await call('GET', `/v1/videos/${id}/aliases`)
    assert.deepEqual(
      list.body.items.map((a: { vendor: string; alias: string }) => `${a.vendor}:${a.alias}`),
      [`polyv:${POLYV}`, 'tencent:live/room-1'],
    )
    const removed = await call(
      'DELETE',
      `/v1/videos/${id}/aliases?vendor=tencent&alias=live%2Froom-1`,
    )
    assert.equal(removed.status, 204)
    assertNotFound(
      await call('DELETE', `/v1/videos/${id}/aliases?vendor=tencent&alias=live%2Froom-1`),
      `video "${id}" has no tencent alias "live/room-1"`,
    )
    assert.equal((await call('GET', `/v1/videos/${id}/aliases`)).body.items.length, 1)
  })

  it('answers 400 for a malformed alias, 409 for one another video has, 404 for no video', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const { id } = await video(tenantId)
    const other = await video(tenantId, { title: 'Other' })
    assertError(
      await call('POST', `/v1/videos/${id}/aliases`, { vendor: 'polyv', alias: 'nope' }),
      400,
      'INVALID_PARAMETER',
      'alias',
    )
    assertError(
      await call('POST', `/v1/videos/${id}/aliases`, { vendor: 'youtube', alias: 'x' }),
      400,
      'INVALID_PARAMETER',
      'vendor',
    )
    await call('POST', `/v1/videos/${id}/aliases`, { vendor: 'dingtalk', alias: 'm1' })
    assertError(
      await call('POST', `/v1/videos/${other.id}/aliases`, { vendor: 'dingtalk', alias: 'm1' }),
      409,
      'CONFLICT',
      'alias',
    )
    assertNotFound(
      await call('GET', `/v1/videos/${'f'.repeat(32)}/aliases`),
      `video "${'f'.repeat(32)}" not found`,
    )
  })
})

describe('native API: a video’s own play domain and creation time', () => {
  it('creates and changes a video with them; a domain of another tenant is a 400', async (t) => {
    const { call, tenant, video, domain } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const { id: otherTenant } = await tenant({ name: 'Other' })
    await domain(tenantId, { host: 'own.example.com' })
    await domain(otherTenant, { host: 'theirs.example.com' })
    const created = await video(tenantId, {
      playDomain: 'own.example.com',
      createdAt: '2020-05-01T08:00:00.000Z',
      duration: 12.5,
    })
    assert.deepEqual(
      [created.playDomain, created.createdAt, created.duration],
      ['own.example.com', '2020-05-01T08:00:00.000Z', 12.5],
    )
    const cleared = await call('PATCH', `/v1/videos/${created.id}`, { playDomain: null })
    assert.equal(cleared.body.playDomain, null)
    assertError(
      await call('PATCH', `/v1/videos/${created.id}`, { playDomain: 'theirs.example.com' }),
      400,
      'INVALID_PARAMETER',
      'playDomain',
    )
  })
})

describe('native API: a tenant’s vendor accounts', () => {
  it('replaces them with PUT and reads them back', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    assert.deepEqual((await call('GET', `/v1/tenants/${id}/accounts`)).body, {})
    const accounts = {
      aliyun: { customerId: 1234567890123456, region: 'cn-beijing' },
      tencent: { appId: 1250000000 },
    }
    const put = await call('PUT', `/v1/tenants/${id}/accounts`, accounts)
    assert.deepEqual({ status: put.status, body: put.body }, { status: 200, body: accounts })
    const again = await call('PUT', `/v1/tenants/${id}/accounts`, { tencent: { appId: 1 } })
    assert.deepEqual(again.body, { tencent: { appId: 1 } })
    assert.deepEqual((await call('GET', `/v1/tenants/${id}/accounts`)).body, again.body)
    assertError(
      await call('PUT', `/v1/tenants/${id}/accounts`, { aliyun: { region: 'Shanghai' } }),
      400,
      'INVALID_PARAMETER',
      'aliyun.region',
    )
    assertNotFound(await call('GET', '/v1/tenants/tn_nope/accounts'), 'tenant "tn_nope" not found')
  })
})
