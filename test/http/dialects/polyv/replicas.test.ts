// Two PlayGates on one database and one shared state, as two replicas behind a load balancer: a
// signed v2 request replayed to the other replica, the per-IP limit and its block, a single-use
// playsafe token and the play-password throttle all hold across them. Each runs on the in-process
// store (one instance for both) and on Redis (one connection each) when PLAYGATE_TEST_REDIS_URL
// is set.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { isAppError } from '../../../../src/core/errors.ts'
import { SHARED_STATES, type SharedStateKind } from '../../../helpers/shared-state.ts'
import { clientSignV2 } from './client.ts'
import { SECRET, USERID, VID, playsafeToken, polyvWorld } from './world.ts'

const PAGE = `/v2/video/${USERID}/video-setting-page`
const EDGE = '/play/polyv.playgate.local'
const body = (res: { body: string }) => JSON.parse(res.body) as { code: number; message: string }

async function replicas(t: TestContext, kind: SharedStateKind, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-polyv-replicas-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const harness = await kind.create(t)
  const shared = { ...env, PLAYGATE_DATABASE_URL: `sqlite:${join(dir, 'shared.db')}` }
  const a = await polyvWorld(t, shared, { state: harness.state, clock: harness.clock })
  const b = await polyvWorld(t, shared, {
    of: a,
    // The in-process store is one per process: both replicas use the one instance.
    state: kind.sharedAcrossInstances ? harness.sibling() : harness.state,
    clock: harness.clock,
  })
  return { a, b, advance: harness.advance }
}

for (const kind of SHARED_STATES) {
  describe(`polyv across two replicas sharing ${kind.name} state`, () => {
    it('refuses a signed request replayed to the other replica', async (t) => {
      const { a, b } = await replicas(t, kind)
      const ptime = String(a.clock.now())
      const params = { vids: VID, ptime, sign: clientSignV2({ vids: VID, ptime }, SECRET) }
      assert.equal(body(await a.raw('GET', PAGE, params)).code, 200)
      assert.deepEqual(body(await b.raw('GET', PAGE, params)), {
        code: 400,
        status: 'error',
        message: 'sign has been used.',
        data: '',
      })
    })

    it('counts a client IP’s requests on both and blocks it on both for 5 minutes', async (t) => {
      const { a, b, advance } = await replicas(t, kind, {
        PLAYGATE_POLYV_IP_LIMIT_PER10_SECONDS: '3',
      })
      const page = (w: typeof a, i: number) =>
        w.call('GET', PAGE, { vids: VID }, { ptime: a.clock.now() + i })
      assert.equal(body(await page(a, 0)).code, 200)
      assert.equal(body(await page(b, 1)).code, 200)
      assert.equal(body(await page(a, 2)).code, 200)
      // The 4th in the window, on b: over the one budget, and the block is seen by a too.
      const limited = await page(b, 3)
      assert.deepEqual(body(limited), {
        code: 429,
        status: 'error',
        message: 'request too frequent.',
        data: '',
      })
      assert.equal(limited.headers['retry-after'], '300')
      await advance(60_000)
      assert.equal(body(await page(a, 4)).code, 429)
      await advance(240_000)
      assert.equal(body(await page(a, 5)).code, 200)
      assert.equal(body(await page(b, 6)).code, 200)
    })

    it('serves a single-use playsafe token once across both, not on a failed request', async (t) => {
      const { a, b } = await replicas(t, kind)
      const token = await playsafeToken(a, { disposable: 'true' })
      const url = `${EDGE}/demo/mp4/demo.mp4?playsafe=${token}`
      // A request that fails on b does not use it up.
      const unsatisfiable = await b.app.inject({
        method: 'GET',
        url,
        headers: { range: 'bytes=99999999-' },
      })
      assert.equal(unsatisfiable.statusCode, 416)
      // Asked on both at once: exactly one is served.
      const both = await Promise.all([a, b, a, b].map((w) => w.app.inject({ method: 'GET', url })))
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 403, 403, 403])
      for (const refused of both.filter((r) => r.statusCode === 403))
        assert.equal(refused.headers['x-error-code'], 'TOKEN_REVOKED')
    })

    it('gives the same token back, extended, whichever replica is asked', async (t) => {
      const { a, b, advance } = await replicas(t, kind)
      const first = await playsafeToken(a, { viewerIp: '198.51.100.7' })
      await advance(60_000)
      const again = await playsafeToken(b, { viewerIp: '198.51.100.7' })
      assert.equal(again, first)
      const url = `${EDGE}/demo/mp4/demo.mp4?playsafe=${first}`
      // Extended on b's asking: still valid on a past the first lifetime (10 minutes).
      await advance(590_000)
      const served = await a.app.inject({ method: 'GET', url, remoteAddress: '198.51.100.7' })
      assert.equal(served.statusCode, 200)
    })

    it('spends one play-password budget: a client blocked on one is refused on the other', async (t) => {
      const { a, b } = await replicas(t, kind)
      await a.services.playPasswords.set(a.video.id, 'open-sesame')
      const attempt = (w: typeof a, password: string) =>
        w.services.viewerUnlock
          .unlock({ videoId: a.video.id, password, clientIp: '198.51.100.7' })
          .then(
            () => 'unlocked',
            (e: unknown) => (isAppError(e) ? e.code : String(e)),
          )
      // Five wrong passwords, spread over both: the client's backoff starts.
      const outcomes = []
      for (const w of [a, b, a, b, a]) outcomes.push(await attempt(w, 'guess'))
      assert.deepEqual(outcomes, Array(5).fill('PASSWORD_INCORRECT'))
      assert.equal(await attempt(b, 'open-sesame'), 'RATE_LIMITED')
      assert.equal(await attempt(a, 'open-sesame'), 'RATE_LIMITED')
      // Another client is not held up by it on either.
      const other = await b.services.viewerUnlock.unlock({
        videoId: a.video.id,
        password: 'open-sesame',
        clientIp: '198.51.100.8',
      })
      assert.match(other.token, /^[0-9a-f]{32}$/)
    })
  })
}
