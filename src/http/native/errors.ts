// Native REST wire shape for errors: status + { error: { code, message, requestId } }. The
// internal code is the public code; the public message is the error's hint (its specific reason
// and fix) or else the catalogue's text plus the parameter name, never the internal message.
import { ERROR_CODES, type AppError, type ErrorCode } from '../../core/errors.ts'

export const NATIVE_STATUS = {
  INVALID_PARAMETER: 400,
  MISSING_PARAMETER: 400,
  UNSUPPORTED_OPERATION: 404,
  UNAUTHENTICATED: 401,
  ACCESS_KEY_NOT_FOUND: 401,
  ACCESS_KEY_DISABLED: 403,
  SIGNATURE_MISMATCH: 401,
  SIGNATURE_EXPIRED: 401,
  NONCE_REUSED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_NOT_YET_VALID: 401,
  TOKEN_REVOKED: 401,
  SCOPE_MISMATCH: 403,
  TENANT_SUSPENDED: 403,
  FORBIDDEN: 403,
  PASSWORD_INCORRECT: 403,
  MEDIA_NOT_READY: 409,
  NO_STREAM: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>

export interface NativeErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; parameter?: string }
}

export function toNativeError(
  error: Pick<AppError, 'code' | 'details'>,
  requestId: string,
): { status: number; body: NativeErrorBody } {
  const parameter = error.details.parameter
  const base = ERROR_CODES[error.code]
  // A hint is the specific reason and fix, safe to show (AppError's contract); else the catalogue.
  const message = error.details.hint ?? (parameter ? `${base} (${parameter})` : base)
  return {
    status: NATIVE_STATUS[error.code],
    body: { error: { code: error.code, message, requestId, ...(parameter ? { parameter } : {}) } },
  }
}
