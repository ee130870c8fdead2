// Anything thrown inside a request becomes an AppError: validation failures name the parameter,
// Fastify's own client errors keep their meaning, a database that does not answer is UNAVAILABLE,
// and the rest is INTERNAL (with the cause kept for the log, never for the wire).
import { AppError, ERROR_CODES, isAppError, isStorageUnavailable } from '../../core/errors.ts'

/** One failed check, as AJV (Fastify's default) and TypeBox (the native API) report it. */
interface ValidationIssue {
  instancePath?: string
  keyword?: string
  params?: Record<string, unknown>
  /** Why it failed, in words (the native validator's; see native/validation-reason.ts). */
  reason?: string
}

interface FastifyLikeError {
  code?: string
  statusCode?: number
  validation?: ValidationIssue[]
  validationContext?: string
  message?: string
}

const BODY_NOT_OBJECT =
  'The request body must be a JSON object sent with Content-Type: application/json.'

const joinPath = (path: string, name: unknown) => {
  const tail = typeof name === 'string' ? name : ''
  return path && tail ? `${path}.${tail}` : path || tail
}

/** AJV names one property (`missingProperty`), TypeBox a list (`requiredProperties`). */
function firstOf(params: Record<string, unknown> | undefined, one: string, many: string): unknown {
  const list = params?.[many]
  return params?.[one] ?? (Array.isArray(list) ? (list[0] as unknown) : undefined)
}

/** The field a validation failure is about, dotted (`tags.2`), and whether it is absent. */
export function validationParameter(
  issues: readonly ValidationIssue[],
  context: string | undefined,
): { parameter: string; missing: boolean; reason: string | undefined } {
  // A missing field is the most useful thing to report, whatever order the validator used.
  const issue = issues.find((i) => i.keyword === 'required') ?? issues[0]!
  const path = (issue.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
  let parameter = path
  if (issue.keyword === 'required')
    parameter = joinPath(path, firstOf(issue.params, 'missingProperty', 'requiredProperties'))
  else if (issue.keyword === 'additionalProperties')
    parameter = joinPath(path, firstOf(issue.params, 'additionalProperty', 'additionalProperties'))
  return {
    parameter: parameter || context || '',
    missing: issue.keyword === 'required',
    reason: issue.reason,
  }
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  const e = (error ?? {}) as FastifyLikeError
  if (e.validation && e.validation.length > 0) {
    const { parameter, missing, reason } = validationParameter(e.validation, e.validationContext)
    const [first] = e.validation
    const code = missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER'
    // A body of the wrong type altogether is nearly always a missing JSON Content-Type.
    const wholeBody =
      e.validationContext === 'body' && !first?.instancePath && first?.keyword === 'type'
    const hint = wholeBody
      ? BODY_NOT_OBJECT
      : reason && parameter
        ? `${ERROR_CODES[code]} (${parameter}: ${reason})`
        : undefined
    return new AppError(code, e.message ?? 'invalid request', {
      details: { parameter, ...(hint ? { hint } : {}) },
      cause: error,
    })
  }
  switch (e.code ?? '') {
    // PostgreSQL cannot store NUL (or text its encoding lacks); SQLite can. Either way the
    // input was unusable, whichever API it came through.
    case '22021':
    case '22P05':
      return new AppError('INVALID_PARAMETER', 'text contains a character that cannot be stored', {
        cause: error,
      })
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body too large', { cause: error })
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_PARAMETER', 'request body is not valid JSON', {
        details: { parameter: 'body', hint: jsonHint(e) },
        cause: error,
      })
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('INVALID_PARAMETER', 'unsupported request body type', {
        details: {
          parameter: 'body',
          hint: 'The request body has a Content-Type this API does not read; send JSON with Content-Type: application/json.',
        },
        cause: error,
      })
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('INVALID_PARAMETER', 'inconsistent request body', {
        details: {
          parameter: 'body',
          hint: 'The request body is not as long as its Content-Length header says.',
        },
        cause: error,
      })
  }
  if (isStorageUnavailable(error))
    return new AppError('UNAVAILABLE', 'the database did not answer', { cause: error })
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413)
      return new AppError('PAYLOAD_TOO_LARGE', 'request body too large', { cause: error })
    return new AppError('INVALID_PARAMETER', e.message ?? 'bad request', { cause: error })
  }
  return new AppError('INTERNAL', 'unexpected error', { cause: error })
}

/**
 * What the caller is told about unparseable JSON: where it broke, never the parser's excerpt of
 * the body (which may hold a secret the caller sent).
 */
function jsonHint(e: FastifyLikeError): string {
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return 'The request body is empty but Content-Type is application/json; send a JSON object, or no Content-Type.'
  const cause = (e as { cause?: { message?: unknown } }).cause?.message
  const parserSays = `${e.message ?? ''} ${typeof cause === 'string' ? cause : ''}`
  if (/prototype/i.test(parserSays))
    return 'The request body uses a reserved key (__proto__ or constructor.prototype); rename it.'
  const position = /position (\d+)/.exec(parserSays)?.[1]
  const where = position === undefined ? '' : ` (at character ${position})`
  return `The request body is not valid JSON${where}; send one JSON object, e.g. {"name": "Acme"}.`
}
