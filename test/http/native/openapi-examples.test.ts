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
import { EXAMPLES_FILE, type OperationExample } from '../../../src/http/native/openapi-examples.ts'
import { nodeCrypto } from '../../../src/platform/node/crypto.ts'
import { seedDemo } from '../../../src/services/demo.ts'
import { buildTestApp, TEST_ADMIN_TOKEN } from '../../helpers/build-app.ts'
import { DEMO_MEDIA, nativeApp, NOW } from './native-app.ts'
import { EXAMPLE_STEPS, type ExampleStep } from './openapi-examples.steps.ts'

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

function target(step: ExampleStep): string {
  const path = step.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(step.params![name]!),
  )
  const query = new URLSearchParams(step.query ?? {}).toString()
  return query ? `${path}?${query}` : path
}

async function record(t: TestContext): Promise<{ examples: OperationExample[]; wrong: string[] }> {
  const world = await buildTestApp(t, {
    overrides: { clock: fixedClock(NOW), crypto: reproducibleCrypto() },
  })
  cpSync(DEMO_MEDIA, join(world.dataDir, 'media/demo'), { recursive: true })
  assert.equal(await seedDemo(world.services), true)
  const base = await world.app.listen({ host: '127.0.0.1', port: 0 })
  const vars: Vars = new Map()
  const examples: OperationExample[] = []
  const wrong: string[] = []
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
    const viewer = step.path.endsWith('/unlock')
    const res = await fetch(base + target(step), {
      method: step.method,
      headers: {
        ...(viewer ? {} : { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }),
        ...(step.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(step.body === undefined ? {} : { body: JSON.stringify(step.body) }),
    })
    const text = await res.text()
    const response = text === '' ? undefined : (JSON.parse(text) as unknown)
    if (res.status !== step.status)
      wrong.push(
        `${step.method} ${target(step)}: ${res.status} (documented ${step.status}) ${text}`,
      )
    for (const [name, path] of Object.entries(step.save ?? {})) vars.set(name, pick(response, path))
    examples.push({
      method: step.method,
      path: step.path,
      ...(step.params ? { params: step.params } : {}),
      ...(step.query ? { query: step.query } : {}),
      ...(step.body === undefined ? {} : { body: step.body }),
      status: step.status,
      ...(response === undefined ? {} : { response }),
    })
  }
  return { examples, wrong }
}

type Operation = {
  parameters?: { in: string; name: string; example?: unknown }[]
  requestBody?: { content: Record<string, { example?: unknown }> }
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>
}

describe('native API: OpenAPI examples', () => {
  it('gives every operation an example request and response', async (t) => {
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
      }
    assert.deepEqual(missing, [])
    // The docs page loads its own copy of the document: the same, examples included.
    const page = JSON.parse((await app.inject({ url: '/docs/json' })).body) as typeof doc
    assert.deepEqual(page.paths, doc.paths)
    // One example for each documented operation, none for an operation that is not there.
    const examples = JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as OperationExample[]
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    )
    assert.deepEqual(examples.map((e) => `${e.method} ${e.path}`).sort(), operations.sort())
  })

  it('gets the documented status and response for each example request on a real server', async (t) => {
    const { examples, wrong } = await record(t)
    assert.deepEqual(wrong, [])
    const file = EXAMPLES_FILE
    if (process.env.PLAYGATE_UPDATE_EXAMPLES === '1')
      writeFileSync(file, JSON.stringify(examples, null, 2) + '\n')
    const documented = JSON.parse(readFileSync(file, 'utf8')) as OperationExample[]
    assert.deepEqual(
      examples,
      documented,
      'docs/openapi-examples.json is out of date: run this test with PLAYGATE_UPDATE_EXAMPLES=1',
    )
  })
})
