// The vendor's own Node SDKs against a listening PlayGate on 127.0.0.1 (aliyun-vod.md §12): pop-core
// (V1 GET and POST), openapi-client (V3 and signatureAlgorithm 'v2'), success and error cases, and
// a PlayAuth's temporary credential calling GetPlayInfo through both.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { describe, it, type TestContext } from 'node:test'
import * as OpenApi from '@alicloud/openapi-client'
import * as TeaUtil from '@alicloud/tea-util'
import { RPCClient } from '@alicloud/pop-core'
import { fixedClock } from '../../../../src/core/ports.ts'
import {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  PLAY_HOST,
  VIDEO_ID,
  aliyunWorld,
  type World,
} from './world.ts'

interface OpenApiClient {
  callApi(
    params: OpenApi.Params,
    request: OpenApi.OpenApiRequest,
    runtime: TeaUtil.RuntimeOptions,
  ): Promise<unknown>
}
// A CommonJS module whose class is its `default` export: ESM sees it one level down.
const OpenApiClient = (OpenApi as any).default.default as new (
  config: OpenApi.Config,
) => OpenApiClient

/** The error a call was refused with (fails the test if it succeeded). */
async function failure(call: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await call
  } catch (error) {
    return error as Record<string, any>
  }
  throw new assert.AssertionError({ message: 'the call succeeded' })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A world listening on 127.0.0.1 whose clock is now (the SDKs stamp requests with real time). */
async function listening(t: TestContext): Promise<{ world: World; port: number }> {
  const port = await freePort()
  const world = await aliyunWorld(t, {
    env: { PLAYGATE_HTTP_PORT: String(port) },
    clock: fixedClock(Date.now()),
  })
  await world.app.listen({ host: '127.0.0.1', port })
  return { world, port }
}

function popCore(port: number, credentials: Partial<Record<string, string>> = {}) {
  return new RPCClient({
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion: '2017-03-21',
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    ...credentials,
  })
}

function openApi(port: number, config: Record<string, string> = {}) {
  return new OpenApiClient(
    new OpenApi.Config({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'http',
      regionId: 'cn-shanghai',
      ...config,
    }),
  )
}

/** The Params the generated vod-20170321 SDK uses (§12.1). */
function callApi(
  client: OpenApiClient,
  action: string,
  query: Record<string, string>,
  body?: Record<string, string>,
) {
  const params = new OpenApi.Params({
    action,
    version: '2017-03-21',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  })
  return client.callApi(
    params,
    new OpenApi.OpenApiRequest(body ? { query, body } : { query }),
    new TeaUtil.RuntimeOptions({}),
  ) as Promise<{ statusCode: number; body: Record<string, any> }>
}

const UNKNOWN_VIDEO = 'ffffffffffffffffffffffffffffffff'

function decodePlayAuth(playAuth: string): Record<string, any> {
  return JSON.parse(Buffer.from(playAuth, 'base64').toString('utf8'))
}

describe('aliyun dialect: @alicloud/pop-core 1.8.0', () => {
  it('gets a PlayAuth with V1 GET, its types as the spec says', async (t) => {
    const { port } = await listening(t)
    const body = await popCore(port).request<Record<string, any>>('GetVideoPlayAuth', {
      VideoId: VIDEO_ID,
      AuthInfoTimeout: 3000,
    })
    assert.match(body.RequestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/)
    assert.equal(body.Code, undefined)
    assert.equal(body.VideoMeta.VideoId, VIDEO_ID)
    assert.equal(typeof body.VideoMeta.Duration, 'number')
    const playAuth = decodePlayAuth(body.PlayAuth)
    assert.deepEqual(Object.keys(playAuth), [
      'SecurityToken',
      'AuthInfo',
      'VideoMeta',
      'AccessKeyId',
      'PlayDomain',
      'AccessKeySecret',
      'Region',
      'CustomerId',
    ])
    assert.equal(playAuth.PlayDomain, PLAY_HOST)
  })

  it('gets play info with V1 POST (form body)', async (t) => {
    const { port } = await listening(t)
    const body = await popCore(port).request<Record<string, any>>(
      'GetPlayInfo',
      { VideoId: VIDEO_ID, Formats: 'mp4' },
      { method: 'POST' },
    )
    assert.equal(body.PlayInfoList.PlayInfo.length, 1)
    assert.equal(body.PlayInfoList.PlayInfo[0].Format, 'mp4')
    assert.match(body.PlayInfoList.PlayInfo[0].PlayURL, /\?auth_key=\d+-0-0-[0-9a-f]{32}$/)
  })

  it('throws the Aliyun code for an unknown video (404 body with Code)', async (t) => {
    const { port } = await listening(t)
    const error = await failure(popCore(port).request('GetVideoInfo', { VideoId: UNKNOWN_VIDEO }))
    assert.equal(error.name, 'InvalidVideo.NotFoundError')
    assert.equal(error.code, 'InvalidVideo.NotFound')
    assert.match(error.message, /^The video does not exist\., URL: http:\/\/127\.0\.0\.1:/)
    assert.equal(error.data.Message, 'The video does not exist.')
  })

  it('throws SignatureDoesNotMatch for a wrong secret', async (t) => {
    const { port } = await listening(t)
    const error = await failure(
      popCore(port, { accessKeySecret: 'wrong' }).request(
        'GetVideoPlayAuth',
        { VideoId: VIDEO_ID },
        { method: 'POST' },
      ),
    )
    assert.equal(error.code, 'SignatureDoesNotMatch')
    assert.match(error.data.Message, /server string to sign is:POST&%2F&AccessKeyId%3D/)
  })

  it('calls GetPlayInfo with the temporary credential of a PlayAuth', async (t) => {
    const { port } = await listening(t)
    const issued = await popCore(port).request<Record<string, any>>('GetVideoPlayAuth', {
      VideoId: VIDEO_ID,
    })
    const playAuth = decodePlayAuth(issued.PlayAuth)
    const sts = popCore(port, {
      accessKeyId: playAuth.AccessKeyId,
      accessKeySecret: playAuth.AccessKeySecret,
      securityToken: playAuth.SecurityToken,
    })
    const body = await sts.request<Record<string, any>>('GetPlayInfo', { VideoId: VIDEO_ID })
    assert.equal(body.VideoBase.VideoId, VIDEO_ID)
    const denied = await failure(sts.request('GetVideoPlayAuth', { VideoId: VIDEO_ID }))
    assert.equal(denied.code, 'Forbidden')
  })
})

describe('aliyun dialect: @alicloud/openapi-client 0.4.15', () => {
  it('gets a PlayAuth with the default V3 signature (ACS3-HMAC-SHA256, host with port)', async (t) => {
    const { port } = await listening(t)
    const res = await callApi(openApi(port), 'GetVideoPlayAuth', {
      VideoId: VIDEO_ID,
      AuthInfoTimeout: '3000',
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.body.VideoMeta.Title, 'Demo')
    assert.equal(decodePlayAuth(res.body.PlayAuth).AuthInfo.includes('"MediaId"'), true)
  })

  it('signs a form body in V3 (content-type signed, chunked body hashed)', async (t) => {
    const { port } = await listening(t)
    const res = await callApi(
      openApi(port),
      'GetPlayInfo',
      {},
      { VideoId: VIDEO_ID, Formats: 'mp4' },
    )
    assert.equal(res.statusCode, 200)
    assert.equal(res.body.PlayInfoList.PlayInfo.length, 1)
  })

  it("gets video info with signatureAlgorithm 'v2' (V1 POST, Format=json)", async (t) => {
    const { port } = await listening(t)
    const res = await callApi(openApi(port, { signatureAlgorithm: 'v2' }), 'GetVideoInfo', {
      VideoId: VIDEO_ID,
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.body.Video.VideoId, VIDEO_ID)
    assert.equal(typeof res.body.Video.Size, 'number')
  })

  it('throws code, statusCode and data for errors in V3 and V1 mode', async (t) => {
    const { port } = await listening(t)
    for (const config of [{}, { signatureAlgorithm: 'v2' }] as Record<string, string>[]) {
      const error = await failure(
        callApi(openApi(port, config), 'GetPlayInfo', { VideoId: UNKNOWN_VIDEO }),
      )
      assert.equal(error.code, 'InvalidVideo.NotFound')
      assert.equal(error.statusCode, 404)
      assert.match(error.message, /^InvalidVideo\.NotFound: code: 404, The video does not exist\./)
      assert.equal(error.data.HostId, `127.0.0.1:${port}`)
    }
  })

  it('throws SignatureDoesNotMatch with the V3 string-to-sign', async (t) => {
    const { port } = await listening(t)
    const client = openApi(port, { accessKeySecret: 'wrong' })
    const error = await failure(callApi(client, 'GetVideoInfo', { VideoId: VIDEO_ID }))
    assert.equal(error.code, 'SignatureDoesNotMatch')
    assert.match(error.data.Message, /server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/)
  })

  it('calls GetPlayInfo with a temporary credential (x-acs-security-token) in V3', async (t) => {
    const { port } = await listening(t)
    const issued = await callApi(openApi(port), 'GetVideoPlayAuth', { VideoId: VIDEO_ID })
    const playAuth = decodePlayAuth(issued.body.PlayAuth)
    const sts = openApi(port, {
      accessKeyId: playAuth.AccessKeyId,
      accessKeySecret: playAuth.AccessKeySecret,
      securityToken: playAuth.SecurityToken,
    })
    const res = await callApi(sts, 'GetPlayInfo', {
      VideoId: VIDEO_ID,
      Formats: 'mp4,m3u8',
      ReAuthInfo: '{"uid":"12345","rand":"abckljd"}',
      PlayConfig: JSON.stringify({ PlayDomain: PLAY_HOST }),
    })
    assert.equal(res.statusCode, 200)
    for (const info of res.body.PlayInfoList.PlayInfo)
      assert.match(info.PlayURL, /\?auth_key=\d+-abckljd-12345-[0-9a-f]{32}$/)
    const other = await failure(callApi(sts, 'GetPlayInfo', { VideoId: UNKNOWN_VIDEO }))
    assert.equal(other.code, 'Forbidden')
    assert.equal(other.statusCode, 403)
  })
})
