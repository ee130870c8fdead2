// The cases every registered dialect must pass (hono's `common.case`), written once and run by
// scenarios.test.ts through each dialect's fixture (fixtures.ts): how it sends a request, and
// what its own wire answers for each refusal.
import assert from 'node:assert/strict'
import { it, type TestContext } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Services } from '../../../src/services/container.ts'

/** The refusals the scenarios provoke. */
export type ScenarioRefusal =
  | 'SIGNATURE_MISMATCH'
  | 'UNSUPPORTED_OPERATION'
  | 'TENANT_SUSPENDED'
  | 'INVALID_PARAMETER'
  | 'PAYLOAD_TOO_LARGE'
  | 'SIGNATURE_EXPIRED'

export interface ScenarioWorld {
  readonly app: FastifyInstance
  readonly services: Services
  readonly tenantId: string
  /**
   * A cheap action: signed as the vendor's client signs it, with a wrong secret, naming an
   * unknown action, or signed `freshnessSeconds + 60` s before the server's clock (`stale`).
   */
  send(
    kind: 'valid' | 'bad-signature' | 'unknown-action' | 'stale',
  ): Promise<LightMyRequestResponse>
  /**
   * A body-carrying request of the dialect, complete but for its body (so the body is the first
   * thing wrong), with exactly these bytes as its body.
   */
  sendBody(body: Buffer): Promise<LightMyRequestResponse>
}

export interface DialectFixture {
  /** The registry name (`DIALECTS[i].name`). */
  readonly dialect: string
  world(t: TestContext, env?: Record<string, string>): Promise<ScenarioWorld>
  /** What its bodies hold (the suite builds its malformed ones to match). */
  readonly bodyFormat: 'form' | 'json'
  /** `<HTTP status> <vendor code>` of an error answer, read from the dialect's envelope. */
  wireOf(res: LightMyRequestResponse): string
  /** The dialect's answer to each refusal, as `wireOf` prints it. */
  readonly wire: Readonly<Record<ScenarioRefusal, string>>
  /** Seconds a signed request stays fresh; undefined when the dialect signs no time. */
  readonly freshnessSeconds?: number
  /** `Access-Control-Allow-Origin` answered to a browser, or undefined without CORS. */
  readonly cors?: { readonly preflightUrl: string }
}

/**
 * Counts what the requests in `run` spend of an account's rate budget (the pipeline's
 * `<dialect>:<account>:<action>` keys) and of the nonce store. Budgets per client IP that a
 * vendor applies before authentication (Polyv's, polyv.md §4.3) belong to no account.
 */
async function stateTouches(
  w: ScenarioWorld,
  dialect: string,
  run: () => Promise<void>,
): Promise<number> {
  let touches = 0
  type Hit = (key: string, ...rest: never[]) => Promise<unknown>
  const limiter = w.services.rateLimiter as unknown as { hit: Hit }
  const guard = w.services.replayGuard as unknown as { checkNonce: Hit }
  const hit = limiter.hit.bind(limiter)
  const checkNonce = guard.checkNonce.bind(guard)
  limiter.hit = (key, ...rest) => {
    if (key.startsWith(`${dialect}:`)) touches++
    return hit(key, ...rest)
  }
  guard.checkNonce = (key, ...rest) => (touches++, checkNonce(key, ...rest))
  try {
    await run()
  } finally {
    limiter.hit = hit
    guard.checkNonce = checkNonce
  }
  return touches
}

const LIMIT = 2048

/** Bodies with bad UTF-8 or a NUL, raw and escaped (latin1: one char per byte). */
const MALFORMED = {
  form: ['a=\xff\xfe', 'a=%FF%FE', 'a=x%00y', 'a=x\x00y'],
  json: ['{"a":"\xc3\x28"}', '{"a":"x\\u0000y"}', '{"a":"x\x00y"}'],
} as const

/** Declares every scenario for one dialect (inside its describe). */
export function runScenarios(fixture: DialectFixture): void {
  const expectWire = (res: LightMyRequestResponse, refusal: ScenarioRefusal) =>
    assert.equal(fixture.wireOf(res), fixture.wire[refusal], `${refusal}: ${res.body}`)

  it('serves a valid request, spending rate budget', async (t) => {
    const w = await fixture.world(t)
    let res: LightMyRequestResponse | undefined
    const touches = await stateTouches(w, fixture.dialect, async () => {
      res = await w.send('valid')
    })
    assert.equal(res!.statusCode, 200, res!.body)
    assert.ok(touches >= 1)
  })

  it('never lets unauthenticated traffic touch nonce or rate state', async (t) => {
    const w = await fixture.world(t)
    const touches = await stateTouches(w, fixture.dialect, async () => {
      for (let i = 0; i < 3; i++) expectWire(await w.send('bad-signature'), 'SIGNATURE_MISMATCH')
    })
    assert.equal(touches, 0)
  })

  it('answers an unknown action in its own shape', async (t) => {
    const w = await fixture.world(t)
    expectWire(await w.send('unknown-action'), 'UNSUPPORTED_OPERATION')
  })

  it('refuses a suspended tenant’s correctly signed request', async (t) => {
    const w = await fixture.world(t)
    await w.services.tenants.update(w.tenantId, { status: 'suspended' })
    expectWire(await w.send('valid'), 'TENANT_SUSPENDED')
  })

  it('answers bad UTF-8 and NUL in a body with INVALID_PARAMETER, never a 5xx', async (t) => {
    const w = await fixture.world(t)
    for (const body of MALFORMED[fixture.bodyFormat])
      expectWire(await w.sendBody(Buffer.from(body, 'latin1')), 'INVALID_PARAMETER')
  })

  it(`refuses a body over http.bodyLimitBytes (${LIMIT}) in its own shape`, async (t) => {
    const w = await fixture.world(t, { PLAYGATE_HTTP_BODY_LIMIT_BYTES: String(LIMIT) })
    expectWire(await w.sendBody(Buffer.alloc(LIMIT + 1, 0x61)), 'PAYLOAD_TOO_LARGE')
  })

  const freshness = fixture.freshnessSeconds
  if (freshness !== undefined)
    it(`refuses a request signed more than ${freshness} s before the server's clock`, async (t) => {
      const w = await fixture.world(t)
      expectWire(await w.send('stale'), 'SIGNATURE_EXPIRED')
    })

  const cors = fixture.cors
  if (cors)
    it('answers a browser preflight with CORS headers', async (t) => {
      const w = await fixture.world(t)
      const res = await w.app.inject({
        method: 'OPTIONS',
        url: cors.preflightUrl,
        headers: {
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })
      assert.equal(res.statusCode, 204)
      assert.equal(res.headers['access-control-allow-origin'], '*')
    })
}
