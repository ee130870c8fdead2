// Native API, /v1/play-domains: domains and key rings. Keys are shown at creation, by GET …/keys
// and by rotation only; rotation makes a new primary and keeps the old primary as the backup.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp, NOW } from './native-app.ts'

const KEY_ID = /^k[0-9a-f]{8}$/
const GENERATED = /^[A-Za-z0-9]{32}$/

describe('native API: play domains', () => {
  it('creates a domain with a generated primary key, shown in the 201 body', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const reply = await call('POST', '/v1/play-domains', {
      tenantId,
      host: 'Video.Example.com:8443',
      scheme: 'aliyun-a',
    })
    assert.equal(reply.status, 201)
    const { primary } = reply.body.keys
    assert.match(reply.body.id, /^pd_[0-9a-f]{20}$/)
    assert.match(primary.id, KEY_ID)
    assert.match(primary.secret, GENERATED)
    assert.deepEqual(reply.body, {
      id: reply.body.id,
      tenantId,
      host: 'video.example.com',
      scheme: 'aliyun-a',
      authEnabled: true,
      ttlSeconds: 1800,
      allowedOrigins: ['*'],
      isDefault: false,
      createdAt: NOW,
      keys: { primary, backup: null, rotatedAt: null },
    })
  })

  it('creates a domain with chosen keys and settings; reads and lists leave keys out', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const created = await domain(tenantId, {
      host: 'live.example.com',
      scheme: 'tencent-live',
      ttlSeconds: 600,
      authEnabled: false,
      isDefault: true,
      allowedOrigins: ['https://app.example.com'],
      primaryKey: 'MainKey-0001',
      backupKey: 'BackKey-0002',
    })
    assert.equal(created.keys.primary.secret, 'MainKey-0001')
    assert.equal(created.keys.backup.secret, 'BackKey-0002')
    const { keys, ...settings } = created
    const read = await call('GET', `/v1/play-domains/${created.id}`)
    assert.deepEqual(read.body, settings)
    const list = await call('GET', `/v1/play-domains?tenantId=${tenantId}`)
    assert.deepEqual(list.body, { items: [settings], total: 1, page: 1, pageSize: 20 })
    for (const reply of [read, list]) assert.ok(!reply.text.includes('MainKey-0001'))
    const ring = await call('GET', `/v1/play-domains/${created.id}/keys`)
    assert.deepEqual(ring.body, keys)
  })

  it('rotates: a new primary, the old primary becomes the backup and both verify', async (t) => {
    const { call, tenant, domain, clock, services } = await nativeApp(t)
    const created = await domain((await tenant()).id, { primaryKey: 'First-Key-1' })
    clock.advance(3_600_000)
    const reply = await call('POST', `/v1/play-domains/${created.id}/rotate`, {})
    assert.equal(reply.status, 200)
    assert.match(reply.body.primary.id, KEY_ID)
    assert.match(reply.body.primary.secret, GENERATED)
    assert.notEqual(reply.body.primary.id, created.keys.primary.id)
    assert.deepEqual(reply.body, {
      primary: reply.body.primary,
      backup: { id: created.keys.primary.id, secret: 'First-Key-1' },
      rotatedAt: '2026-01-01T01:00:00.000Z',
    })
    assert.deepEqual((await call('GET', `/v1/play-domains/${created.id}/keys`)).body, reply.body)
    // What the edge verifies with: primary first, then the backup.
    const ring = (await services.playDomains.getWithKeys(created.id)).keys
    assert.deepEqual(
      [ring.primary.secret, ring.backup?.secret],
      [reply.body.primary.secret, 'First-Key-1'],
    )
  })

  it('rotates to a chosen key, and again: the backup is always the previous primary', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const created = await domain((await tenant()).id, { primaryKey: 'Key-A-0001' })
    const url = `/v1/play-domains/${created.id}/rotate`
    const second = await call('POST', url, { primaryKey: 'Key-B-0002' })
    assert.deepEqual(
      [second.body.primary.secret, second.body.backup.secret],
      ['Key-B-0002', 'Key-A-0001'],
    )
    const third = await call('POST', url, { primaryKey: 'Key-C-0003' })
    assert.deepEqual(third.body.backup, second.body.primary)
    assert.equal(third.body.primary.secret, 'Key-C-0003')
  })

  it('rotates without a body, also when a JSON content type is sent', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const created = await domain((await tenant()).id)
    const url = `/v1/play-domains/${created.id}/rotate`
    assert.equal((await call('POST', url)).status, 200)
    const typed = await call('POST', url, '', { 'content-type': 'application/json' })
    assert.equal(typed.status, 200)
  })

  it('records each rotation in the audit trail', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const created = await domain(tenantId)
    const rotated = (await call('POST', `/v1/play-domains/${created.id}/rotate`, {})).body
    const events = await call('GET', '/v1/audit-events?kind=key.rotated')
    assert.deepEqual(
      events.body.items.map((e: Record<string, unknown>) => [e.tenantId, e.subject, e.detail]),
      [
        [
          tenantId,
          'video.example.com',
          { primaryKeyId: rotated.primary.id, backupKeyId: created.keys.primary.id },
        ],
      ],
    )
  })

  it('refuses to rotate to the current primary with 400 (primaryKey)', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const created = await domain((await tenant()).id, { primaryKey: 'Same-Key-01' })
    const reply = await call('POST', `/v1/play-domains/${created.id}/rotate`, {
      primaryKey: 'Same-Key-01',
    })
    assertError(reply, 400, 'INVALID_PARAMETER', 'primaryKey')
  })

  it('updates settings and keys; backupKey null drops the backup', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const created = await domain((await tenant()).id, { backupKey: 'Old-Backup-1' })
    const { keys: _keys, ...settings } = created
    const reply = await call('PATCH', `/v1/play-domains/${created.id}`, {
      ttlSeconds: 120,
      authEnabled: false,
      allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
      scheme: 'aliyun-b',
      backupKey: null,
    })
    assert.equal(reply.status, 200)
    assert.deepEqual(reply.body, {
      ...settings,
      ttlSeconds: 120,
      authEnabled: false,
      allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
      scheme: 'aliyun-b',
    })
    const ring = await call('GET', `/v1/play-domains/${created.id}/keys`)
    assert.deepEqual(ring.body, { ...created.keys, backup: null })
  })

  it('deletes a domain with 204; it is gone afterwards', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const created = await domain((await tenant()).id)
    const reply = await call('DELETE', `/v1/play-domains/${created.id}`)
    assert.equal(reply.status, 204)
    assert.equal(reply.text, '')
    assertNotFound(
      await call('GET', `/v1/play-domains/${created.id}`),
      `play domain "${created.id}" not found`,
    )
  })

  it('answers 404 for an unknown domain on every route, and for an unknown tenant', async (t) => {
    const { call } = await nativeApp(t)
    const url = '/v1/play-domains/pd_missing'
    const unknown = 'play domain "pd_missing" not found'
    assertNotFound(await call('GET', url), unknown)
    assertNotFound(await call('GET', `${url}/keys`), unknown)
    assertNotFound(await call('POST', `${url}/rotate`, {}), unknown)
    assertNotFound(await call('PATCH', url, { ttlSeconds: 60 }), unknown)
    assertNotFound(await call('DELETE', url), unknown)
    const body = { tenantId: 'tn_missing', host: 'x.example.com', scheme: 'native' }
    const reply = await call('POST', '/v1/play-domains', body)
    assert.deepEqual(
      { status: reply.status, body: reply.body },
      {
        status: 404,
        body: {
          error: {
            code: 'NOT_FOUND',
            message: 'tenant "tn_missing" not found',
            requestId: reply.requestId,
            parameter: 'tenantId',
          },
        },
      },
    )
  })

  it('answers 409 for a host that is taken, in any case or with a port', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    await domain(tenantId)
    const again = await call('POST', '/v1/play-domains', {
      tenantId,
      host: 'VIDEO.example.com:443',
      scheme: 'native',
    })
    assertError(again, 409, 'CONFLICT', undefined, 'play domain video.example.com already exists')
  })

  it('answers 400 naming the field for malformed input', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const base = { tenantId, host: 'v.example.com', scheme: 'aliyun-a' }
    assertError(
      await call('POST', '/v1/play-domains', { tenantId, host: 'v.example.com' }),
      400,
      'MISSING_PARAMETER',
      'scheme',
    )
    const cases: [Record<string, unknown>, string][] = [
      [{ scheme: 'aliyun-z' }, 'scheme'],
      [{ host: 'bad host' }, 'host'],
      [{ host: 'https://v.example.com' }, 'host'],
      [{ host: 'v.example.com/path' }, 'host'],
      [{ ttlSeconds: 0 }, 'ttlSeconds'],
      [{ ttlSeconds: 1.5 }, 'ttlSeconds'],
      [{ ttlSeconds: '60' }, 'ttlSeconds'],
      [{ allowedOrigins: [] }, 'allowedOrigins'],
      [{ primaryKey: 'short' }, 'primaryKey'],
      [{ primaryKey: 'has a space' }, 'primaryKey'],
      [{ keys: { primary: 'x' } }, 'keys'],
    ]
    for (const [body, parameter] of cases)
      assertError(
        await call('POST', '/v1/play-domains', { ...base, ...body }),
        400,
        'INVALID_PARAMETER',
        parameter,
      )
    const created = (await call('POST', '/v1/play-domains', base)).body
    assertError(
      await call('PATCH', `/v1/play-domains/${created.id}`, { host: 'other.example.com' }),
      400,
      'INVALID_PARAMETER',
      'host',
    )
    assertError(
      await call('POST', `/v1/play-domains/${created.id}/rotate`, { backupKey: 'Backup-0001' }),
      400,
      'INVALID_PARAMETER',
      'backupKey',
    )
  })
})
