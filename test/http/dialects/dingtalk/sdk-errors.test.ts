// Each DingTalk error case through the official SDK (dingtalk.md §3–§5.4): the SDK throws with the
// wire `code`, a message naming the HTTP status, and `accessDeniedDetail` for a missing scope;
// every error body is JSON `{code, requestid, message}` with `x-acs-request-id`.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  APP_KEY,
  APP_SECRET,
  CONF_ID,
  MEDIA_ID,
  REGION,
  TENANT_ID,
  conference,
  dingtalkWorld,
  oauth,
  sdkError,
  Util,
  withToken,
} from './world.ts'

type World = Awaited<ReturnType<typeof dingtalkWorld>>

function playInfo(world: World, token: string | undefined, q: Record<string, string> = {}) {
  const client = new conference.default(world.config())
  const headers =
    token === undefined
      ? new conference.QueryCloudRecordVideoPlayInfoHeaders({})
      : withToken(conference.QueryCloudRecordVideoPlayInfoHeaders, token)
  return client.queryCloudRecordVideoPlayInfoWithOptions(
    CONF_ID,
    new conference.QueryCloudRecordVideoPlayInfoRequest({
      mediaId: MEDIA_ID,
      regionId: REGION,
      unionId: 'HOST',
      ...q,
    }),
    headers,
    new Util.RuntimeOptions({}),
  )
}

/** The SDK's error: code, HTTP status, and the message shape of gateway-dingtalk's modifyResponse. */
function assertSdkError(error: Record<string, any>, code: string, status: number) {
  assert.equal(error.code, code, String(error.message))
  assert.equal(error.statusCode, status)
  assert.match(
    error.message,
    new RegExp(`^${code.replace(/\./g, '\\.')}: code: ${status}, .+ request id: [0-9A-F-]{36}$`),
  )
  assert.deepEqual(Object.keys(error.data).sort(), [
    ...(error.data.accessdenieddetail ? ['accessdenieddetail'] : []),
    'code',
    'message',
    'requestid',
    'statusCode',
  ])
}

describe('@alicloud/dingtalk error cases against PlayGate', () => {
  it('bad credentials: 400 invalidClientIdOrSecret; legacy: 200 errcode 40096', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new oauth.default(world.config())
    for (const [appKey, appSecret] of [
      [APP_KEY, 'wrong'],
      ['dingunknown', APP_SECRET],
      [APP_KEY, ''],
    ]) {
      const error = await sdkError(
        client.getAccessToken(new oauth.GetAccessTokenRequest({ appKey, appSecret })),
      )
      assertSdkError(error, 'invalidClientIdOrSecret', 400)
      assert.equal(error.data.message, '无效的clientId或者clientSecret')
    }
    const legacy = await fetch(`${world.base}/gettoken?appkey=${APP_KEY}&appsecret=wrong`)
    assert.equal(legacy.status, 200)
    const body = (await legacy.json()) as Record<string, unknown>
    assert.deepEqual([body.errcode, body.errmsg], [40096, '不合法的appKey或appSecret'])
  })

  it('a form-encoded token request: 400 InvalidParameter, body is mandatory', async (t) => {
    const world = await dingtalkWorld(t)
    const res = await fetch(`${world.base}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `appKey=${APP_KEY}&appSecret=${APP_SECRET}`,
    })
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('content-type'), 'application/json;charset=utf-8')
    const body = (await res.json()) as Record<string, string>
    assert.deepEqual(
      [body.code, body.message],
      ['InvalidParameter', 'body is mandatory for this action'],
    )
    assert.equal(res.headers.get('x-acs-request-id'), body.requestid)
  })

  it('no token header: 400 AuthenticationFailed.MissingParameter; a bad one: 400 InvalidAuthentication', async (t) => {
    const world = await dingtalkWorld(t)
    const missing = await sdkError(playInfo(world, undefined))
    assertSdkError(missing, 'AuthenticationFailed.MissingParameter', 400)
    assert.equal(missing.data.message, '缺少参数：x-acs-dingtalk-access-token')
    const bad = await sdkError(playInfo(world, '0123456789abcdef0123456789abcdef'))
    assertSdkError(bad, 'InvalidAuthentication', 400)
    assert.equal(bad.data.message, '不合法的access_token')
    const token = await world.token()
    world.clock.advance(7200_000)
    assertSdkError(await sdkError(playInfo(world, token)), 'InvalidAuthentication', 400)
  })

  it('an app without the scope: 403 with accessDeniedDetail.requiredScopes', async (t) => {
    const world = await dingtalkWorld(t)
    await world.services.dingtalkApps.setScopes(world.accessKeyId, [
      'VideoConference.Conference.Write',
    ])
    const error = await sdkError(playInfo(world, await world.token()))
    assertSdkError(error, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', 403)
    assert.deepEqual(error.accessDeniedDetail, {
      requiredScopes: ['VideoConference.Conference.Read'],
    })
  })

  it('access rules: permissionError, unknownUserError, cloudRecordNotFound, paramsError', async (t) => {
    const world = await dingtalkWorld(t)
    const token = await world.token()
    const cases: [Record<string, string>, string, number][] = [
      [{ unionId: 'OTHER' }, 'permissionError', 404],
      [{ unionId: 'NOBODY' }, 'unknownUserError', 400],
      [{ mediaId: 'nope' }, 'cloudRecordNotFound', 400],
      [{ regionId: 'cn-beijing' }, 'cloudRecordNotFound', 400],
      [{ regionId: '' }, 'paramsError', 400],
      [{ unionId: '' }, 'paramsError', 400],
    ]
    for (const [q, code, status] of cases)
      assertSdkError(await sdkError(playInfo(world, token, q)), code, status)
  })

  it('a suspended org: 400 orgAccessForbidden', async (t) => {
    const world = await dingtalkWorld(t)
    const token = await world.token()
    await world.services.tenants.update(TENANT_ID, { status: 'suspended' })
    assertSdkError(await sdkError(playInfo(world, token)), 'orgAccessForbidden', 400)
  })

  it('a closed conference: 400 resourceClose; a guest may not record: permissionError', async (t) => {
    const world = await dingtalkWorld(t)
    const token = await world.token()
    const client = new conference.default(world.config())
    const start = (unionId: string) =>
      client.startCloudRecordWithOptions(
        CONF_ID,
        new conference.StartCloudRecordRequest({ unionId }),
        withToken(conference.StartCloudRecordHeaders, token),
        new Util.RuntimeOptions({}),
      )
    assertSdkError(await sdkError(start('GUEST')), 'permissionError', 404)
    await client.closeVideoConferenceWithOptions(
      CONF_ID,
      new conference.CloseVideoConferenceRequest({ unionId: 'HOST' }),
      withToken(conference.CloseVideoConferenceHeaders, token),
      new Util.RuntimeOptions({}),
    )
    const closed = await sdkError(start('HOST'))
    assertSdkError(closed, 'resourceClose', 400)
    assert.equal(closed.data.message, 'The meeting has ended')
  })

  it('over the per-action limit: 429 Throttling with Retry-After', async (t) => {
    const world = await dingtalkWorld(t, {
      env: { PLAYGATE_LIMITS_DINGTALK_QUERY_CLOUD_RECORD_VIDEO_PLAY_INFO: '2' },
    })
    const token = await world.token()
    await playInfo(world, token)
    await playInfo(world, token)
    const error = await sdkError(playInfo(world, token))
    assertSdkError(error, 'Throttling', 429)
  })

  it('an unknown v1.0 path answers in DingTalk’s shape, not the native one', async (t) => {
    const world = await dingtalkWorld(t)
    const res = await fetch(`${world.base}/v1.0/conference/videoConferences/x/nothing`)
    assert.equal(res.status, 404)
    const body = (await res.json()) as Record<string, string>
    assert.equal(body.code, 'InvalidAction.NotFound')
    assert.equal(typeof body.requestid, 'string')
  })
})
