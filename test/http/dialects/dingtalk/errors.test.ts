// Golden DingTalk error wires (dingtalk.md §1–§4, §6): the exact v1.0 body per ErrorCode and per
// variant, the legacy `/gettoken` errcode per ErrorCode, and a hostile-input table through a
// listening PlayGate — malformed JSON, huge bodies, NUL, bad UTF-8, wrong content types and
// methods, chunked bodies — each answered in DingTalk's own JSON shape, never a 500.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { describe, it } from 'node:test'
import { AppError, ERROR_CODE_LIST, type ErrorCode } from '../../../../src/core/errors.ts'
import {
  DINGTALK_ERRORS,
  DINGTALK_LEGACY_ERRORS,
  toDingtalkError,
} from '../../../../src/http/dialects/dingtalk/errors.ts'
import { APP_KEY, APP_SECRET, CONF_ID, MEDIA_ID, REGION, dingtalkWorld } from './world.ts'

const RID = '01A08FE7-68C3-7BBD-B223-447768EA4B29'
const INVALID_CLIENT = [400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret'] as const
const INVALID_AUTH = [400, 'InvalidAuthentication', '不合法的access_token'] as const
const PERMISSION = [
  404,
  'permissionError',
  'permissionError:no permission for this conference',
] as const
const NO_RECORD = [400, 'cloudRecordNotFound', 'cloudRecordNotFound'] as const

/** status, code, message of every ErrorCode (details.parameter: mediaId). */
const GOLDEN: Readonly<Record<ErrorCode, readonly [number, string, string]>> = {
  INVALID_PARAMETER: [400, 'paramsError', 'error:mediaId is invalid'],
  MISSING_PARAMETER: [400, 'paramsError', 'error:mediaId is required'],
  UNSUPPORTED_OPERATION: [
    404,
    'InvalidAction.NotFound',
    'Specified api is not found, please check your url and method.',
  ],
  UNAUTHENTICATED: [
    400,
    'AuthenticationFailed.MissingParameter',
    '缺少参数：x-acs-dingtalk-access-token',
  ],
  ACCESS_KEY_NOT_FOUND: INVALID_CLIENT,
  ACCESS_KEY_DISABLED: INVALID_CLIENT,
  SIGNATURE_MISMATCH: INVALID_CLIENT,
  SIGNATURE_EXPIRED: INVALID_AUTH,
  NONCE_REUSED: INVALID_AUTH,
  TOKEN_INVALID: INVALID_AUTH,
  TOKEN_EXPIRED: INVALID_AUTH,
  TOKEN_NOT_YET_VALID: INVALID_AUTH,
  TOKEN_REVOKED: INVALID_AUTH,
  SCOPE_MISMATCH: INVALID_AUTH,
  TENANT_SUSPENDED: [400, 'orgAccessForbidden', 'orgAccessForbidden'],
  FORBIDDEN: PERMISSION,
  PASSWORD_INCORRECT: PERMISSION,
  MEDIA_NOT_READY: NO_RECORD,
  NO_STREAM: NO_RECORD,
  NOT_FOUND: NO_RECORD,
  CONFLICT: [400, 'resourceClose', 'The meeting has ended'],
  PAYLOAD_TOO_LARGE: [400, 'paramsError', 'error:the request body is too large'],
  RATE_LIMITED: [429, 'Throttling', 'Request was denied due to api flow control.'],
  UNAVAILABLE: [500, 'systemError', 'systemError:a dependency is unavailable, retry later'],
  INTERNAL: [500, 'unknownError', '未知错误'],
}

const BAD_KEYS = { errcode: 40096, errmsg: '不合法的appKey或appSecret' }
const BUSY = { errcode: -1, errmsg: '系统繁忙' }
const MISSING = { errcode: 40035, errmsg: '缺少参数 corpid or appkey' }

/** The legacy `/gettoken` errcode and errmsg of every ErrorCode (always HTTP 200). */
const LEGACY_GOLDEN: Readonly<Record<ErrorCode, { errcode: number; errmsg: string }>> = {
  INVALID_PARAMETER: BAD_KEYS,
  MISSING_PARAMETER: MISSING,
  UNSUPPORTED_OPERATION: BUSY,
  UNAUTHENTICATED: BAD_KEYS,
  ACCESS_KEY_NOT_FOUND: BAD_KEYS,
  ACCESS_KEY_DISABLED: BAD_KEYS,
  SIGNATURE_MISMATCH: BAD_KEYS,
  SIGNATURE_EXPIRED: BAD_KEYS,
  NONCE_REUSED: BAD_KEYS,
  TOKEN_INVALID: BAD_KEYS,
  TOKEN_EXPIRED: BAD_KEYS,
  TOKEN_NOT_YET_VALID: BAD_KEYS,
  TOKEN_REVOKED: BAD_KEYS,
  SCOPE_MISMATCH: BAD_KEYS,
  TENANT_SUSPENDED: BAD_KEYS,
  FORBIDDEN: BAD_KEYS,
  PASSWORD_INCORRECT: BAD_KEYS,
  MEDIA_NOT_READY: BUSY,
  NO_STREAM: BUSY,
  NOT_FOUND: BAD_KEYS,
  CONFLICT: BUSY,
  PAYLOAD_TOO_LARGE: MISSING,
  RATE_LIMITED: { errcode: 90018, errmsg: '当前请求被流控' },
  UNAVAILABLE: BUSY,
  INTERNAL: BUSY,
}

const appError = (code: ErrorCode, details: Record<string, unknown> = {}) =>
  new AppError(code, 'internal text, never shown', {
    details: { parameter: 'mediaId', ...details },
  })

describe('dingtalk error wire: one golden body per ErrorCode', () => {
  for (const code of ERROR_CODE_LIST) {
    const [status, wireCode, message] = GOLDEN[code]
    it(`answers ${code} as ${status} ${wireCode}`, () => {
      assert.equal(DINGTALK_ERRORS[code].status, status)
      assert.deepEqual(toDingtalkError(appError(code), RID), {
        status,
        headers: {},
        body: { code: wireCode, requestid: RID, message },
      })
      assert.deepEqual(DINGTALK_LEGACY_ERRORS[code], LEGACY_GOLDEN[code])
    })
  }

  it('words the documented variants apart from their ErrorCode', () => {
    const wire = (error: AppError, action?: string) => toDingtalkError(error, RID, action)
    assert.deepEqual(wire(appError('FORBIDDEN', { resource: 'scope', hint: 'A.Read' })), {
      status: 403,
      headers: {},
      body: {
        code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
        requestid: RID,
        message:
          '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp/add-api-permission',
        accessdenieddetail: { requiredScopes: ['A.Read'] },
      },
    })
    assert.deepEqual(wire(appError('NOT_FOUND', { resource: 'user' })).body, {
      code: 'unknownUserError',
      requestid: RID,
      message: 'unknownUserError',
    })
    assert.deepEqual(wire(appError('NOT_FOUND', { resource: 'conference' })).body, {
      code: 'permissionError',
      requestid: RID,
      message: 'permissionError:no permission for this conference',
    })
    // The token API: missing or mistyped credentials are bad credentials; a body that is no
    // JSON object is the gateway's "body is mandatory" (§6).
    for (const code of ['MISSING_PARAMETER', 'INVALID_PARAMETER'] as const)
      assert.equal(wire(appError(code), 'GetAccessToken').body.code, 'invalidClientIdOrSecret')
    assert.deepEqual(wire(appError('INVALID_PARAMETER', { parameter: 'body' }), 'GetAccessToken'), {
      status: 400,
      headers: {},
      body: {
        code: 'InvalidParameter',
        requestid: RID,
        message: 'body is mandatory for this action',
      },
    })
    assert.deepEqual(wire(appError('RATE_LIMITED', { retryAfterSeconds: 1 })).headers, {
      'retry-after': '1',
    })
  })

  it('never puts a secret or a token from the internal message on the wire', () => {
    const error = new AppError('TOKEN_INVALID', `token ${'f'.repeat(32)} secret ${APP_SECRET}`)
    const text = JSON.stringify(toDingtalkError(error, RID))
    assert.ok(!text.includes('f'.repeat(32)) && !text.includes(APP_SECRET))
  })
})

type World = Awaited<ReturnType<typeof dingtalkWorld>>
interface Sent {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly text: string
}

/** One raw HTTP/1.1 exchange: exactly these bytes, chunked when `chunks` has several parts. */
function send(
  world: World,
  init: {
    method?: string
    path: string
    headers?: Record<string, string>
    chunks?: (string | Buffer)[]
  },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const chunks = init.chunks ?? []
    const req = request(
      {
        host: '127.0.0.1',
        port: world.port,
        method: init.method ?? (chunks.length ? 'POST' : 'GET'),
        path: init.path,
        headers: {
          ...(chunks.length > 1 ? { 'transfer-encoding': 'chunked' } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const parts: Buffer[] = []
        res.on('data', (d: Buffer) => parts.push(d))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(parts).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

const TOKEN_PATH = '/v1.0/oauth2/accessToken'
const PLAY = `/v1.0/conference/videoConferences/${CONF_ID}/cloudRecords/videos/getPlayInfos`
const PLAY_QUERY = `mediaId=${MEDIA_ID}&regionId=${REGION}&unionId=HOST`
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }
const CREDENTIALS = JSON.stringify({ appKey: APP_KEY, appSecret: APP_SECRET })
const BODY_MANDATORY = [400, 'InvalidParameter', 'body is mandatory for this action'] as const
const TOO_LARGE = [400, 'paramsError', 'error:the request body is too large'] as const
const NOT_FOUND_API = GOLDEN.UNSUPPORTED_OPERATION

interface Row {
  readonly name: string
  readonly send: (w: World, token: string) => Promise<Sent>
  /** status, code, message */
  readonly want: readonly [number, string, string]
}

const auth = (token: string) => ({ 'x-acs-dingtalk-access-token': token })
const huge = (field: string) => `{"${field}":"${'a'.repeat(1_100_000)}"}`

const ROWS: readonly Row[] = [
  {
    name: 'token API: malformed JSON',
    send: (w) => send(w, { path: TOKEN_PATH, headers: JSON_TYPE, chunks: ['{"appKey":'] }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: malformed JSON sent chunked',
    send: (w) => send(w, { path: TOKEN_PATH, headers: JSON_TYPE, chunks: ['{"appKey":', '"x"'] }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: a JSON array',
    send: (w) => send(w, { path: TOKEN_PATH, headers: JSON_TYPE, chunks: ['[1,2]'] }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: no body',
    send: (w) => send(w, { method: 'POST', path: TOKEN_PATH, headers: JSON_TYPE }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: form-encoded',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        chunks: [`appKey=${APP_KEY}&appSecret=${APP_SECRET}`],
      }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: XML',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: { 'content-type': 'application/xml' },
        chunks: ['<a/>'],
      }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: gzip bytes',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
        chunks: [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])],
      }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: NUL inside a JSON string',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: JSON_TYPE,
        chunks: ['{"appKey":"a\\u0000b","appSecret":"x"}'],
      }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: bad UTF-8',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: JSON_TYPE,
        chunks: [
          Buffer.concat([Buffer.from('{"appKey":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
        ],
      }),
    want: BODY_MANDATORY,
  },
  {
    name: 'token API: appKey a number',
    send: (w) =>
      send(w, { path: TOKEN_PATH, headers: JSON_TYPE, chunks: ['{"appKey":1,"appSecret":"x"}'] }),
    want: INVALID_CLIENT,
  },
  {
    name: 'token API: over the body limit, chunked',
    send: (w) =>
      send(w, {
        path: TOKEN_PATH,
        headers: JSON_TYPE,
        chunks: [huge('appKey').slice(0, 600_000), huge('appKey').slice(600_000)],
      }),
    want: TOO_LARGE,
  },
  {
    name: 'CreateVideoConference: over the body limit',
    send: (w, token) =>
      send(w, {
        path: '/v1.0/conference/videoConferences',
        headers: { ...JSON_TYPE, ...auth(token) },
        chunks: [huge('confTitle')],
      }),
    want: TOO_LARGE,
  },
  {
    name: 'CreateVideoConference: a JSON string body',
    send: (w, token) =>
      send(w, {
        path: '/v1.0/conference/videoConferences',
        headers: { ...JSON_TYPE, ...auth(token) },
        chunks: ['"hello"'],
      }),
    want: [400, 'paramsError', 'error:body is invalid'],
  },
  {
    name: 'CreateVideoConference: inviteUserIds not a list',
    send: (w, token) =>
      send(w, {
        path: '/v1.0/conference/videoConferences',
        headers: { ...JSON_TYPE, ...auth(token) },
        chunks: ['{"userId":"HOST","confTitle":"T","inviteUserIds":"GUEST"}'],
      }),
    want: [400, 'paramsError', 'error:inviteUserIds is invalid'],
  },
  {
    name: 'getPlayInfos: NUL in the query',
    send: (w, token) =>
      send(w, {
        path: `${PLAY}?mediaId=%00&regionId=${REGION}&unionId=HOST`,
        headers: auth(token),
      }),
    want: [400, 'paramsError', 'error:mediaId is invalid'],
  },
  {
    name: 'getPlayInfos: bad UTF-8 in the query',
    send: (w, token) =>
      send(w, {
        path: `${PLAY}?mediaId=%ff&regionId=${REGION}&unionId=HOST`,
        headers: auth(token),
      }),
    want: [400, 'paramsError', 'error:query is invalid'],
  },
  {
    name: 'getPlayInfos: a malformed escape',
    send: (w, token) =>
      send(w, {
        path: `${PLAY}?mediaId=%zz&regionId=${REGION}&unionId=HOST`,
        headers: auth(token),
      }),
    want: [400, 'paramsError', 'error:query is invalid'],
  },
  {
    name: 'getPlayInfos: an over-long unionId',
    send: (w, token) =>
      send(w, {
        path: `${PLAY}?mediaId=${MEDIA_ID}&regionId=${REGION}&unionId=${'u'.repeat(2000)}`,
        headers: auth(token),
      }),
    want: [400, 'paramsError', 'error:unionId is invalid'],
  },
  {
    name: 'getPlayInfos: no mediaId',
    send: (w, token) =>
      send(w, { path: `${PLAY}?regionId=${REGION}&unionId=HOST`, headers: auth(token) }),
    want: [400, 'paramsError', 'error:mediaId is required'],
  },
  {
    name: 'getPlayInfos: an over-long token',
    send: (w) => send(w, { path: `${PLAY}?${PLAY_QUERY}`, headers: auth('a'.repeat(4000)) }),
    want: INVALID_AUTH,
  },
  {
    name: 'getPlayInfos: the token as a query parameter only',
    send: (w, token) => send(w, { path: `${PLAY}?${PLAY_QUERY}&access_token=${token}` }),
    want: GOLDEN.UNAUTHENTICATED,
  },
  {
    name: 'getPlayInfos: PUT',
    send: (w, token) =>
      send(w, { method: 'PUT', path: `${PLAY}?${PLAY_QUERY}`, headers: auth(token) }),
    want: NOT_FOUND_API,
  },
  {
    name: 'getPlayInfos: POST with a JSON body',
    send: (w, token) =>
      send(w, {
        path: `${PLAY}?${PLAY_QUERY}`,
        headers: { ...JSON_TYPE, ...auth(token) },
        chunks: ['{}'],
      }),
    want: NOT_FOUND_API,
  },
  {
    name: 'getVideos: a conferenceId past the router limit',
    send: (w, token) =>
      send(w, {
        path: `/v1.0/conference/videoConferences/${'c'.repeat(150)}/cloudRecords/getVideos?unionId=HOST`,
        headers: auth(token),
      }),
    want: NOT_FOUND_API,
  },
  {
    name: 'getTexts: maxResults not a number',
    send: (w, token) =>
      send(w, {
        path: `/v1.0/conference/videoConferences/${CONF_ID}/cloudRecords/getTexts?unionId=HOST&maxResults=1e3`,
        headers: auth(token),
      }),
    want: [400, 'paramsError', 'error:maxResults is invalid'],
  },
]

describe('dingtalk hostile input: DingTalk’s own JSON error, never a 500', () => {
  it('answers every row with its golden status, code and message', async (t) => {
    const world = await dingtalkWorld(t)
    const token = await world.token()
    for (const row of ROWS) {
      const res = await row.send(world, token)
      const [status, code, message] = row.want
      assert.equal(res.headers['content-type'], 'application/json;charset=utf-8', row.name)
      const body = JSON.parse(res.text) as Record<string, unknown>
      assert.deepEqual(
        { status: res.status, body },
        { status, body: { code, requestid: res.headers['x-acs-request-id'], message } },
        row.name,
      )
    }
    // Nothing was half written: no conference came of the refused creates.
    const list = await world.services.dingtalkCatalog.listConferences('tn_dingtalktest')
    assert.equal(list.total, 1)
  })

  it('accepts a chunked JSON token request, as the SDK sends it', async (t) => {
    const world = await dingtalkWorld(t)
    const res = await send(world, {
      path: TOKEN_PATH,
      headers: JSON_TYPE,
      chunks: [CREDENTIALS.slice(0, 10), CREDENTIALS.slice(10)],
    })
    assert.equal(res.status, 200, res.text)
    assert.equal(JSON.parse(res.text).expireIn, 7200)
  })

  it('answers the legacy /gettoken with NUL or a huge appkey as HTTP 200 errcode 40096', async (t) => {
    const world = await dingtalkWorld(t)
    for (const appkey of ['%00', 'a'.repeat(6000), '%ff']) {
      const res = await send(world, { path: `/gettoken?appkey=${appkey}&appsecret=x` })
      assert.equal(res.status, 200)
      const body = JSON.parse(res.text)
      assert.deepEqual(body, { ...BAD_KEYS, request_id: res.headers['x-acs-request-id'] })
    }
  })
})
