// Native API, /v1/play-auth-keys: Aliyun PlayAuth server-key rotation from the API (issue #7:
// it was reachable from tests only), ids and ages without key material, and retirement.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nativeApp } from './native-app.ts'

type Keys = { items: { id: string; createdAt: string; signing: boolean }[] }

describe('native API: PlayAuth server keys', () => {
  it('lists the first key, created on first use, as the signing one', async (t) => {
    const world = await nativeApp(t)
    const reply = await world.call('GET', '/v1/play-auth-keys')
    assert.equal(reply.status, 200, reply.text)
    assert.deepEqual(reply.body, {
      items: [{ id: 'k1', createdAt: '2026-01-01T00:00:00.000Z', signing: true }],
    })
  })

  it('rotates: the new key verifies at once and signs once every replica has loaded it', async (t) => {
    const world = await nativeApp(t)
    await world.call('GET', '/v1/play-auth-keys')
    const rotated = await world.call('POST', '/v1/play-auth-keys/rotate')
    assert.equal(rotated.status, 200, rotated.text)
    const { items } = rotated.body as Keys
    assert.equal(items.length, 2)
    assert.match(items[0]!.id, /^k[0-9a-f]{12}$/)
    assert.deepEqual(
      items.map((k) => k.signing),
      [false, true],
    )
    assert.ok(!rotated.text.includes('"key"'))
    const audit = await world.call('GET', '/v1/audit-events?kind=key.rotated')
    assert.equal(audit.status, 200, audit.text)
    assert.match(audit.text, /aliyun-play-auth/)
  })

  it('retires nothing while a PlayAuth could still carry the old key', async (t) => {
    const world = await nativeApp(t)
    await world.call('POST', '/v1/play-auth-keys/rotate')
    const retired = await world.call('POST', '/v1/play-auth-keys/retire')
    assert.equal(retired.status, 200, retired.text)
    assert.deepEqual(retired.body, { retired: [] })
  })
})
