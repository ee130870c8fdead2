// The OpenAPI document at /openapi.json: valid JSON, every native route with its schemas and the
// bearer security scheme, and nothing that is not the native API.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nativeApp } from './native-app.ts'

/** The native API's routes; a route added to the plugin must be added here (and is documented). */
const ROUTES = [
  'POST /v1/tenants',
  'GET /v1/tenants',
  'GET /v1/tenants/{id}',
  'PATCH /v1/tenants/{id}',
  'DELETE /v1/tenants/{id}',
  'GET /v1/tenants/{id}/accounts',
  'PUT /v1/tenants/{id}/accounts',
  'POST /v1/tenants/{tenantId}/access-keys',
  'GET /v1/tenants/{tenantId}/access-keys',
  'GET /v1/tenants/{tenantId}/access-keys/{id}',
  'PATCH /v1/tenants/{tenantId}/access-keys/{id}',
  'DELETE /v1/tenants/{tenantId}/access-keys/{id}',
  'POST /v1/videos',
  'GET /v1/videos',
  'GET /v1/videos/{id}',
  'PATCH /v1/videos/{id}',
  'DELETE /v1/videos/{id}',
  'POST /v1/videos/{id}/streams',
  'GET /v1/videos/{id}/streams',
  'GET /v1/videos/{id}/streams/{streamId}',
  'DELETE /v1/videos/{id}/streams/{streamId}',
  'GET /v1/videos/{id}/aliases',
  'POST /v1/videos/{id}/aliases',
  'DELETE /v1/videos/{id}/aliases',
  'PUT /v1/videos/{id}/password',
  'GET /v1/videos/{id}/password',
  'DELETE /v1/videos/{id}/password',
  'GET /v1/videos/{id}/passwords',
  'POST /v1/videos/{id}/passwords',
  'PUT /v1/videos/{id}/passwords/{label}',
  'DELETE /v1/videos/{id}/passwords/{label}',
  'POST /v1/videos/{id}/unlock',
  'GET /v1/videos/{id}/play-urls',
  'POST /v1/play-domains',
  'GET /v1/play-domains',
  'GET /v1/play-domains/{id}',
  'PATCH /v1/play-domains/{id}',
  'DELETE /v1/play-domains/{id}',
  'GET /v1/play-domains/{id}/keys',
  'POST /v1/play-domains/{id}/rotate',
  'GET /v1/play-auth-keys',
  'POST /v1/play-auth-keys/rotate',
  'POST /v1/play-auth-keys/retire',
  'GET /v1/audit-events',
  'GET /v1/play-domains/{id}/viewer-policy',
  'PUT /v1/play-domains/{id}/viewer-policy',
  'DELETE /v1/play-domains/{id}/viewer-policy',
  'GET /v1/videos/{id}/viewer-policy',
  'PUT /v1/videos/{id}/viewer-policy',
  'DELETE /v1/videos/{id}/viewer-policy',
  'GET /v1/tenants/{tenantId}/revocations',
  'POST /v1/tenants/{tenantId}/revocations',
  'DELETE /v1/tenants/{tenantId}/revocations/{id}',
  'POST /v1/tenants/{tenantId}/credentials/identify',
  'GET /v1/tenants/{tenantId}/sessions',
  'DELETE /v1/tenants/{tenantId}/sessions/{id}',
  'POST /v1/live-streams',
  'GET /v1/live-streams',
  'GET /v1/live-streams/{id}',
  'PATCH /v1/live-streams/{id}',
  'DELETE /v1/live-streams/{id}',
  'GET /v1/live-streams/{id}/play-urls',
  'GET /v1/tenants/{tenantId}/dingtalk/org',
  'PUT /v1/tenants/{tenantId}/dingtalk/org',
  'DELETE /v1/tenants/{tenantId}/dingtalk/org',
  'POST /v1/tenants/{tenantId}/dingtalk/apps',
  'GET /v1/tenants/{tenantId}/dingtalk/apps',
  'GET /v1/tenants/{tenantId}/dingtalk/apps/{id}',
  'PATCH /v1/tenants/{tenantId}/dingtalk/apps/{id}',
  'DELETE /v1/tenants/{tenantId}/dingtalk/apps/{id}',
  'GET /v1/tenants/{tenantId}/dingtalk/users',
  'GET /v1/tenants/{tenantId}/dingtalk/users/{unionId}',
  'PUT /v1/tenants/{tenantId}/dingtalk/users/{unionId}',
  'DELETE /v1/tenants/{tenantId}/dingtalk/users/{unionId}',
  'POST /v1/tenants/{tenantId}/dingtalk/conferences',
  'GET /v1/tenants/{tenantId}/dingtalk/conferences',
  'GET /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
  'PATCH /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
  'DELETE /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
  'POST /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings',
  'GET /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings',
  'GET /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
  'PATCH /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
  'DELETE /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
  'GET /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
  'PUT /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
  'DELETE /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
]

type Operation = {
  operationId?: string
  summary?: string
  tags?: string[]
  requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown } }> }
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}

async function openapi(t: Parameters<typeof nativeApp>[0]) {
  const world = await nativeApp(t)
  const res = await world.app.inject({ method: 'GET', url: '/openapi.json' })
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /^application\/json/)
  const doc = JSON.parse(res.body) as {
    openapi: string
    info: { title: string; version: string }
    components: { securitySchemes: Record<string, unknown> }
    security: unknown
    paths: Record<string, Record<string, Operation>>
  }
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  )
  return { ...world, doc, operations }
}

describe('native API: OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with bearer security for every operation', async (t) => {
    const { doc } = await openapi(t)
    assert.equal(doc.openapi, '3.1.0')
    assert.equal(doc.info.title, 'PlayGate native API')
    assert.match(doc.info.version, /^\d+\.\d+\.\d+/)
    assert.deepEqual(doc.components.securitySchemes, {
      bearerAuth: { type: 'http', scheme: 'bearer' },
    })
    assert.deepEqual(doc.security, [{ bearerAuth: [] }])
    // The viewer's unlock is the one operation without the admin token.
    const unlock = doc.paths['/v1/videos/{id}/unlock']!.post as Operation & { security?: unknown }
    assert.deepEqual(unlock.security, [])
  })

  it('lists exactly the native routes, each of which is registered', async (t) => {
    const { app, operations } = await openapi(t)
    const expected = [...ROUTES, 'POST /v1/import']
    assert.deepEqual(operations.map((o) => o.key).sort(), [...expected].sort())
    for (const route of expected) {
      const [method, path] = route.split(' ') as ['GET', string]
      const url = path.replace(/\{(\w+)\}/g, ':$1')
      assert.ok(app.hasRoute({ method, url }), route)
    }
  })

  it('describes every operation: id, summary, tag, success and error responses', async (t) => {
    const { operations } = await openapi(t)
    const ids = operations.map(({ op }) => op.operationId)
    assert.equal(new Set(ids).size, ids.length)
    for (const { key, op } of operations) {
      assert.ok(op.operationId && op.summary && op.tags?.length, key)
      const statuses = Object.keys(op.responses)
      assert.ok(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${key} documents its success`,
      )
      const error = op.responses['4XX']?.content?.['application/json']?.schema as {
        properties: { error: { required: string[] } }
      }
      assert.deepEqual(error.properties.error.required, ['code', 'message', 'requestId'], key)
    }
  })

  it('documents request bodies as closed objects', async (t) => {
    const { operations } = await openapi(t)
    // The import document has its own format, owned by its route file.
    const withBody = operations.filter(({ key, op }) => op.requestBody && key !== 'POST /v1/import')
    assert.deepEqual(
      withBody.map((o) => o.key).sort(),
      [
        'PATCH /v1/live-streams/{id}',
        'PATCH /v1/play-domains/{id}',
        'PATCH /v1/tenants/{id}',
        'PATCH /v1/tenants/{tenantId}/access-keys/{id}',
        'PATCH /v1/videos/{id}',
        'POST /v1/live-streams',
        'POST /v1/play-domains',
        'POST /v1/play-domains/{id}/rotate',
        'POST /v1/tenants',
        'POST /v1/tenants/{tenantId}/access-keys',
        'POST /v1/tenants/{tenantId}/credentials/identify',
        'POST /v1/tenants/{tenantId}/revocations',
        'POST /v1/videos',
        'POST /v1/videos/{id}/aliases',
        'POST /v1/videos/{id}/passwords',
        'POST /v1/videos/{id}/streams',
        'POST /v1/videos/{id}/unlock',
        'PUT /v1/play-domains/{id}/viewer-policy',
        'PUT /v1/tenants/{id}/accounts',
        'PUT /v1/videos/{id}/password',
        'PUT /v1/videos/{id}/passwords/{label}',
        'PUT /v1/videos/{id}/viewer-policy',
        'PATCH /v1/tenants/{tenantId}/dingtalk/apps/{id}',
        'PATCH /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}',
        'PATCH /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings/{id}',
        'POST /v1/tenants/{tenantId}/dingtalk/apps',
        'POST /v1/tenants/{tenantId}/dingtalk/conferences',
        'POST /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/recordings',
        'PUT /v1/tenants/{tenantId}/dingtalk/org',
        'PUT /v1/tenants/{tenantId}/dingtalk/users/{unionId}',
        'PUT /v1/tenants/{tenantId}/dingtalk/conferences/{conferenceId}/transcript',
      ].sort(),
    )
    for (const { key, op } of withBody) {
      const schema = op.requestBody!.content['application/json']!.schema
      assert.equal(schema.additionalProperties, false, key)
    }
  })

  it('shows an access key secret only in the issue response schema', async (t) => {
    const { doc } = await openapi(t)
    const json = (path: string, method: string, status: string) =>
      JSON.stringify(
        doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema,
      )
    assert.match(json('/v1/tenants/{tenantId}/access-keys', 'post', '201'), /"secret"/)
    assert.doesNotMatch(json('/v1/tenants/{tenantId}/access-keys', 'get', '200'), /"secret"/)
    assert.doesNotMatch(json('/v1/tenants/{tenantId}/access-keys/{id}', 'get', '200'), /"secret"/)
    assert.match(json('/v1/tenants/{tenantId}/dingtalk/apps', 'post', '201'), /"appSecret"/)
    assert.doesNotMatch(json('/v1/tenants/{tenantId}/dingtalk/apps', 'get', '200'), /ecret"/)
    assert.doesNotMatch(json('/v1/tenants/{tenantId}/dingtalk/apps/{id}', 'get', '200'), /ecret"/)
  })
})
