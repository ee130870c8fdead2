// One fixture per registered dialect for scenarios.ts: how its clients send a cheap request, and
// what its wire answers for each refusal (the codes each dialect's errors.test.ts pins).
import type { LightMyRequestResponse } from 'fastify'
import { formatTimestamp } from '../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { fixedClock } from '../../../src/core/ports.ts'
import { buildTestApp } from '../../helpers/build-app.ts'
import { aliyunWorld, TENANT_ID as ALIYUN_TENANT, VIDEO_ID } from './aliyun/world.ts'
import { polyvWorld, USERID, VID } from './polyv/world.ts'
import type { DialectFixture } from './scenarios.ts'
import { PLAY_HOST, TENANT_ID as TENCENT_TENANT, tencentWorld } from './tencent/world.ts'

const status = (res: LightMyRequestResponse, code: unknown) => `${res.statusCode} ${String(code)}`
const json = (res: LightMyRequestResponse) => res.json<Record<string, unknown>>()

const aliyun: DialectFixture = {
  dialect: 'aliyun',
  bodyFormat: 'form',
  async world(t, env) {
    const w = await aliyunWorld(t, { env: env ?? {} })
    const stale = formatTimestamp(w.clock.now() - (900 + 60) * 1000)
    return {
      app: w.app,
      services: w.services,
      tenantId: ALIYUN_TENANT,
      send(kind) {
        const action = kind === 'unknown-action' ? 'NoSuchAction' : 'GetVideoInfo'
        return w.v1Get(
          { Action: action, VideoId: VIDEO_ID },
          {
            ...(kind === 'bad-signature' ? { secret: 'wrong-secret' } : {}),
            ...(kind === 'stale' ? { common: { Timestamp: stale } } : {}),
          },
        )
      },
      sendBody: (body) =>
        w.app.inject({
          method: 'POST',
          url: '/aliyun/?Action=GetVideoInfo&Version=2017-03-21&Format=JSON',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
        }),
    }
  },
  // Format defaults to XML (aliyun-vod.md): a request that never parsed gets XML.
  wireOf: (res) =>
    status(
      res,
      res.body.startsWith('<') ? /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1] : json(res).Code,
    ),
  wire: {
    SIGNATURE_MISMATCH: '400 SignatureDoesNotMatch',
    UNSUPPORTED_OPERATION: '404 InvalidAction.NotFound',
    TENANT_SUSPENDED: '403 OperationDenied.Suspended',
    INVALID_PARAMETER: '400 InvalidParameter',
    PAYLOAD_TOO_LARGE: '400 InvalidParameter',
    SIGNATURE_EXPIRED: '400 InvalidTimeStamp.Expired',
  },
  freshnessSeconds: 900,
  cors: { preflightUrl: '/aliyun/' },
}

const tencent: DialectFixture = {
  dialect: 'tencent',
  bodyFormat: 'json',
  async world(t, env) {
    const w = await tencentWorld(t, { env: env ?? {} })
    return {
      app: w.app,
      services: w.services,
      tenantId: TENCENT_TENANT,
      send(kind) {
        const action = kind === 'unknown-action' ? 'NoSuchAction' : 'DescribeLivePlayAuthKey'
        return w.tc3(
          action,
          { DomainName: PLAY_HOST },
          {
            ...(kind === 'bad-signature' ? { secretKey: 'wrong-secret' } : {}),
            ...(kind === 'stale' ? { timestamp: w.now() - 300 - 60 } : {}),
          },
        )
      },
      sendBody: (body) =>
        w.app.inject({
          method: 'POST',
          url: '/tencent/',
          headers: {
            'content-type': 'application/json',
            'x-tc-action': 'DescribeLivePlayAuthKey',
            'x-tc-version': '2018-08-01',
            'x-tc-timestamp': String(w.now()),
          },
          payload: body,
        }),
    }
  },
  wireOf(res) {
    const response = json(res).Response as { Error?: { Code?: string } } | undefined
    return status(res, response?.Error?.Code)
  },
  wire: {
    SIGNATURE_MISMATCH: '200 AuthFailure.SignatureFailure',
    UNSUPPORTED_OPERATION: '200 InvalidAction',
    TENANT_SUSPENDED: '200 ResourceNotFound.FreezeService',
    INVALID_PARAMETER: '200 InvalidParameter',
    PAYLOAD_TOO_LARGE: '200 RequestSizeLimitExceeded',
    SIGNATURE_EXPIRED: '200 AuthFailure.SignatureExpire',
  },
  freshnessSeconds: 300,
}

const APP_KEY = 'dingscenarioapp00001'
const APP_SECRET = 'scenarioSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN'

const dingtalk: DialectFixture = {
  dialect: 'dingtalk',
  bodyFormat: 'json',
  async world(t, env) {
    const clock = fixedClock('2026-01-01T00:00:00Z')
    const built = await buildTestApp(t, { env: env ?? {}, overrides: { clock } })
    await built.services.tenants.create({ id: 'tn_dingscenario', name: 'DingTalk org' })
    await built.services.accessKeys.issue({
      tenantId: 'tn_dingscenario',
      protocol: 'dingtalk',
      keyId: APP_KEY,
      secret: APP_SECRET,
    })
    const token = (payload: string | Buffer) =>
      built.app.inject({
        method: 'POST',
        url: '/v1.0/oauth2/accessToken',
        headers: { 'content-type': 'application/json' },
        payload,
      })
    return {
      app: built.app,
      services: built.services,
      tenantId: 'tn_dingscenario',
      send(kind) {
        if (kind === 'unknown-action')
          return built.app.inject({ method: 'GET', url: '/v1.0/conference/noSuchThing' })
        const secret = kind === 'bad-signature' ? 'wrong-secret' : APP_SECRET
        return token(JSON.stringify({ appKey: APP_KEY, appSecret: secret }))
      },
      sendBody: token,
    }
  },
  wireOf: (res) => status(res, json(res).code),
  wire: {
    SIGNATURE_MISMATCH: '400 invalidClientIdOrSecret',
    UNSUPPORTED_OPERATION: '404 InvalidAction.NotFound',
    TENANT_SUSPENDED: '400 orgAccessForbidden',
    // The token API's answer to a body that is not a JSON object (dingtalk.md §6).
    INVALID_PARAMETER: '400 InvalidParameter',
    PAYLOAD_TOO_LARGE: '400 paramsError',
    SIGNATURE_EXPIRED: 'none',
  },
}

const polyv: DialectFixture = {
  dialect: 'polyv',
  bodyFormat: 'form',
  async world(t, env) {
    const w = await polyvWorld(t, env ?? {})
    const page = `/v2/video/${USERID}/video-setting-page`
    return {
      app: w.app,
      services: w.services,
      tenantId: 'tn_polyv',
      send(kind) {
        const path = kind === 'unknown-action' ? `/v2/video/${USERID}/no-such-thing` : page
        return w.call(
          'GET',
          path,
          { vids: VID },
          {
            ...(kind === 'bad-signature' ? { secret: 'wrong-secret' } : {}),
            ...(kind === 'stale' ? { ptime: w.clock.now() - (180 + 60) * 1000 } : {}),
          },
        )
      },
      sendBody: (body) =>
        w.app.inject({
          method: 'POST',
          url: `/v2/video/${USERID}/video-setting-save`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
        }),
    }
  },
  wireOf(res) {
    const body = json(res)
    return `${status(res, body.code)} ${String(body.message)}`
  },
  wire: {
    // HTTP 200 always; the body code decides (polyv.md §4).
    SIGNATURE_MISMATCH: '200 400 the sign is not right.',
    UNSUPPORTED_OPERATION: '200 404 api not found.',
    TENANT_SUSPENDED: '200 403 user is disabled.',
    INVALID_PARAMETER: '200 400 body is illegal.',
    PAYLOAD_TOO_LARGE: '200 400 request body is too large.',
    SIGNATURE_EXPIRED: '200 400 ptime is too old.',
  },
  freshnessSeconds: 180,
}

/** Every registered dialect's fixture; scenarios.test.ts checks none is missing. */
export const FIXTURES: readonly DialectFixture[] = [aliyun, tencent, dingtalk, polyv]
