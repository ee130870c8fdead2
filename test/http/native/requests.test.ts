// Native API, every route: the admin bearer token, public docs, and malformed requests (JSON,
// content types, sizes, URLs) answered as 4xx in the native shape, never a 500.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TEST_ADMIN_TOKEN } from '../../helpers/build-app.ts'
import { assertError, nativeApp } from './native-app.ts'

const NO_TOKEN =
  'No admin token: send "Authorization: Bearer <token>". The first token is in <data.dir>/admin-token; `playgate admin-token create` makes another.'
const NOT_BEARER =
  'The Authorization header must be "Bearer <token>" with an admin token (no other scheme).'
const NOT_OBJECT =
  'The request body must be a JSON object sent with Content-Type: application/json.'
const OTHER_TYPE =
  'The request body has a Content-Type this API does not read; send JSON with Content-Type: application/json.'
const WRONG_TOKEN =
  'The admin token is not recognised: check it was copied whole, or make a new one with `playgate admin-token create`.'

describe('native API: authentication', () => {
  it('answers 401 UNAUTHENTICATED with a Bearer challenge when no token is sent', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('GET', '/v1/tenants', undefined, { authorization: '' })
    assertError(reply, 401, 'UNAUTHENTICATED', undefined, NO_TOKEN)
    assert.equal(reply.headers['www-authenticate'], 'Bearer')
  })

  it('answers 401 UNAUTHENTICATED naming the Bearer scheme for another scheme or a bare token', async (t) => {
    const { call } = await nativeApp(t)
    for (const authorization of [
      `Basic ${Buffer.from(`admin:${TEST_ADMIN_TOKEN}`).toString('base64')}`,
      TEST_ADMIN_TOKEN,
      'Bearer',
    ]) {
      const reply = await call('GET', '/v1/tenants', undefined, { authorization })
      assertError(reply, 401, 'UNAUTHENTICATED', undefined, NOT_BEARER)
    }
  })

  // Regression #12: a wrong token and a missing one used to get the same code and message.
  it('answers 401 TOKEN_INVALID, distinct from a missing token, for a wrong one', async (t) => {
    const { call } = await nativeApp(t)
    for (const authorization of [
      'Bearer pgadm_wrong_0123456789abcdefghijklmnop',
      'Bearer short',
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      const reply = await call('GET', '/v1/tenants', undefined, { authorization })
      assertError(reply, 401, 'TOKEN_INVALID', undefined, WRONG_TOKEN)
      assert.equal(reply.headers['www-authenticate'], 'Bearer error="invalid_token"')
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
    assertError(reply, 401, 'UNAUTHENTICATED', undefined, NO_TOKEN)
  })

  // Regression #12: an unknown route looked exactly like an unknown video, and PUT was a 404.
  it('answers an unknown route with 404 UNSUPPORTED_OPERATION, never NOT_FOUND', async (t) => {
    const { call } = await nativeApp(t)
    for (const [method, path] of [
      ['GET', '/v1/secrets'],
      ['POST', '/v1/tenants/x/y/z'],
    ] as const)
      assertError(
        await call(method, path, method === 'GET' ? undefined : {}),
        404,
        'UNSUPPORTED_OPERATION',
        undefined,
        `No route for ${method} ${path}. The native API is under /v1; its routes are listed at /docs.`,
      )
  })

  // #12: a 404 for an unknown route logged no method or URL; expected 4xx logged full stacks.
  it('logs an unknown route and a refusal as one request line each, without a stack', async (t) => {
    const { call, logs } = await nativeApp(t, { env: { PLAYGATE_LOG_LEVEL: 'info' } })
    const unknown = await call('GET', '/v1/secrets?x=1')
    const missing = await call('GET', '/v1/tenants/tn_nobody')
    assert.deepEqual([unknown.status, missing.status], [404, 404])
    for (const [reply, route] of [
      [unknown, null],
      [missing, '/v1/tenants/:id'],
    ] as const) {
      const lines = logs
        .map((text) => JSON.parse(text) as Record<string, any>)
        .filter((line) => line.reqId === reply.requestId)
      assert.ok(!JSON.stringify(lines).includes('stack'), JSON.stringify(lines))
      // The refusal itself is logged at debug only, and so is the incoming line: at info, one
      // line per request, carrying everything.
      assert.deepEqual(
        lines.map((line) => line.msg),
        ['request completed'],
      )
      const line = lines[0]!
      assert.deepEqual(
        { level: line.level, req: line.req, route: line.route, res: line.res },
        {
          level: 30,
          req: {
            method: 'GET',
            url: reply === unknown ? '/v1/secrets?x=1' : '/v1/tenants/tn_nobody',
            host: 'localhost:80',
          },
          route,
          res: { statusCode: 404 },
        },
      )
      assert.equal(typeof line.responseTime, 'number')
    }
  })

  it('logs the incoming line too at debug, before the request completes', async (t) => {
    const { call, logs } = await nativeApp(t, { env: { PLAYGATE_LOG_LEVEL: 'debug' } })
    const reply = await call('GET', '/v1/tenants/tn_nobody')
    const lines = logs
      .map((text) => JSON.parse(text) as Record<string, any>)
      .filter((line) => line.reqId === reply.requestId && line.msg.startsWith('request'))
    const incoming = logs
      .map((text) => JSON.parse(text) as Record<string, any>)
      .find((line) => line.reqId === reply.requestId && line.msg === 'incoming request')
    assert.deepEqual(
      { level: incoming?.level, req: incoming?.req },
      { level: 20, req: { method: 'GET', url: '/v1/tenants/tn_nobody', host: 'localhost:80' } },
    )
    assert.deepEqual(
      lines.map((line) => [line.msg, line.level]),
      [['request completed', 30]],
    )
  })

  it('answers a method a path does not take with 405 and Allow', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('PUT', '/v1/tenants', {})
    assertError(
      reply,
      405,
      'UNSUPPORTED_OPERATION',
      undefined,
      'PUT is not allowed on /v1/tenants; allowed: GET, HEAD, POST.',
    )
    assert.equal(reply.headers.allow, 'GET, HEAD, POST')
    const one = await call('POST', '/v1/tenants/tn_x', {})
    assert.equal(one.status, 405)
    assert.match(String(one.headers.allow), /^(?:[A-Z]+, )*[A-Z]+$/)
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
    for (const [text, at] of [
      ['{oops', 1],
      ['{"name": "a",}', 13],
      ['{"name": "a"} trailing', 14],
      ['\u0000', undefined],
    ] as const)
      assertError(
        await call('POST', '/v1/tenants', text, { 'content-type': 'application/json' }),
        400,
        'INVALID_PARAMETER',
        'body',
        `The request body is not valid JSON${at === undefined ? '' : ` (at character ${at})`}; send one JSON object, e.g. {"name": "Acme"}.`,
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
      'The request body uses a reserved key (__proto__ or constructor.prototype); rename it.',
    )
  })

  it('answers a missing or empty body where one is required with 400 (body)', async (t) => {
    const { call } = await nativeApp(t)
    assertError(await call('POST', '/v1/tenants'), 400, 'INVALID_PARAMETER', 'body', NOT_OBJECT)
    assertError(
      await call('POST', '/v1/tenants', '', { 'content-type': 'application/json' }),
      400,
      'INVALID_PARAMETER',
      'body',
      NOT_OBJECT,
    )
  })

  it('answers other content types with 400 (body)', async (t) => {
    const { call } = await nativeApp(t)
    for (const [type, message] of [
      ['text/plain', NOT_OBJECT],
      ['application/xml', OTHER_TYPE],
      ['application/x-www-form-urlencoded', OTHER_TYPE],
    ] as const)
      assertError(
        await call('POST', '/v1/tenants', 'name=Acme', { 'content-type': type }),
        400,
        'INVALID_PARAMETER',
        'body',
        message,
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
