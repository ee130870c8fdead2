// Polyv's error wire (polyv.md §4): the body `{code, status: "error", message, data: ""}` with the
// exact messages of §4.1, HTTP 200 (the body code decides; `polyv.mirrorCodeAsHttpStatus` copies
// it into the status). PlayGate-defined messages are marked so in docs/dialects/polyv.md.
import { AppError, type ErrorCode } from '../../../core/errors.ts'
import type { PolyvReason } from '../../../core/schemes/polyv/verify.ts'
import type { WireErrorSummary } from '../contract.ts'

export interface PolyvError {
  /** The body `code`. */
  readonly code: number
  readonly message: (e: AppError) => string
}

/**
 * Refusals Polyv words with a message of their own, whatever their ErrorCode's entry says; `{p}`
 * is the parameter the fault names. Thrown as {@link PolyvFault} by name, so a misspelt one does
 * not compile.
 */
export const POLYV_REFUSALS = {
  'vid-empty': { appCode: 'MISSING_PARAMETER', code: 401, message: 'vid为空.' },
  'playauth-missing': { appCode: 'MISSING_PARAMETER', code: 400, message: 'playauth error' },
  'flag-invalid': { appCode: 'INVALID_PARAMETER', code: 400, message: '{p} error' },
  'ts-expired': { appCode: 'SIGNATURE_EXPIRED', code: 403, message: 'ts is expired.' },
  // The token API's own wording of an unknown userId (§8.2).
  'token-user-not-found': {
    appCode: 'ACCESS_KEY_NOT_FOUND',
    code: 400,
    message: 'user_not_found',
    data: 'user secretKey not found.',
  },
} as const satisfies Record<
  string,
  { appCode: ErrorCode; code: number; message: string; data?: string }
>

export type PolyvRefusal = keyof typeof POLYV_REFUSALS

/** An AppError Polyv answers with one of {@link POLYV_REFUSALS}. */
export class PolyvFault extends AppError {
  readonly refusal: PolyvRefusal
  constructor(refusal: PolyvRefusal, parameter?: string) {
    const wire = POLYV_REFUSALS[refusal]
    super(wire.appCode, wire.message.replace('{p}', parameter ?? ''), {
      details: parameter === undefined ? {} : { parameter },
    })
    this.refusal = refusal
  }
}

/**
 * The ErrorCode of each reason a core polyv check gives: its own, but a name sent twice cannot be
 * signed unambiguously, and Polyv would call that sign wrong.
 */
export const REASON_CODES = {
  'ptime-missing': 'MISSING_PARAMETER',
  'ptime-illegal': 'INVALID_PARAMETER',
  'ptime-too-old': 'SIGNATURE_EXPIRED',
  'sign-missing': 'MISSING_PARAMETER',
  'sign-mismatch': 'SIGNATURE_MISMATCH',
  'duplicate-parameter': 'SIGNATURE_MISMATCH',
} as const satisfies Record<PolyvReason, ErrorCode>

const MISSING: Readonly<Record<string, string>> = {
  sign: 'sign can not be empty.',
  ptime: 'ptime is illegal.',
  userid: 'userid is blank.',
  vids: 'vids为空.',
}

const INVALID: Readonly<Record<string, string>> = {
  ptime: 'ptime is illegal.',
  hlslevel: 'hlslevel error',
}

const param = (e: AppError) => e.details.parameter ?? ''
const USER_NOT_FOUND = 'Could not find user by userid.'
const NOT_OWNED = '用户的视频下找不到该视频.'
const SIGN_WRONG = 'the sign is not right.'
const FAILED = '获取失败,请查看后台日志.'

const e400 = (message: string): PolyvError => ({ code: 400, message: () => message })
const e403 = (message: string): PolyvError => ({ code: 403, message: () => message })

export const POLYV_WIRE = {
  MISSING_PARAMETER: {
    code: 400,
    message: (e) => MISSING[param(e)] ?? `${param(e)} can not be empty.`,
  },
  INVALID_PARAMETER: {
    code: 400,
    message: (e) =>
      INVALID[param(e)] ?? (param(e) === '' ? 'parameter is illegal.' : `${param(e)} is illegal.`),
  },
  UNSUPPORTED_OPERATION: { code: 404, message: () => 'api not found.' },
  UNAUTHENTICATED: e400(USER_NOT_FOUND),
  ACCESS_KEY_NOT_FOUND: e400(USER_NOT_FOUND),
  ACCESS_KEY_DISABLED: e403('user is disabled.'),
  SIGNATURE_MISMATCH: e400(SIGN_WRONG),
  SIGNATURE_EXPIRED: e400('ptime is too old.'),
  NONCE_REUSED: e400('sign has been used.'),
  TOKEN_INVALID: e403('token is invalid.'),
  TOKEN_EXPIRED: e403('token is expired.'),
  TOKEN_NOT_YET_VALID: e403('token is invalid.'),
  TOKEN_REVOKED: e403('token is invalid.'),
  SCOPE_MISMATCH: e403(NOT_OWNED),
  TENANT_SUSPENDED: e403('user is disabled.'),
  FORBIDDEN: e403('forbidden.'),
  PASSWORD_INCORRECT: e403('password is not right.'),
  MEDIA_NOT_READY: e403('video is not playable.'),
  NO_STREAM: e403('video is not playable.'),
  NOT_FOUND: e403(NOT_OWNED),
  CONFLICT: e400('conflict.'),
  PAYLOAD_TOO_LARGE: e400('request body is too large.'),
  RATE_LIMITED: { code: 429, message: () => 'request too frequent.' },
  UNAVAILABLE: { code: 500, message: () => FAILED },
  INTERNAL: { code: 500, message: () => FAILED },
} as const satisfies Record<ErrorCode, PolyvError>

/** What docs/errors.md shows: HTTP 200, and the body code. */
export const POLYV_ERRORS = Object.fromEntries(
  Object.entries(POLYV_WIRE).map(([name, wire]) => [
    name,
    { status: 200, code: String(wire.code) } satisfies WireErrorSummary,
  ]),
) as Record<ErrorCode, WireErrorSummary>

export interface PolyvErrorBody {
  readonly code: number
  readonly status: 'error'
  readonly message: string
  readonly data: string
}

export function toPolyvError(error: AppError): PolyvErrorBody {
  if (error instanceof PolyvFault) {
    const wire: { code: number; data?: string } = POLYV_REFUSALS[error.refusal]
    return { code: wire.code, status: 'error', message: error.message, data: wire.data ?? '' }
  }
  const wire: PolyvError = POLYV_WIRE[error.code]
  return { code: wire.code, status: 'error', message: wire.message(error), data: '' }
}
