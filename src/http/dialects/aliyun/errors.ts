// Aliyun's error wire: every ErrorCode, and each reason Aliyun words differently, mapped to the
// HTTP status, `Code` and `Message` of aliyun-vod.md §8, as the body `{RequestId, HostId, Code,
// Message, Recommend}`. Public text lives only here; AppError messages stay internal.
import type { PlayAuthReason } from '../../../core/schemes/aliyun-play-auth/verify.ts'
import type { AliyunRpcReason } from '../../../core/schemes/aliyun-rpc/verify.ts'
import { AppError, type ErrorCode, type ResourceKind } from '../../../core/errors.ts'
import { wireParameterName } from './schemas.ts'

export interface AliyunError {
  readonly status: number
  /** A fixed code, or one built from the error (`Missing{Param}`, `Invalid{Param}`). */
  readonly code: string | ((e: AppError) => string)
  readonly message: (e: AppError) => string
}

const param = (e: AppError) => wireParameterName(e.details.parameter ?? '')

const MISSING_PARAMETER = {
  status: 400,
  code: 'MissingParameter',
  message: (e) =>
    `The input parameter "${param(e)}" that is mandatory for processing this request is not supplied.`,
} as const satisfies AliyunError

const INVALID_PARAMETER = {
  status: 400,
  code: 'InvalidParameter',
  message: (e) => `The specified parameter "${param(e)}" is not valid.`,
} as const satisfies AliyunError

const FORBIDDEN = {
  status: 403,
  code: 'Forbidden',
  message: () => 'User not authorized to operate on the specified resource.',
} as const satisfies AliyunError

const TOKEN_EXPIRED = {
  status: 400,
  code: 'InvalidSecurityToken.Expired',
  message: () => 'Specified SecurityToken is expired.',
} as const satisfies AliyunError

const TOKEN_MALFORMED = {
  status: 400,
  code: 'InvalidSecurityToken.Malformed',
  message: () => 'Specified SecurityToken is malformed.',
} as const satisfies AliyunError

const INVALID_ACTION = {
  status: 404,
  code: 'InvalidAction.NotFound',
  message: () => 'Specified api is not found, please check your url and method.',
} as const satisfies AliyunError

const TIMESTAMP_EXPIRED = {
  status: 400,
  code: 'InvalidTimeStamp.Expired',
  message: () => 'Specified time stamp or date value is expired.',
} as const satisfies AliyunError

const ACCESS_KEY_NOT_FOUND = {
  status: 404,
  code: 'InvalidAccessKeyId.NotFound',
  message: () => 'Specified access key is not found.',
} as const satisfies AliyunError

/**
 * One wire error per ErrorCode: what a condition looks like when nothing more specific is known.
 * @see aliyun-vod.md §8.2 (gateway), §8.3 (VOD playback), §14 (recommendations followed)
 */
export const ALIYUN_ERRORS = {
  INVALID_PARAMETER,
  MISSING_PARAMETER,
  UNSUPPORTED_OPERATION: INVALID_ACTION,
  UNAUTHENTICATED: {
    status: 400,
    code: 'MissingAccessKeyId',
    message: () => 'AccessKeyId is mandatory for this action.',
  },
  ACCESS_KEY_NOT_FOUND,
  ACCESS_KEY_DISABLED: {
    status: 400,
    code: 'InvalidAccessKeyId.Inactive',
    message: () => 'Specified access key is disabled.',
  },
  SIGNATURE_MISMATCH: {
    status: 400,
    code: 'SignatureDoesNotMatch',
    // Aliyun appends its string-to-sign so a client can diff it with its own (alibaba-cloud-sdk-go
    // does); `hint` carries it, masked where it would hold a temporary credential's token.
    message: (e) =>
      `Specified signature is not matched with our calculation. server string to sign is:${e.details.hint ?? ''}`,
  },
  SIGNATURE_EXPIRED: TIMESTAMP_EXPIRED,
  NONCE_REUSED: {
    status: 400,
    code: 'SignatureNonceUsed',
    message: () => 'Specified signature nonce was used already.',
  },
  TOKEN_INVALID: TOKEN_MALFORMED,
  TOKEN_EXPIRED,
  // Nothing in Aliyun's protocol is "not yet valid"; the nearest documented words are the clock's.
  TOKEN_NOT_YET_VALID: TIMESTAMP_EXPIRED,
  // A revoked PlayAuth behaves as an expired one: the player asks its backend for a new one.
  TOKEN_REVOKED: TOKEN_EXPIRED,
  SCOPE_MISMATCH: FORBIDDEN,
  TENANT_SUSPENDED: {
    status: 403,
    code: 'OperationDenied.Suspended',
    message: () => 'Your VOD service is suspended.',
  },
  FORBIDDEN,
  PASSWORD_INCORRECT: FORBIDDEN,
  MEDIA_NOT_READY: {
    status: 403,
    code: 'Forbidden.IllegalStatus',
    message: (e) =>
      e.details.hint
        ? `Status of the video is illegal. Currently ${e.details.hint}.`
        : 'Status of the video is illegal.',
  },
  NO_STREAM: {
    status: 404,
    code: 'InvalidVideo.NoneStream',
    message: (e) =>
      `The video has no stream to play for the request parameter '${e.details.hint ?? ''}'.`,
  },
  NOT_FOUND: {
    status: 404,
    code: 'InvalidVideo.NotFound',
    message: () => 'The video does not exist.',
  },
  // Not reachable from the three playback actions; PlayGate's own wording (UNCONFIRMED).
  CONFLICT: {
    status: 409,
    code: 'OperationConflict',
    message: () => 'The request conflicts with the current state of the resource.',
  },
  // Aliyun documents no code for an oversized body; a 4xx every SDK surfaces (UNCONFIRMED).
  PAYLOAD_TOO_LARGE: {
    status: 400,
    code: 'InvalidParameter',
    message: () => 'The specified parameter "body" is not valid.',
  },
  RATE_LIMITED: {
    status: 400,
    code: 'Throttling.User',
    message: () => 'Request was denied due to user flow control.',
  },
  UNAVAILABLE: {
    status: 503,
    code: 'ServiceUnAvailable',
    message: () => 'The request has failed due to a temporary failure of the server.',
  },
  INTERNAL: {
    status: 500,
    code: 'InternalError',
    message: () => 'The request processing has failed due to some unknown error.',
  },
} as const satisfies Record<ErrorCode, AliyunError>

/**
 * Aliyun codes more specific than their ErrorCode's default, named by the wire code they send
 * (templates keep their braces). Thrown as {@link AliyunFault} by the dialect itself.
 */
export const ALIYUN_VARIANTS = {
  'InvalidTimeStamp.Format': {
    appCode: 'INVALID_PARAMETER',
    status: 400,
    code: 'InvalidTimeStamp.Format',
    message: () => 'Specified time stamp or date value is not well formatted.',
  },
  'InvalidParameter.Format': {
    appCode: 'INVALID_PARAMETER',
    status: 400,
    code: 'InvalidParameter.Format',
    message: () => 'Specified parameter format is not valid.',
  },
  IncompleteSignature: {
    appCode: 'INVALID_PARAMETER',
    status: 400,
    code: 'IncompleteSignature',
    message: () => 'The request signature does not conform to Aliyun standards.',
  },
  InvalidSignatureMethod: {
    appCode: 'UNSUPPORTED_OPERATION',
    status: 400,
    code: 'InvalidSignatureMethod',
    message: () => 'Specified signature method is not valid.',
  },
  UnsupportedHTTPMethod: {
    appCode: 'UNSUPPORTED_OPERATION',
    status: 400,
    code: 'UnsupportedHTTPMethod',
    message: () => 'This http method is not supported.',
  },
  'Missing{Param}': {
    appCode: 'MISSING_PARAMETER',
    status: 400,
    code: (e) => `Missing${param(e)}`,
    message: (e) => `${param(e)} is mandatory for this action.`,
  },
  // InvalidVersion, InvalidSignatureVersion: the gateway's template (§8.2, §14: 400).
  'Invalid{Param}': {
    appCode: 'INVALID_PARAMETER',
    status: 400,
    code: (e) => `Invalid${param(e)}`,
    message: (e) => `Specified parameter ${param(e)} is not valid.`,
  },
  'InvalidSecurityToken.MismatchWithAccessKey': {
    appCode: 'TOKEN_INVALID',
    status: 400,
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    message: () => 'Specified SecurityToken mismatch with the AccessKey.',
  },
  'InvalidAccessKeyId.NotFound': { appCode: 'ACCESS_KEY_NOT_FOUND', ...ACCESS_KEY_NOT_FOUND },
  'InvalidDomain.NotFound': {
    appCode: 'NOT_FOUND',
    status: 404,
    code: 'InvalidDomain.NotFound',
    message: () => 'The domain does not exist.',
  },
} as const satisfies Record<string, AliyunError & { appCode: ErrorCode }>

export type AliyunVariant = keyof typeof ALIYUN_VARIANTS

/** An AppError the dialect words with one of {@link ALIYUN_VARIANTS}. */
export class AliyunFault extends AppError {
  readonly variant: AliyunVariant

  constructor(
    variant: AliyunVariant,
    message: string,
    options: ConstructorParameters<typeof AppError>[2] = {},
  ) {
    super(ALIYUN_VARIANTS[variant].appCode, message, options)
    this.variant = variant
  }
}

/** Why the core checks this dialect runs refused a request (aliyun-rpc and aliyun-play-auth). */
export type AliyunReason = AliyunRpcReason | PlayAuthReason

/**
 * How Aliyun words each reason of a core verdict: a variant, or null for its ErrorCode's own
 * entry. Every reason is listed, so a new one does not compile until it is decided here.
 */
export const REASON_VARIANTS = {
  'timestamp-format': 'InvalidTimeStamp.Format',
  'timestamp-expired': null,
  'signature-method': 'InvalidSignatureMethod',
  'authorization-algorithm': 'InvalidSignatureMethod',
  'signature-version': 'Invalid{Param}',
  'authorization-malformed': 'IncompleteSignature',
  'signed-headers-incomplete': 'IncompleteSignature',
  'signed-header-absent': 'IncompleteSignature',
  'signature-missing': 'Missing{Param}',
  'duplicate-parameter': null,
  'content-sha256-mismatch': null,
  'signature-mismatch': null,
  'security-token-missing': 'Missing{Param}',
  'security-token-malformed': null,
  'security-token-key-unknown': null,
  'security-token-signature': null,
  'security-token-access-key-mismatch': 'InvalidSecurityToken.MismatchWithAccessKey',
  'security-token-expired': null,
  'auth-info-malformed': null,
  'auth-info-signature': null,
  'auth-info-mismatch': null,
  'video-mismatch': null,
} as const satisfies Record<AliyunReason, AliyunVariant | null>

/** Resources whose NOT_FOUND is not a video's. */
const NOT_FOUND_VARIANTS: Readonly<Partial<Record<ResourceKind | 'scope', AliyunVariant>>> = {
  playDomain: 'InvalidDomain.NotFound',
  // A PlayAuth outliving its tenant: its key is as gone as the account.
  tenant: 'InvalidAccessKeyId.NotFound',
}

export interface AliyunErrorBody {
  RequestId: string
  HostId: string
  Code: string
  Message: string
  Recommend: string
}

export interface AliyunErrorResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: AliyunErrorBody
}

/** The wire entry for an error: its variant, else a resource-specific NOT_FOUND, else its code's. */
export function aliyunErrorFor(err: AppError): AliyunError {
  if (err instanceof AliyunFault) return ALIYUN_VARIANTS[err.variant]
  const resource = err.details.resource
  if (err.code === 'NOT_FOUND' && resource !== undefined) {
    const variant = NOT_FOUND_VARIANTS[resource]
    if (variant) return ALIYUN_VARIANTS[variant]
  }
  return ALIYUN_ERRORS[err.code]
}

/**
 * Status, headers and body of an error. Throttling adds `x-acs-retry-after` in milliseconds (the
 * unit the Darabonba SDKs wait for) and the standard `Retry-After` in seconds.
 */
export function toAliyunError(
  err: AppError,
  ctx: { requestId: string; hostId: string },
): AliyunErrorResponse {
  const wire = aliyunErrorFor(err)
  const code = typeof wire.code === 'string' ? wire.code : wire.code(err)
  const headers: Record<string, string> = {}
  const retryAfter = err.details.retryAfterSeconds
  if (err.code === 'RATE_LIMITED' && retryAfter !== undefined) {
    headers['x-acs-retry-after'] = String(retryAfter * 1000)
    headers['retry-after'] = String(retryAfter)
  }
  return {
    status: wire.status,
    headers,
    body: {
      RequestId: ctx.requestId,
      HostId: ctx.hostId,
      Code: code,
      Message: wire.message(err),
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=vod&requestId=${ctx.requestId}`,
    },
  }
}
