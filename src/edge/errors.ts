// The media edge's wire shape for errors: a status, a short text body and `X-Error-Code`. Every
// denial is a plain 403 whatever the reason, so the body says nothing that helps a forger.
import type { EdgeReply } from './exchange.ts'
import { AppError, isAppError, isStorageUnavailable, type ErrorCode } from '../core/errors.ts'

export interface EdgeError {
  readonly status: number
  /** The whole response body; the same for every code with that status where it matters. */
  readonly text: string
}

const DENIED: EdgeError = { status: 403, text: 'Forbidden' }
const BAD_REQUEST: EdgeError = { status: 400, text: 'Bad Request' }
const NOT_FOUND: EdgeError = { status: 404, text: 'Not Found' }

export const EDGE_ERRORS = {
  INVALID_PARAMETER: BAD_REQUEST,
  MISSING_PARAMETER: BAD_REQUEST,
  UNSUPPORTED_OPERATION: { status: 405, text: 'Method Not Allowed' },
  UNAUTHENTICATED: { status: 401, text: 'Unauthorized' },
  ACCESS_KEY_NOT_FOUND: DENIED,
  ACCESS_KEY_DISABLED: DENIED,
  SIGNATURE_MISMATCH: DENIED,
  SIGNATURE_EXPIRED: DENIED,
  NONCE_REUSED: DENIED,
  TOKEN_INVALID: DENIED,
  TOKEN_EXPIRED: DENIED,
  TOKEN_NOT_YET_VALID: DENIED,
  TOKEN_REVOKED: DENIED,
  SCOPE_MISMATCH: DENIED,
  TENANT_SUSPENDED: DENIED,
  FORBIDDEN: DENIED,
  PASSWORD_INCORRECT: DENIED,
  MEDIA_NOT_READY: NOT_FOUND,
  NO_STREAM: NOT_FOUND,
  NOT_FOUND,
  CONFLICT: { status: 409, text: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, text: 'Payload Too Large' },
  RATE_LIMITED: { status: 429, text: 'Too Many Requests' },
  UNAVAILABLE: { status: 503, text: 'Service Unavailable' },
  INTERNAL: { status: 500, text: 'Internal Server Error' },
} as const satisfies Record<ErrorCode, EdgeError>

/** Writes the edge error for `code`; the reply must not have been sent yet. */
export function sendEdgeError(reply: EdgeReply, code: ErrorCode): void {
  const wire = EDGE_ERRORS[code]
  const text = wire.text + '\n'
  void reply
    .status(wire.status)
    .header('x-error-code', code)
    .header('content-type', 'text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(text)
}

/** Anything thrown inside the edge as an AppError; unknown errors are INTERNAL with a cause. */
export function toEdgeAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('INVALID_PARAMETER', 'bad request', { cause: error })
  }
  if (isStorageUnavailable(error))
    return new AppError('UNAVAILABLE', 'the database did not answer', { cause: error })
  return new AppError('INTERNAL', 'unexpected edge failure', { cause: error })
}
