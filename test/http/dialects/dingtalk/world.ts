// A PlayGate listening on 127.0.0.1 with one DingTalk org: an app, three users, a conference hosted
// by HOST with GUEST, one recording (HLS and MP4 of the demo clip) and a two-paragraph transcript,
// plus the official SDK's clients pointed at it (dingtalk.md §5.1).
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import type { TestContext } from 'node:test'
import { fileURLToPath } from 'node:url'
import { fixedClock } from '../../../../src/core/ports.ts'
import type { SharedState } from '../../../../src/core/shared-state.ts'
import {
  upsertConference,
  upsertDingtalkOrg,
  upsertDingtalkUser,
  upsertRecording,
} from '../../../../src/storage/repositories/dingtalk.ts'
import { replaceTranscript } from '../../../../src/storage/repositories/transcripts.ts'
import { buildTestApp, type TestApp } from '../../../helpers/build-app.ts'

const require = createRequire(import.meta.url)
// The SDK is CommonJS without an ESM entry: loaded as its users' Node code loads it.
export const OpenApi: any = require('@alicloud/openapi-client')
export const Util: any = require('@alicloud/tea-util')
export const conference: any = require('@alicloud/dingtalk/conference_1_0')
export const oauth: any = require('@alicloud/dingtalk/oauth2_1_0')

export const MEDIA_ROOT = fileURLToPath(new URL('../../../../media', import.meta.url))
export const TENANT_ID = 'tn_dingtalktest'
export const APP_KEY = 'dingtestappkey000001'
export const APP_SECRET = 'testAppSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP'
export const PLAY_HOST = 'mcs.playgate.test'
export const CONF_ID = 'conf_weekly'
export const MEDIA_ID = 'faa1566c5bc24f21821ae2394f82db2e'
export const REGION = 'cn-shenzhen'
export const VIDEO_ID = 'abcdef0123456789abcdef0123456789'

export interface DingtalkWorld extends TestApp {
  readonly port: number
  readonly base: string
  readonly clock: ReturnType<typeof fixedClock>
  readonly accessKeyId: string
  /** An SDK Config for this PlayGate (`endpoint` host:port, `protocol` http). */
  config(): any
  /** An access token from the SDK's own getAccessToken. */
  token(): Promise<string>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export async function dingtalkWorld(
  t: Pick<TestContext, 'after'>,
  options: {
    env?: Record<string, string>
    /** A replica's: the clock and the shared state its siblings use too. */
    clock?: ReturnType<typeof fixedClock>
    state?: SharedState
  } = {},
): Promise<DingtalkWorld> {
  const port = await freePort()
  const clock = options.clock ?? fixedClock(Date.now())
  const built = await buildTestApp(t, {
    env: { PLAYGATE_MEDIA_ROOT: MEDIA_ROOT, PLAYGATE_HTTP_PORT: String(port), ...options.env },
    overrides: { clock, ...(options.state ? { state: options.state } : {}) },
  })
  const { services, runtime } = built
  const db = runtime.db
  await services.tenants.create({ id: TENANT_ID, name: 'DingTalk test' })
  const { key } = await services.accessKeys.issue({
    tenantId: TENANT_ID,
    protocol: 'dingtalk',
    keyId: APP_KEY,
    secret: APP_SECRET,
  })
  await services.playDomains.create({
    tenantId: TENANT_ID,
    host: PLAY_HOST,
    scheme: 'aliyun-a',
    ttlSeconds: 1800,
    isDefault: true,
    primaryKey: 'dingtalk-test-play-key-01',
  })
  await services.videos.create({ tenantId: TENANT_ID, id: VIDEO_ID, title: 'Weekly recording' })
  await services.videos.addStream({ videoId: VIDEO_ID, location: 'demo/mp4/demo.mp4' })
  await services.videos.addStream({ videoId: VIDEO_ID, location: 'demo/hls/index.m3u8' })
  await upsertDingtalkOrg(db, { tenantId: TENANT_ID, corpId: 'dingcorptest', name: 'Org' })
  for (const unionId of ['HOST', 'GUEST', 'OTHER'])
    await upsertDingtalkUser(db, { tenantId: TENANT_ID, unionId, userId: unionId, name: unionId })
  await upsertConference(db, {
    id: CONF_ID,
    tenantId: TENANT_ID,
    title: 'Weekly',
    hostUnionId: 'HOST',
    participants: ['HOST', 'GUEST'],
    startedAt: new Date(1_767_600_000_000),
    endedAt: null,
  })
  await upsertRecording(db, {
    id: 'rec_1',
    conferenceId: CONF_ID,
    videoId: VIDEO_ID,
    mediaId: MEDIA_ID,
    regionId: REGION,
    unionId: 'HOST',
    startedAt: new Date(1_767_600_060_000),
    endedAt: new Date(1_767_600_066_000),
    durationMs: 59_886,
    fileSize: 1_127_942,
  })
  const sentence = (text: string, at: number) => ({
    sentence: text,
    startTime: at,
    endTime: at + 900,
    unionId: 'HOST',
    wordList: [{ word: text, wordId: '1', startTime: at, endTime: at + 900 }],
  })
  await replaceTranscript(db, CONF_ID, [
    {
      recordId: 17,
      unionId: 'HOST',
      nickName: 'Host',
      paragraph: 'Hello',
      startTime: 0,
      endTime: 900,
      status: 1,
      sentenceList: [sentence('Hello', 0)],
    },
    {
      recordId: 17,
      unionId: 'GUEST',
      nickName: 'Guest',
      paragraph: 'Hi',
      startTime: 1000,
      endTime: 1900,
      status: 1,
      sentenceList: [],
    },
  ])
  await built.app.listen({ host: '127.0.0.1', port })

  const config = () => {
    const cfg = new OpenApi.Config({})
    cfg.protocol = 'http'
    cfg.regionId = 'central'
    cfg.endpoint = `127.0.0.1:${port}`
    return cfg
  }
  return {
    ...built,
    port,
    base: `http://127.0.0.1:${port}`,
    clock,
    accessKeyId: key.id,
    config,
    async token() {
      const client = new oauth.default(config())
      const res = await client.getAccessToken(
        new oauth.GetAccessTokenRequest({ appKey: APP_KEY, appSecret: APP_SECRET }),
      )
      return res.body.accessToken as string
    },
  }
}

/** Headers carrying an access token, as SDK users build them. */
export function withToken(Headers: any, token: string): any {
  const h = new Headers({})
  h.xAcsDingtalkAccessToken = token
  return h
}

/** The error an SDK call throws (fails the test when it succeeds). */
export async function sdkError(call: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await call
  } catch (error) {
    return error as Record<string, any>
  }
  throw new Error('the call succeeded')
}
