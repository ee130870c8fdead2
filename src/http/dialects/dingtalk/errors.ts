// DingTalk's error wires (dingtalk.md §1–§4): v1.0 answers an HTTP status with
// `{code, requestid, message}` (plus `accessdenieddetail` for a missing scope); the legacy `oapi`
// answers HTTP 200 with `{errcode, errmsg}`. Public text lives only here.
import type { AppError, ErrorCode } from '../../../core/errors.ts'

export interface DingtalkError {
  readonly status: number
  readonly code: string
  readonly message: (e: AppError) => string
}

/** What an error's detail may safely name on the wire (never a token or a secret). */
const param = (e: AppError) => (e.details.parameter ?? 'parameter').slice(0, 64)

const PARAMS_ERROR = {
  status: 400,
  code: 'paramsError',
  message: (e) => `error:${param(e)} is invalid`,
} as const satisfies DingtalkError

const INVALID_AUTHENTICATION = {
  status: 400,
  code: 'InvalidAuthentication',
  message: () => '不合法的access_token',
} as const satisfies DingtalkError

const INVALID_CLIENT = {
  status: 400,
  code: 'invalidClientIdOrSecret',
  message: () => '无效的clientId或者clientSecret',
} as const satisfies DingtalkError

const PERMISSION_ERROR = {
  status: 404,
  code: 'permissionError',
  message: () => 'permissionError:no permission for this conference',
} as const satisfies DingtalkError

const CLOUD_RECORD_NOT_FOUND = {
  status: 400,
  code: 'cloudRecordNotFound',
  message: () => 'cloudRecordNotFound',
} as const satisfies DingtalkError

/**
 * One v1.0 wire error per ErrorCode: what a condition looks like when nothing more specific is
 * known. The codes the getPlayInfos doc lists are used as listed (§4.4); the rest follow §3 and §6.
 */
export const DINGTALK_ERRORS = {
  INVALID_PARAMETER: PARAMS_ERROR,
  MISSING_PARAMETER: {
    status: 400,
    code: 'paramsError',
    message: (e) => `error:${param(e)} is required`,
  },
  UNSUPPORTED_OPERATION: {
    status: 404,
    code: 'InvalidAction.NotFound',
    message: () => 'Specified api is not found, please check your url and method.',
  },
  UNAUTHENTICATED: {
    status: 400,
    code: 'AuthenticationFailed.MissingParameter',
    message: () => '缺少参数：x-acs-dingtalk-access-token',
  },
  ACCESS_KEY_NOT_FOUND: INVALID_CLIENT,
  ACCESS_KEY_DISABLED: INVALID_CLIENT,
  SIGNATURE_MISMATCH: INVALID_CLIENT,
  SIGNATURE_EXPIRED: INVALID_AUTHENTICATION,
  NONCE_REUSED: INVALID_AUTHENTICATION,
  TOKEN_INVALID: INVALID_AUTHENTICATION,
  TOKEN_EXPIRED: INVALID_AUTHENTICATION,
  TOKEN_NOT_YET_VALID: INVALID_AUTHENTICATION,
  TOKEN_REVOKED: INVALID_AUTHENTICATION,
  SCOPE_MISMATCH: INVALID_AUTHENTICATION,
  TENANT_SUSPENDED: {
    status: 400,
    code: 'orgAccessForbidden',
    message: () => 'orgAccessForbidden',
  },
  FORBIDDEN: PERMISSION_ERROR,
  PASSWORD_INCORRECT: PERMISSION_ERROR,
  MEDIA_NOT_READY: CLOUD_RECORD_NOT_FOUND,
  NO_STREAM: CLOUD_RECORD_NOT_FOUND,
  NOT_FOUND: CLOUD_RECORD_NOT_FOUND,
  CONFLICT: { status: 400, code: 'resourceClose', message: () => 'The meeting has ended' },
  PAYLOAD_TOO_LARGE: {
    status: 400,
    code: 'paramsError',
    message: () => 'error:the request body is too large',
  },
  RATE_LIMITED: {
    status: 429,
    code: 'Throttling',
    message: () => 'Request was denied due to api flow control.',
  },
  UNAVAILABLE: {
    status: 500,
    code: 'systemError',
    message: () => 'systemError:a dependency is unavailable, retry later',
  },
  INTERNAL: { status: 500, code: 'unknownError', message: () => '未知错误' },
} as const satisfies Record<ErrorCode, DingtalkError>

/** The scope a 403 names in `accessdenieddetail.requiredScopes` (details.resource 'scope'). */
export const SCOPE_DENIED = {
  status: 403,
  code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
  message: () =>
    '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp/add-api-permission',
} as const satisfies DingtalkError

const UNKNOWN_USER = {
  status: 400,
  code: 'unknownUserError',
  message: () => 'unknownUserError',
} as const satisfies DingtalkError

/** The token API's body was not a JSON object (§6: InvalidParameter, "body is mandatory…"). */
export const BODY_MANDATORY = {
  status: 400,
  code: 'InvalidParameter',
  message: () => 'body is mandatory for this action',
} as const satisfies DingtalkError

/**
 * Why an error is answered by a variant rather than by its code's entry. `details.resource` is a
 * typed union (core/errors.ts), so a resource compared here cannot be misspelt.
 */
export function dingtalkErrorFor(err: AppError, action?: string): DingtalkError {
  const resource = err.details.resource
  if (err.code === 'FORBIDDEN' && resource === 'scope') return SCOPE_DENIED
  if (err.code === 'NOT_FOUND' && resource === 'user') return UNKNOWN_USER
  if (err.code === 'NOT_FOUND' && resource === 'conference') return PERMISSION_ERROR
  if (action === 'GetAccessToken') {
    // A missing appKey or appSecret is a credential that does not match; a body that is not a
    // JSON object is the gateway's own refusal.
    if (err.code === 'MISSING_PARAMETER') return INVALID_CLIENT
    if (err.code === 'INVALID_PARAMETER' && err.details.parameter === 'body') return BODY_MANDATORY
    if (err.code === 'INVALID_PARAMETER') return INVALID_CLIENT
  }
  return DINGTALK_ERRORS[err.code]
}

export interface DingtalkErrorBody {
  code: string
  requestid: string
  message: string
  accessdenieddetail?: { requiredScopes: string[] }
}

/** Status, headers and body of a v1.0 error. */
export function toDingtalkError(
  err: AppError,
  requestId: string,
  action?: string,
): { status: number; headers: Record<string, string>; body: DingtalkErrorBody } {
  const wire = dingtalkErrorFor(err, action)
  const body: DingtalkErrorBody = {
    code: wire.code,
    requestid: requestId,
    message: wire.message(err),
  }
  if (wire === SCOPE_DENIED && err.details.hint !== undefined)
    body.accessdenieddetail = { requiredScopes: [err.details.hint] }
  const headers: Record<string, string> = {}
  const retryAfter = err.details.retryAfterSeconds
  if (err.code === 'RATE_LIMITED' && retryAfter !== undefined)
    headers['retry-after'] = String(retryAfter)
  return { status: wire.status, headers, body }
}

/** The legacy `oapi` wire: `errcode` and `errmsg` under HTTP 200 (§1.2). */
export interface LegacyError {
  readonly errcode: number
  readonly errmsg: string
}

const LEGACY_BAD_CREDENTIALS = { errcode: 40096, errmsg: '不合法的appKey或appSecret' } as const
const LEGACY_SYSTEM_BUSY = { errcode: -1, errmsg: '系统繁忙' } as const

export const DINGTALK_LEGACY_ERRORS = {
  INVALID_PARAMETER: LEGACY_BAD_CREDENTIALS,
  MISSING_PARAMETER: { errcode: 40035, errmsg: '缺少参数 corpid or appkey' },
  UNSUPPORTED_OPERATION: LEGACY_SYSTEM_BUSY,
  UNAUTHENTICATED: LEGACY_BAD_CREDENTIALS,
  ACCESS_KEY_NOT_FOUND: LEGACY_BAD_CREDENTIALS,
  ACCESS_KEY_DISABLED: LEGACY_BAD_CREDENTIALS,
  SIGNATURE_MISMATCH: LEGACY_BAD_CREDENTIALS,
  SIGNATURE_EXPIRED: LEGACY_BAD_CREDENTIALS,
  NONCE_REUSED: LEGACY_BAD_CREDENTIALS,
  TOKEN_INVALID: LEGACY_BAD_CREDENTIALS,
  TOKEN_EXPIRED: LEGACY_BAD_CREDENTIALS,
  TOKEN_NOT_YET_VALID: LEGACY_BAD_CREDENTIALS,
  TOKEN_REVOKED: LEGACY_BAD_CREDENTIALS,
  SCOPE_MISMATCH: LEGACY_BAD_CREDENTIALS,
  // No documented errcode for a disabled org: its credentials are refused like bad ones.
  TENANT_SUSPENDED: LEGACY_BAD_CREDENTIALS,
  FORBIDDEN: LEGACY_BAD_CREDENTIALS,
  PASSWORD_INCORRECT: LEGACY_BAD_CREDENTIALS,
  MEDIA_NOT_READY: LEGACY_SYSTEM_BUSY,
  NO_STREAM: LEGACY_SYSTEM_BUSY,
  NOT_FOUND: LEGACY_BAD_CREDENTIALS,
  CONFLICT: LEGACY_SYSTEM_BUSY,
  PAYLOAD_TOO_LARGE: { errcode: 40035, errmsg: '缺少参数 corpid or appkey' },
  RATE_LIMITED: { errcode: 90018, errmsg: '当前请求被流控' },
  UNAVAILABLE: LEGACY_SYSTEM_BUSY,
  INTERNAL: LEGACY_SYSTEM_BUSY,
} as const satisfies Record<ErrorCode, LegacyError>
