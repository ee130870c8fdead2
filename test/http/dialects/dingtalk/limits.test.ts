// DingTalk rate limits (dingtalk.md §3, §6): each app has its own budget per action, set through
// the dialect contract (`limits.dingtalk.<Action>`), spent alike on every replica sharing state
// (in-process and Redis), and answered 429 Throttling in DingTalk's shape with Retry-After.
import assert from 'node:assert/strict'
import { describe, it, type TestContext } from 'node:test'
import type { SharedState } from '../../../../src/core/shared-state.ts'
import { buildApp } from '../../../../src/http/app.ts'
import { createMetrics } from '../../../../src/http/shared/metrics.ts'
import { createServices } from '../../../../src/services/container.ts'
import { SHARED_STATES } from '../../../helpers/shared-state.ts'
import { CONF_ID, MEDIA_ID, REGION, TENANT_ID, dingtalkWorld } from './world.ts'

type World = Awaited<ReturnType<typeof dingtalkWorld>>

const LIMIT_2 = { PLAYGATE_LIMITS_DINGTALK_QUERY_CLOUD_RECORD_VIDEO_PLAY_INFO: '2' }

async function playInfo(world: World, token: string) {
  const res = await fetch(
    `${world.base}/v1.0/conference/videoConferences/${CONF_ID}/cloudRecords/videos/getPlayInfos` +
      `?mediaId=${MEDIA_ID}&regionId=${REGION}&unionId=HOST`,
    { headers: { 'x-acs-dingtalk-access-token': token } },
  )
  const body = (await res.json()) as Record<string, unknown>
  return { status: res.status, body, headers: res.headers }
}

function assertThrottled(res: Awaited<ReturnType<typeof playInfo>>) {
  assert.equal(res.status, 429)
  assert.deepEqual(res.body, {
    code: 'Throttling',
    requestid: res.headers.get('x-acs-request-id'),
    message: 'Request was denied due to api flow control.',
  })
  assert.equal(res.headers.get('retry-after'), '1')
}

describe('dingtalk rate limits', () => {
  it('gives each app of an org its own budget per action', async (t) => {
    const world = await dingtalkWorld(t, { env: LIMIT_2 })
    const other = await world.services.dingtalkApps.create({
      tenantId: TENANT_ID,
      appKey: 'dingtestappkey000002',
      appSecret: 'second-app-secret-0123456789',
    })
    const first = await world.token()
    const second = (await world.services.dingtalkTokens.issue(other.key.keyId, other.appSecret))
      .accessToken
    assert.equal((await playInfo(world, first)).status, 200)
    assert.equal((await playInfo(world, first)).status, 200)
    assertThrottled(await playInfo(world, first))
    assert.equal((await playInfo(world, second)).status, 200)
    // The next second is a fresh window.
    world.clock.advance(1000)
    assert.equal((await playInfo(world, first)).status, 200)
  })

  it('throttles the token API itself (limits.dingtalk.GetAccessToken)', async (t) => {
    const world = await dingtalkWorld(t, {
      env: { PLAYGATE_LIMITS_DINGTALK_GET_ACCESS_TOKEN: '1' },
    })
    await world.token()
    const res = await fetch(`${world.base}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: 'dingtestappkey000001', appSecret: 'x' }),
    })
    // Wrong secret: refused before it spends the app's budget.
    assert.equal(res.status, 400)
    await assert.rejects(world.token(), (error: Record<string, unknown>) => {
      assert.equal(error.code, 'Throttling')
      assert.equal(error.statusCode, 429)
      return true
    })
  })

  for (const kind of SHARED_STATES) {
    it(`spends one app budget across replicas sharing ${kind.name} state`, async (t) => {
      const harness = await kind.create(t)
      // Every counter a replica spends, to show both spend the same one: the store's own sharing
      // is test/services/rate-limiter.test.ts's; Redis expires a 1 s window by its own clock,
      // so a refusal there is not asserted under a test clock that stands still.
      const spent: string[][] = [[], []]
      const counting = (state: SharedState, into: string[]): SharedState =>
        new Proxy(state, {
          get(target, name) {
            if (name === 'increment')
              return (key: string, windowSeconds: number) => {
                if (key.startsWith('rate:')) into.push(key)
                return target.increment(key, windowSeconds)
              }
            const value: unknown = Reflect.get(target, name)
            return typeof value === 'function' ? value.bind(target) : value
          },
        })
      const one = await dingtalkWorld(t, {
        env: LIMIT_2,
        clock: harness.clock,
        state: counting(harness.state, spent[0]!),
      })
      const siblingState = kind.sharedAcrossInstances ? harness.sibling() : harness.state
      const two = await sibling(t, one, counting(siblingState, spent[1]!))
      const token = await one.token()
      assert.equal((await playInfo(one, token)).status, 200)
      // The sibling knows the token (shared state) and spends the same app's budget.
      assert.equal((await two(token)).status, 200)
      const play = spent.map((keys) =>
        keys.filter((k) => k.includes('QueryCloudRecordVideoPlayInfo')),
      )
      assert.deepEqual(play[0], play[1])
      assert.match(play[0]![0]!, new RegExp(`^rate:dingtalk:app:${one.accessKeyId}:`))
      if (kind.name === 'memory') {
        assertThrottled(await playInfo(one, token))
        assertThrottled(await two(token))
      }
    })
  }
})

/**
 * Another replica of `world`: the same database and config, its own services over `state` (a
 * sibling connection to the same Redis), answering getPlayInfos in-process.
 */
async function sibling(t: TestContext, world: World, state: SharedState) {
  const services = createServices({ ...world.services.deps, state })
  const app = await buildApp({
    config: world.runtime.config,
    services,
    metrics: createMetrics(),
    ready: () => Promise.resolve({}),
  })
  t.after(() => app.close())
  return async (token: string) => {
    const res = await app.inject({
      url:
        `/v1.0/conference/videoConferences/${CONF_ID}/cloudRecords/videos/getPlayInfos` +
        `?mediaId=${MEDIA_ID}&regionId=${REGION}&unionId=HOST`,
      headers: { 'x-acs-dingtalk-access-token': token },
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(res.headers)) headers.set(name, String(value))
    return {
      status: res.statusCode,
      body: JSON.parse(res.body) as Record<string, unknown>,
      headers,
    }
  }
}
