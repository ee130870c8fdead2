// A PlayGate with one Polyv account (userid 1b448be323, secret `abc`), a default play domain and
// a Normal video known by its Polyv vid (its polyv vendor alias), plus the spec-built client, so each test file builds its
// own world in one call.
import type { TestContext } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { fixedClock } from '../../../../src/core/ports.ts'
import type { Stream, Video } from '../../../../src/core/model.ts'
import type { SharedState } from '../../../../src/core/shared-state.ts'
import { buildTestApp, type TestApp } from '../../../helpers/build-app.ts'
import { clientSignMd5, form, signedParams, type ClientStyle } from './client.ts'

export const EPOCH = '2026-01-01T00:00:00Z'
export const USERID = '1b448be323'
export const SECRET = 'abc'
export const VID = '1b448be323b452641878b54f21241188_1'
export const VID2 = '1b448be323631e6e80e12e0790609f68_1'
export const CLIENT_IP = '127.0.0.1'

export interface World extends TestApp {
  readonly clock: ReturnType<typeof fixedClock>
  readonly video: Video
  readonly video2: Video
  readonly mp4: Stream
  readonly hls: Stream
  /** A signed v2 call: GET with a query, POST with a form body. */
  call(
    method: 'GET' | 'POST',
    path: string,
    business: Record<string, string>,
    options?: { style?: ClientStyle; secret?: string; ptime?: number; prefix?: string },
  ): Promise<LightMyRequestResponse>
  /** Sends exactly these parameters, unsigned unless they hold a sign. */
  raw(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

/** Another replica of `of`: its shared state and clock (and its database in `env`). */
export interface ReplicaOf {
  readonly of?: World
  readonly state: SharedState
  readonly clock: ReturnType<typeof fixedClock>
}

export async function polyvWorld(
  t: Pick<TestContext, 'after'>,
  env: Record<string, string> = {},
  replica?: ReplicaOf,
): Promise<World> {
  const clock = replica?.clock ?? fixedClock(EPOCH)
  const app = await buildTestApp(t, {
    env: { PLAYGATE_MEDIA_ROOT: new URL('../../../../media', import.meta.url).pathname, ...env },
    overrides: { clock, ...(replica ? { state: replica.state } : {}) },
  })
  const raw: World['raw'] = (method, path, params) =>
    method === 'GET'
      ? app.app.inject({ method, url: `${path}?${form(params)}` })
      : app.app.inject({
          method,
          url: path,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: form(params),
        })
  const call: World['call'] = (method, path, business, options = {}) => {
    const params = signedParams(options.style ?? 'sdk', business, {
      userid: USERID,
      secret: options.secret ?? SECRET,
      ptime: options.ptime ?? clock.now(),
    })
    return raw(method, (options.prefix ?? '') + path, params)
  }
  // A replica that joins another shares its database: the account and videos are there.
  if (replica?.of) {
    const { video, video2, mp4, hls } = replica.of
    return { ...app, clock, video, video2, mp4, hls, raw, call }
  }
  const { services } = app
  await services.tenants.create({ id: 'tn_polyv', name: 'Polyv account' })
  await services.accessKeys.issue({
    tenantId: 'tn_polyv',
    protocol: 'polyv',
    keyId: USERID,
    secret: SECRET,
  })
  await services.playDomains.create({
    tenantId: 'tn_polyv',
    host: 'polyv.playgate.local',
    scheme: 'aliyun-a',
    isDefault: true,
  })
  const video = await services.videos.create({
    tenantId: 'tn_polyv',
    title: '合并美食视频',
    description: '美食',
    tags: ['合并美食'],
    status: 'Normal',
  })
  const video2 = await services.videos.create({
    tenantId: 'tn_polyv',
    title: 'Second',
    status: 'Normal',
  })
  await services.videos.addAlias(video.id, { vendor: 'polyv', alias: VID })
  await services.videos.addAlias(video2.id, { vendor: 'polyv', alias: VID2 })
  const mp4 = await services.videos.addStream({ videoId: video.id, location: 'demo/mp4/demo.mp4' })
  const hls = await services.videos.addStream({
    videoId: video.id,
    location: 'demo/hls/master.m3u8',
  })

  return { ...app, clock, video, video2, mp4, hls, raw, call }
}

/** A playsafe token from the token API (§8.2) for VID and viewer `v1`, unless `fields` say. */
export async function playsafeToken(
  w: World,
  fields: Record<string, string> = {},
): Promise<string> {
  const params = {
    userId: USERID,
    videoId: VID,
    ts: String(w.clock.now()),
    viewerId: 'v1',
    ...fields,
  }
  const res = await w.app.inject({
    method: 'POST',
    url: '/service/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...params, sign: clientSignMd5(params, SECRET) }),
  })
  return String((JSON.parse(res.body) as { data: { token: string } }).data.token)
}
