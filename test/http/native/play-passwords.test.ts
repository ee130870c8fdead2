// Native API, /v1/videos/:id/password: the owner sets, reads and removes a video's play password;
// what is set is what viewers' attempts are checked against.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp } from './native-app.ts'

describe('native API: play passwords', () => {
  it('reads null for a video without a password', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const v = await video((await tenant()).id)
    const reply = await call('GET', `/v1/videos/${v.id}/password`)
    assert.equal(reply.status, 200)
    assert.deepEqual(reply.body, { videoId: v.id, password: null })
  })

  it('sets a password with 204, reads it back, and viewers are checked against it', async (t) => {
    const { call, tenant, video, services } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const v = await video(tenantId)
    const set = await call('PUT', `/v1/videos/${v.id}/password`, { password: 'open sesame 密码' })
    assert.equal(set.status, 204)
    assert.equal(set.text, '')
    const read = await call('GET', `/v1/videos/${v.id}/password`)
    assert.deepEqual(read.body, { videoId: v.id, password: 'open sesame 密码' })
    const attempt = (value: string) =>
      services.playPasswords.check({ tenantId, videoId: v.id, attempt: value, client: '192.0.2.1' })
    await attempt('open sesame 密码')
    await assert.rejects(attempt('open sesame'), { code: 'PASSWORD_INCORRECT' })
  })

  it('replaces a password', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const v = await video((await tenant()).id)
    await call('PUT', `/v1/videos/${v.id}/password`, { password: 'first' })
    await call('PUT', `/v1/videos/${v.id}/password`, { password: 'second' })
    const read = await call('GET', `/v1/videos/${v.id}/password`)
    assert.deepEqual(read.body, { videoId: v.id, password: 'second' })
  })

  it('removes a password with 204, and removing it again is still 204', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const v = await video((await tenant()).id)
    await call('PUT', `/v1/videos/${v.id}/password`, { password: 'secret' })
    assert.equal((await call('DELETE', `/v1/videos/${v.id}/password`)).status, 204)
    assert.equal((await call('DELETE', `/v1/videos/${v.id}/password`)).status, 204)
    const read = await call('GET', `/v1/videos/${v.id}/password`)
    assert.deepEqual(read.body, { videoId: v.id, password: null })
  })

  it('answers 404 for an unknown video on every password route', async (t) => {
    const { call } = await nativeApp(t)
    const url = '/v1/videos/ffffffffffffffffffffffffffffffff/password'
    const unknown = 'video "ffffffffffffffffffffffffffffffff" not found'
    assertNotFound(await call('PUT', url, { password: 'x' }), unknown)
    assertNotFound(await call('GET', url), unknown)
    assertNotFound(await call('DELETE', url), unknown)
  })

  it('answers 400 naming the field for a missing, empty, long or non-string password', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const v = await video((await tenant()).id)
    const url = `/v1/videos/${v.id}/password`
    assertError(await call('PUT', url, {}), 400, 'MISSING_PARAMETER', 'password')
    for (const password of ['', 'x'.repeat(129), 1234, null, 'a\u0000b'])
      assertError(await call('PUT', url, { password }), 400, 'INVALID_PARAMETER', 'password')
    assertError(
      await call('PUT', url, { password: 'ok', hint: 'x' }),
      400,
      'INVALID_PARAMETER',
      'hint',
    )
  })
})
