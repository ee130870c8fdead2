// A PlayGate for native API tests (fixed clock, demo media optional) with a small client that
// sends the admin token and parses JSON, plus the exact native error body to compare against.
import assert from 'node:assert/strict'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { ERROR_CODES, type ErrorCode } from '../../../src/core/errors.ts'
import { fixedClock } from '../../../src/core/ports.ts'
import { buildTestApp } from '../../helpers/build-app.ts'

export const NOW = '2026-01-01T00:00:00.000Z'
export const DEMO_MEDIA = new URL('../../../media/demo', import.meta.url).pathname

export interface Reply {
  readonly status: number
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: any
  readonly text: string
  readonly requestId: string
  readonly headers: Record<string, string | string[] | number | undefined>
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS'

export async function nativeApp(
  t: Pick<TestContext, 'after'>,
  options: { env?: Record<string, string>; demoMedia?: boolean } = {},
) {
  const clock = fixedClock(NOW)
  const world = await buildTestApp(t, { env: options.env, overrides: { clock } })
  // Streams are registered from media under <dataDir>/media, as in a real install.
  if (options.demoMedia) cpSync(DEMO_MEDIA, join(world.dataDir, 'media/demo'), { recursive: true })

  async function call(
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const res = await world.app.inject({
      method,
      url,
      headers: { ...world.admin, ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    })
    const type = String(res.headers['content-type'] ?? '')
    return {
      status: res.statusCode,
      body:
        res.body !== '' && type.startsWith('application/json') ? JSON.parse(res.body) : undefined,
      text: res.body,
      requestId: String(res.headers['x-request-id']),
      headers: res.headers,
    }
  }

  async function created(url: string, payload: unknown): Promise<any> {
    const reply = await call('POST', url, payload)
    assert.equal(reply.status, 201, reply.text)
    return reply.body
  }

  return {
    ...world,
    clock,
    call,
    tenant: (body: Record<string, unknown> = {}) =>
      created('/v1/tenants', { name: 'Acme', ...body }),
    video: (tenantId: string, body: Record<string, unknown> = {}) =>
      created('/v1/videos', { tenantId, title: 'Lesson 1', ...body }),
    domain: (tenantId: string, body: Record<string, unknown> = {}) =>
      created('/v1/play-domains', {
        tenantId,
        host: 'video.example.com',
        scheme: 'aliyun-a',
        ...body,
      }),
  }
}

export type NativeApp = Awaited<ReturnType<typeof nativeApp>>

/** The exact body the native API answers for an error (CONVENTIONS §4). */
export function errorBody(reply: Reply, code: ErrorCode, parameter?: string, message?: string) {
  return {
    error: {
      code,
      message: message ?? (parameter ? `${ERROR_CODES[code]} (${parameter})` : ERROR_CODES[code]),
      requestId: reply.requestId,
      ...(parameter ? { parameter } : {}),
    },
  }
}

/**
 * Status and body exactly, and a request id that is the one in the x-request-id header. The
 * message is the catalogue's (with the parameter) unless the error gives its own reason.
 */
export function assertError(
  reply: Reply,
  status: number,
  code: ErrorCode,
  parameter?: string,
  message?: string,
) {
  assert.match(reply.requestId, /^req_[0-9a-f]{20}$/)
  // A schema failure also says why (`(name: must be a string of 1 to 256 characters)`); its
  // words are pinned by validation-reasons.test.ts, the code and parameter here.
  const said = (reply.body as { error?: { message?: unknown } } | undefined)?.error?.message
  if (message === undefined && parameter && typeof said === 'string') {
    const prefix = `${ERROR_CODES[code]} (${parameter}: `
    if (said.startsWith(prefix) && said.endsWith(')') && said.length > prefix.length + 1)
      message = said
  }
  assert.deepEqual(
    { status: reply.status, body: reply.body },
    {
      status,
      body: errorBody(reply, code, parameter, message),
    },
  )
}

/** A 404 for a resource the request named: the message says which, e.g. `video "v1" not found`. */
export function assertNotFound(reply: Reply, message: string, parameter?: string) {
  assertError(reply, 404, 'NOT_FOUND', parameter, message)
}
