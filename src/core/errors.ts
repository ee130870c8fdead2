// The one catalogue of conditions a caller can observe. Every edge (native, each dialect, the
// media edge, the CLI) maps these codes to its own wire shape in a table typed
// `satisfies Record<ErrorCode, …>`, so adding a code breaks typecheck until every edge maps it.

export const ERROR_CODES = {
  INVALID_PARAMETER: 'A parameter is present but malformed or out of range.',
  MISSING_PARAMETER: 'A required parameter is absent.',
  UNSUPPORTED_OPERATION: 'Unknown action, version or signature method.',
  UNAUTHENTICATED: 'No credential was presented, or it is not recognised.',
  ACCESS_KEY_NOT_FOUND: 'The access key id is unknown.',
  ACCESS_KEY_DISABLED: 'The access key exists but is disabled.',
  SIGNATURE_MISMATCH: 'The request signature does not match.',
  SIGNATURE_EXPIRED: 'The signed timestamp is outside the allowed skew.',
  NONCE_REUSED: 'The nonce was already used within its window.',
  TOKEN_INVALID: 'A play token or auth token is malformed or forged.',
  TOKEN_EXPIRED: 'A play token or auth token has expired.',
  TOKEN_NOT_YET_VALID: 'A play token or signed URL is not valid yet.',
  TOKEN_REVOKED: 'A play token or signed URL was revoked.',
  SCOPE_MISMATCH: 'A signed URL or token does not cover the requested resource.',
  TENANT_SUSPENDED: 'The tenant is suspended or disabled.',
  FORBIDDEN: 'Authenticated, but policy denies it (referer, IP, scope).',
  PASSWORD_INCORRECT: 'The play password does not match.',
  MEDIA_NOT_READY: 'The video exists but its status does not allow playback.',
  NO_STREAM: 'The video has no playable stream matching the request.',
  NOT_FOUND: 'The resource does not exist.',
  CONFLICT: 'The resource already exists or changed concurrently.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than allowed.',
  RATE_LIMITED: 'Too many requests; retry later.',
  UNAVAILABLE: 'A dependency is down; retryable.',
  INTERNAL: 'A bug. Never chosen on purpose for an expected condition.',
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[]

export interface ErrorDetails {
  /** Names the offending parameter; fills templates like Aliyun's `The input parameter "%s" …`. */
  readonly parameter?: string
  /** What is missing or refused: dialects word some apart ('scope': a permission an app lacks). */
  readonly resource?: ResourceKind | 'scope'
  readonly retryAfterSeconds?: number
  /** Safe, non-secret text a dialect may echo (e.g. Aliyun's server string-to-sign). */
  readonly hint?: string
}

export class AppError extends Error {
  override readonly name = 'AppError'
  readonly code: ErrorCode
  readonly details: ErrorDetails

  /** `message` is for logs. It may name ids; it never contains secrets, signatures or tokens. */
  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.details = options.details ?? {}
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** The resources a NOT_FOUND names (`details.resource`, which dialects map), in words. */
const RESOURCE_WORDS = {
  tenant: 'tenant',
  accessKey: 'access key',
  dingtalkApp: 'DingTalk app',
  video: 'video',
  stream: 'stream',
  alias: 'alias',
  playDomain: 'play domain',
  liveStream: 'live stream',
  session: 'session',
  revocation: 'revocation',
  conference: 'conference',
  recording: 'recording',
  user: 'user',
  dingtalkOrg: 'DingTalk org',
  dingtalkUser: 'DingTalk user',
} as const

export type ResourceKind = keyof typeof RESOURCE_WORDS

/** An id as a message quotes it: JSON-escaped (no control characters), at most 64 characters. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id)
}

/**
 * `video "abc" not found`: what the caller named by id does not exist, or is another tenant's
 * (one answer, so ids cannot be probed). The id is the caller's own input, never a secret, so
 * every API may show the text (it is the hint). `resource` stays the key dialects map.
 */
export function notFound(
  resource: ResourceKind,
  id: string,
  details: Pick<ErrorDetails, 'parameter'> = {},
): AppError {
  return notFoundSaying(resource, `${RESOURCE_WORDS[resource]} ${quoteId(id)} not found`, details)
}

/** A NOT_FOUND in words of its own (`tenant "tn_a" has no play domain`), shown as they are. */
export function notFoundSaying(
  resource: ResourceKind,
  text: string,
  details: Pick<ErrorDetails, 'parameter'> = {},
): AppError {
  return new AppError('NOT_FOUND', text, { details: { ...details, resource, hint: text } })
}

/**
 * What verify* functions return: "no" is a normal answer for a verifier, so it is a value. A
 * verifier whose reasons a caller looks up (to word a refusal, to count it) types them as a union
 * `R`, so a table keyed by them is checked, and `parameter` names the field a reason is about.
 */
export type Verdict<T, R extends string = string> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; reason: R; parameter?: string }

/** The failed side of a {@link Verdict}. */
export type Refusal<R extends string = string> = Extract<Verdict<never, R>, { ok: false }>

export function accept<T>(value: T): Verdict<T, never> {
  return { ok: true, value }
}

export function reject<R extends string>(
  code: ErrorCode,
  reason: R,
  parameter?: string,
): Verdict<never, R> {
  return parameter === undefined
    ? { ok: false, code, reason }
    : { ok: false, code, reason, parameter }
}

/** Turns a failed verdict into the AppError that makes it fatal. */
export function unwrap<T>(verdict: Verdict<T>, details?: ErrorDetails): T {
  if (verdict.ok) return verdict.value
  throw new AppError(verdict.code, verdict.reason, details ? { details } : {})
}

/**
 * A database that is down, restarting, cut off or out of disk: retryable, not a bug. PostgreSQL
 * classes 08 (connection), 53 (resources: disk full, out of memory), 57P (shutting down, starting
 * up); node-postgres's own connection messages; SQLite's full, busy and I/O errors.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { code?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (/^(08|53)[0-9A-Z]{3}$|^57P[0-9A-Z]{2}$/.test(code)) return true
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true
  if (/^SQLITE_(FULL|BUSY|LOCKED|IOERR|CANTOPEN|NOMEM)/.test(code)) return true
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
    typeof e.message === 'string' ? e.message : '',
  )
}
