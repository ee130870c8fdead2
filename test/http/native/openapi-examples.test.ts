// Examples in the OpenAPI document (#12: the docs page's sample body was gibberish and failed).
// Every operation has an example request and response; each example request, sent to a real
// server seeded with the demo catalog, gets its documented status and the documented response.
// After an API change: PLAYGATE_UPDATE_EXAMPLES=1 node --import tsx --test <this file>.
import assert from 'node:assert/strict'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import type { Crypto } from '../../../src/core/ports.ts'
import { fixedClock } from '../../../src/core/ports.ts'
import {
  EXAMPLES_FILE,
  type ErrorExample,
  type OperationExample,
  type RecordedExamples,
} from '../../../src/http/native/openapi-examples.ts'
import { nodeCrypto } from '../../../src/platform/node/crypto.ts'
import { DEMO, seedDemo } from '../../../src/services/demo.ts'
import { buildTestApp, TEST_ADMIN_TOKEN } from '../../helpers/build-app.ts'
import { DEMO_MEDIA, nativeApp, NOW } from './native-app.ts'
import { EXAMPLE_STEPS, type ErrorCase, type ExampleStep } from './openapi-examples.steps.ts'

/** Node's crypto with reproducible random bytes: the same ids and keys on every recording. */
function reproducibleCrypto(): Crypto {
  let counter = 0
  return {
    ...nodeCrypto,
    randomBytes(length) {
      const out = new Uint8Array(length)
      for (let at = 0; at < length; at += 32) {
        const block = nodeCrypto.hash('sha256', `openapi examples ${counter++}`)
        out.set(block.subarray(0, Math.min(32, length - at)), at)
      }
      return out
    },
  }
}

type Vars = Map<string, string>

function fill<T>(value: T, vars: Vars): T {
  const text = JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const saved = vars.get(name)
    assert.ok(saved !== undefined, `{{${name}}} is used before a step saves it`)
    return JSON.stringify(saved).slice(1, -1)
  })
  return JSON.parse(text) as T
}

function pick(body: unknown, path: string): string {
  const value = path.split('.').reduce<any>((at, key) => at?.[key], body)
  assert.equal(typeof value, 'string', `no string at ${path} of ${JSON.stringify(body)}`)
  return value as string
}

function target(step: Pick<ExampleStep, 'path' | 'params' | 'query'>): string {
  const path = step.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(step.params![name]!),
  )
  const query = new URLSearchParams(step.query ?? {}).toString()
  return query ? `${path}?${query}` : path
}

/** The wrong requests every operation is documented with, then the step's own. */
function errorCases(step: ExampleStep): ErrorCase[] {
  const viewer = step.path.endsWith('/unlock')
  const cases: ErrorCase[] = []
  if (!viewer) {
    cases.push({ name: 'unauthenticated', summary: 'no admin token', status: 401, token: null })
    cases.push({
      name: 'wrongToken',
      summary: 'a token that is not an admin token',
      status: 401,
      token: 'pg_not-a-real-token',
    })
  }
  const unknown = step.notFound ?? Object.keys(step.params ?? {}).at(-1)
  if (unknown && step.method !== 'PUT')
    cases.push({
      name: 'notFound',
      summary: `no such ${unknown}`,
      status: 404,
      params: { ...step.params, [unknown]: 'no-such-id' },
    })
  if (step.body !== undefined)
    cases.push({
      name: 'malformedBody',
      summary: 'a body that is not JSON',
      status: 400,
      rawBody: '{"',
    })
  return [...cases, ...(step.errors ?? [])]
}

async function send(
  base: string,
  step: ExampleStep,
  wrong: ErrorCase | undefined,
): Promise<{ status: number; text: string }> {
  const request = { ...step, ...wrong }
  const viewer = step.path.endsWith('/unlock')
  const token = wrong?.token === undefined ? (viewer ? null : TEST_ADMIN_TOKEN) : wrong.token
  const body =
    wrong?.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body))
  const res = await fetch(base + target(request), {
    method: step.method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  })
  return { status: res.status, text: await res.text() }
}

async function record(t: TestContext): Promise<{ examples: RecordedExamples; wrong: string[] }> {
  const world = await buildTestApp(t, {
    overrides: { clock: fixedClock(NOW), crypto: reproducibleCrypto() },
  })
  cpSync(DEMO_MEDIA, join(world.dataDir, 'media/demo'), { recursive: true })
  assert.equal(await seedDemo(world.services), true)
  const base = await world.app.listen({ host: '127.0.0.1', port: 0 })
  const vars: Vars = new Map()
  const operations: OperationExample[] = []
  const wrong: string[] = []
  const check = (label: string, got: { status: number; text: string }, documented: number) => {
    if (got.status !== documented)
      wrong.push(`${label}: ${got.status} (documented ${documented}) ${got.text}`)
    return got.text === '' ? undefined : (JSON.parse(got.text) as unknown)
  }
  for (const raw of EXAMPLE_STEPS) {
    const step = fill(raw, vars)
    if (step.play) {
      // Play URLs start with the configured public URL; this server listens elsewhere.
      const url = new URL(step.play)
      const res = await fetch(`${base}${url.pathname}${url.search}`)
      await res.arrayBuffer()
      assert.equal(res.status, step.status, `playing ${step.play}`)
      continue
    }
    // The wrong requests first: each is refused, so the state the step finds is the same.
    const errors: ErrorExample[] = []
    for (const error of errorCases(step)) {
      const label = `${step.method} ${target(step)} (${error.name})`
      const response = check(label, await send(base, step, error), error.status)
      errors.push({ name: error.name, summary: error.summary, status: error.status, response })
    }
    const response = check(
      `${step.method} ${target(step)}`,
      await send(base, step, undefined),
      step.status,
    )
    for (const [name, path] of Object.entries(step.save ?? {})) vars.set(name, pick(response, path))
    operations.push({
      method: step.method,
      path: step.path,
      ...(step.params ? { params: step.params } : {}),
      ...(step.query ? { query: step.query } : {}),
      ...(step.body === undefined ? {} : { body: step.body }),
      status: step.status,
      ...(response === undefined ? {} : { response }),
      errors,
    })
  }
  // A dependency down: with the audit log unwritable no play URL is handed out (audit strict).
  await world.services.deps.db.schema.dropTable('audit_events').execute()
  const down = await send(
    base,
    { method: 'GET', path: '/v1/videos/{id}/play-urls', params: { id: DEMO.videoId }, status: 503 },
    undefined,
  )
  const serverError: ErrorExample = {
    name: 'unavailable',
    summary: 'a dependency is down (here the audit log cannot be written); retry later',
    status: 503,
    response: check('GET play-urls with the audit log down', down, 503),
  }
  return { examples: { operations, serverError }, wrong }
}

type Media = { example?: unknown; examples?: Record<string, { summary: string; value: unknown }> }
type Operation = {
  parameters?: { in: string; name: string; example?: unknown }[]
  requestBody?: { content: Record<string, Media> }
  responses: Record<string, { content?: Record<string, Media> }>
}

describe('native API: OpenAPI examples', () => {
  it('gives every operation an example request and an example of each response', async (t) => {
    const { app } = await nativeApp(t)
    const doc = JSON.parse((await app.inject({ url: '/openapi.json' })).body) as {
      paths: Record<string, Record<string, Operation>>
    }
    const missing: string[] = []
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const key = `${method.toUpperCase()} ${path}`
        for (const p of op.parameters ?? [])
          if (p.in === 'path' && p.example === undefined) missing.push(`${key}: ${p.name}`)
        const body = op.requestBody?.content['application/json']
        if (key === 'POST /v1/import' ? !body : op.requestBody && body?.example === undefined)
          missing.push(`${key}: request body`)
        // One success with an example (200 or 201 where a PUT creates or replaces), or a 204.
        const successes = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s))
        const shown = successes.some(
          (s) =>
            s === '204' || op.responses[s]?.content?.['application/json']?.example !== undefined,
        )
        if (!shown) missing.push(`${key}: ${successes.join('/')} response`)
        // Errors: what the server answered each wrong request (4XX) and a dependency down (5XX).
        for (const range of ['4XX', '5XX']) {
          const examples = op.responses[range]?.content?.['application/json']?.examples ?? {}
          if (Object.keys(examples).length === 0) missing.push(`${key}: ${range} response`)
        }
        const errors = Object.keys(
          op.responses['4XX']?.content?.['application/json']?.examples ?? {},
        )
        if (key !== 'POST /v1/videos/{id}/unlock' && !errors.includes('unauthenticated'))
          missing.push(`${key}: 401 without a token`)
      }
    assert.deepEqual(missing, [])
    // The docs page loads its own copy of the document: the same, examples included.
    const page = JSON.parse((await app.inject({ url: '/docs/json' })).body) as typeof doc
    assert.deepEqual(page.paths, doc.paths)
    // One example for each documented operation, none for an operation that is not there.
    const examples = JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as RecordedExamples
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    )
    assert.deepEqual(
      examples.operations.map((e) => `${e.method} ${e.path}`).sort(),
      operations.sort(),
    )
  })

  it('gets the documented status and response for each example request on a real server', async (t) => {
    const { examples, wrong } = await record(t)
    assert.deepEqual(wrong, [])
    const file = EXAMPLES_FILE
    if (process.env.PLAYGATE_UPDATE_EXAMPLES === '1')
      writeFileSync(file, JSON.stringify(examples, null, 2) + '\n')
    const documented = JSON.parse(readFileSync(file, 'utf8')) as RecordedExamples
    assert.deepEqual(
      examples,
      documented,
      'docs/openapi-examples.json is out of date: run this test with PLAYGATE_UPDATE_EXAMPLES=1',
    )
  })
})
