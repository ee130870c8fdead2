// Native API, every route: the admin bearer token, public docs, and malformed requests (JSON,
// content types, sizes, URLs) answered as 4xx in the native shape, never a 500.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TEST_ADMIN_TOKEN } from '../../helpers/build-app.ts'
import { assertError, nativeApp } from './native-app.ts'

describe('native API: authentication', () => {
  it('answers 401 UNAUTHENTICATED with a Bearer challenge when no token is sent', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('GET', '/v1/tenants', undefined, { authorization: '' })
    assertError(reply, 401, 'UNAUTHENTICATED')
    assert.equal(reply.headers['www-authenticate'], 'Bearer')
  })

  it('answers 401 UNAUTHENTICATED for a wrong token, another scheme or a bare token', async (t) => {
    const { call } = await nativeApp(t)
    for (const authorization of [
      'Bearer pgadm_wrong_0123456789abcdefghijklmnop',
      `Basic ${Buffer.from(`admin:${TEST_ADMIN_TOKEN}`).toString('base64')}`,
      TEST_ADMIN_TOKEN,
      'Bearer',
      'Bearer short',
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      const reply = await call('GET', '/v1/tenants', undefined, { authorization })
      assertError(reply, 401, 'UNAUTHENTICATED')
    }
  })

  it('accepts the scheme name in any case', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('GET', '/v1/tenants', undefined, {
      authorization: `bearer ${TEST_ADMIN_TOKEN}`,
    })
    assert.equal(reply.status, 200)
  })

  it('checks the token before the body: no token and bad JSON is 401, not 400', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('POST', '/v1/tenants', '{oops', {
      authorization: '',
      'content-type': 'application/json',
    })
    assertError(reply, 401, 'UNAUTHENTICATED')
  })

  it('answers unknown routes and methods with 404 NOT_FOUND in the native shape', async (t) => {
    const { call } = await nativeApp(t)
    assertError(await call('GET', '/v1/secrets'), 404, 'NOT_FOUND')
    assertError(await call('PUT', '/v1/tenants'), 404, 'NOT_FOUND')
    assertError(await call('POST', '/v1/tenants/x/y/z', {}), 404, 'NOT_FOUND')
  })

  it('serves /openapi.json and the /docs page without a token', async (t) => {
    const { app } = await nativeApp(t)
    const spec = await app.inject({ method: 'GET', url: '/openapi.json' })
    assert.equal(spec.statusCode, 200)
    assert.match(String(spec.headers['content-type']), /^application\/json/)
    const docs = await app.inject({ method: 'GET', url: '/docs' })
    assert.equal(docs.statusCode, 200)
    assert.match(String(docs.headers['content-type']), /^text\/html/)
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' })
    assert.equal(bundle.statusCode, 200)
  })
})

describe('native API: malformed requests', () => {
  it('answers bad JSON with 400 INVALID_PARAMETER (body)', async (t) => {
    const { call } = await nativeApp(t)
    for (const text of ['{oops', '{"name": "a",}', '{"name": "a"} trailing', '\u0000'])
      assertError(
        await call('POST', '/v1/tenants', text, { 'content-type': 'application/json' }),
        400,
        'INVALID_PARAMETER',
        'body',
      )
  })

  it('refuses prototype-poisoning JSON with 400', async (t) => {
    const { call } = await nativeApp(t)
    const text = '{"name": "a", "__proto__": {"admin": true}}'
    assertError(
      await call('POST', '/v1/tenants', text, { 'content-type': 'application/json' }),
      400,
      'INVALID_PARAMETER',
      'body',
    )
  })

  it('answers a missing or empty body where one is required with 400 (body)', async (t) => {
    const { call } = await nativeApp(t)
    assertError(await call('POST', '/v1/tenants'), 400, 'INVALID_PARAMETER', 'body')
    assertError(
      await call('POST', '/v1/tenants', '', { 'content-type': 'application/json' }),
      400,
      'INVALID_PARAMETER',
      'body',
    )
  })

  it('answers other content types with 400 (body)', async (t) => {
    const { call } = await nativeApp(t)
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])
      assertError(
        await call('POST', '/v1/tenants', 'name=Acme', { 'content-type': type }),
        400,
        'INVALID_PARAMETER',
        'body',
      )
  })

  it('answers a body over the configured limit with 413 PAYLOAD_TOO_LARGE', async (t) => {
    const { call } = await nativeApp(t, { env: { PLAYGATE_HTTP_BODY_LIMIT_BYTES: '1024' } })
    const reply = await call('POST', '/v1/tenants', { name: 'x'.repeat(2000) })
    assertError(reply, 413, 'PAYLOAD_TOO_LARGE')
  })

  it('ignores a JSON content type on a request without a body', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id } = await tenant()
    const reply = await call('DELETE', `/v1/tenants/${id}`, undefined, {
      'content-type': 'application/json',
    })
    assert.equal(reply.status, 204)
  })

  it('answers a URL with broken percent-escapes with 400 in the native shape', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('GET', '/v1/tenants/%ZZ')
    assertError(reply, 400, 'INVALID_PARAMETER')
  })

  it('answers path parameters that cannot be ids with 400 (id)', async (t) => {
    const { call } = await nativeApp(t)
    for (const id of ['a%20b', '%00', 'a%2Fb', '..'])
      assert.equal((await call('GET', `/v1/videos/${id}`)).status, id === '..' ? 404 : 400, id)
  })
})
