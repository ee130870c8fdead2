// Tencent Cloud API 3.0's error wire (tencent-live.md §4): every ErrorCode, and the conditions
// Tencent words apart, as `{"Response":{"Error":{"Code","Message"},"RequestId"}}` with HTTP 200 —
// the SDK throws away the body of any other status. Messages in English, or Chinese for zh-CN.
import type { Tc3Reason } from '../../../core/schemes/tencent-tc3/verify.ts'
import { AppError, type ErrorCode } from '../../../core/errors.ts'

export type Language = 'en-US' | 'zh-CN'

export interface TencentError {
  /** Always 200: "a signature failure still comes with 200, not 401" (§4). */
  readonly status: 200
  readonly code: string | ((e: AppError) => string)
}

/** Public messages per wire code; `{p}` is the parameter the error names. */
const MESSAGES: Readonly<Record<string, readonly [en: string, zh: string]>> = {
  'AuthFailure.InvalidAuthorization': [
    'The Authorization header is invalid.',
    '请求头部的 Authorization 不符合腾讯云标准。',
  ],
  'AuthFailure.InvalidSecretId': [
    'Invalid key (not a cloud API key type).',
    '密钥非法（不是云 API 密钥类型）。',
  ],
  'AuthFailure.SecretIdNotFound': [
    'The SecretId does not exist or is disabled.',
    '密钥不存在或已被禁用。',
  ],
  'AuthFailure.SignatureExpire': [
    'Signature expired. Timestamp and server time cannot differ by more than five minutes.',
    '签名过期。Timestamp 和服务器时间相差不得超过五分钟。',
  ],
  // The one message the docs print verbatim (§4).
  'AuthFailure.SignatureFailure': [
    'The provided credentials could not be validated. Please check your signature is correct.',
    '请求签名验证失败，请检查您的签名计算是否正确。',
  ],
  'AuthFailure.TokenFailure': ['Token error.', 'token 错误。'],
  'AuthFailure.UnauthorizedOperation': ['The request is not authorized.', '请求未授权。'],
  InvalidAction: ['The API does not exist.', '接口不存在。'],
  InvalidParameter: ['Invalid parameter {p}.', '参数错误：{p}。'],
  InvalidParameterValue: ['Invalid parameter value {p}.', '参数取值错误：{p}。'],
  MissingParameter: ['Missing parameter {p}.', '缺少参数：{p}。'],
  UnknownParameter: ['Unknown parameter {p}.', '未知参数：{p}。'],
  NoSuchVersion: ['The API version does not exist.', '接口版本不存在。'],
  UnsupportedProtocol: [
    'Only GET and POST are supported.',
    'HTTP 请求方法错误，仅支持 GET 和 POST。',
  ],
  UnsupportedOperation: ['The operation is not supported.', '操作不支持。'],
  RequestLimitExceeded: [
    'Your request frequency has exceeded the limit.',
    '请求的次数超过了频率限制。',
  ],
  RequestSizeLimitExceeded: ['The request is too large.', '请求包超过限制大小。'],
  ResourceNotFound: ['The resource does not exist.', '资源不存在。'],
  'ResourceNotFound.PlayDomainNoRecord': [
    'The playback domain name does not exist.',
    '播放域名不存在。',
  ],
  'ResourceNotFound.FreezeService': ['Service suspended.', '服务已冻结。'],
  'ResourceNotFound.UserDisableService': ['You disabled the service.', '用户已停用服务。'],
  ResourceInUse: ['The resource is in use.', '资源被占用。'],
  ResourceUnavailable: ['The resource is unavailable.', '资源不可用。'],
  ServiceUnavailable: ['The service is temporarily unavailable.', '服务暂时不可用。'],
  InternalError: ['Internal error.', '内部错误。'],
}

/** Wire codes this dialect may send for one ErrorCode; a TencentFault picks among them. */
export type TencentCode = keyof typeof MESSAGES

/** An AppError carrying the exact Tencent code when the ErrorCode alone does not say it. */
export class TencentFault extends AppError {
  readonly wireCode: string

  constructor(
    code: ErrorCode,
    wireCode: TencentCode,
    message: string,
    options: ConstructorParameters<typeof AppError>[2] = {},
  ) {
    super(code, message, options)
    this.wireCode = wireCode
  }
}

const fixed = (code: TencentCode): TencentError => ({ status: 200, code })
const AUTH_TOKEN = fixed('AuthFailure.TokenFailure')
const UNAUTHORIZED = fixed('AuthFailure.UnauthorizedOperation')

/**
 * One wire code per ErrorCode: what a condition looks like when nothing more specific is known.
 * A missing play domain is `ResourceNotFound.PlayDomainNoRecord` (§4.2); a suspended tenant is
 * `ResourceNotFound.FreezeService`, a disabled one `…UserDisableService` (authenticate says which).
 */
export const TENCENT_ERRORS = {
  INVALID_PARAMETER: fixed('InvalidParameter'),
  MISSING_PARAMETER: fixed('MissingParameter'),
  UNSUPPORTED_OPERATION: fixed('InvalidAction'),
  UNAUTHENTICATED: fixed('AuthFailure.InvalidAuthorization'),
  ACCESS_KEY_NOT_FOUND: fixed('AuthFailure.SecretIdNotFound'),
  ACCESS_KEY_DISABLED: fixed('AuthFailure.SecretIdNotFound'),
  SIGNATURE_MISMATCH: fixed('AuthFailure.SignatureFailure'),
  SIGNATURE_EXPIRED: fixed('AuthFailure.SignatureExpire'),
  // No documented code for a replayed v1 nonce or TC3 signature (UNCONFIRMED): it is a signature
  // that no longer validates.
  NONCE_REUSED: fixed('AuthFailure.SignatureFailure'),
  TOKEN_INVALID: AUTH_TOKEN,
  TOKEN_EXPIRED: AUTH_TOKEN,
  TOKEN_NOT_YET_VALID: AUTH_TOKEN,
  TOKEN_REVOKED: AUTH_TOKEN,
  SCOPE_MISMATCH: UNAUTHORIZED,
  TENANT_SUSPENDED: fixed('ResourceNotFound.FreezeService'),
  FORBIDDEN: UNAUTHORIZED,
  PASSWORD_INCORRECT: UNAUTHORIZED,
  MEDIA_NOT_READY: fixed('ResourceUnavailable'),
  NO_STREAM: fixed('ResourceNotFound'),
  NOT_FOUND: {
    status: 200,
    code: (e) =>
      e.details.resource === 'playDomain'
        ? 'ResourceNotFound.PlayDomainNoRecord'
        : 'ResourceNotFound',
  },
  CONFLICT: fixed('ResourceInUse'),
  PAYLOAD_TOO_LARGE: fixed('RequestSizeLimitExceeded'),
  // Whether live answers a sub-code is UNCONFIRMED; the plain code is the recommendation (§4.3).
  RATE_LIMITED: fixed('RequestLimitExceeded'),
  UNAVAILABLE: fixed('ServiceUnavailable'),
  INTERNAL: fixed('InternalError'),
} as const satisfies Record<ErrorCode, TencentError>

/**
 * How Tencent words each reason of a tencent-tc3 verdict: a wire code, or null for its
 * ErrorCode's own. Every reason is listed, so a new one does not compile until it is decided here.
 */
export const REASON_CODES = {
  'timestamp-format': null,
  'timestamp-expired': null,
  'authorization-malformed': 'AuthFailure.InvalidAuthorization',
  'signed-headers-incomplete': 'AuthFailure.InvalidAuthorization',
  'signed-header-absent': 'AuthFailure.InvalidAuthorization',
  'scope-date-mismatch': null,
  'signature-missing': null,
  'duplicate-parameter': null,
  'signature-method': 'InvalidParameterValue',
  'signature-mismatch': null,
} as const satisfies Record<Tc3Reason, TencentCode | null>

export interface TencentErrorBody {
  readonly Response: {
    readonly Error: { readonly Code: string; readonly Message: string }
    readonly RequestId: string
  }
}

/** The wire code of an error. */
export function tencentCodeOf(error: AppError): string {
  if (error instanceof TencentFault) return error.wireCode
  const wire: TencentError = TENCENT_ERRORS[error.code]
  return typeof wire.code === 'string' ? wire.code : wire.code(error)
}

/** The whole error body; the message never holds more than a parameter name. */
export function toTencentError(
  error: AppError,
  requestId: string,
  language: Language,
): TencentErrorBody {
  const code = tencentCodeOf(error)
  const texts = MESSAGES[code] ?? MESSAGES.InternalError!
  const parameter = (error.details.parameter ?? '').replace(/[^\w.-]/g, '')
  const text = texts[language === 'zh-CN' ? 1 : 0].replace('{p}', parameter).replace(/ \./, '.')
  return { Response: { Error: { Code: code, Message: text }, RequestId: requestId } }
}
