// Anything thrown inside a request becomes an AppError: validation failures name the parameter,
// Fastify's own client errors keep their meaning, and the rest is INTERNAL (with the cause kept
// for the log, never for the wire).
import { AppError, isAppError } from '../../core/errors.ts'

/** One failed check, as AJV (Fastify's default) and TypeBox (the native API) report it. */
interface ValidationIssue {
  instancePath?: string
  keyword?: string
  params?: Record<string, unknown>
}

interface FastifyLikeError {
  code?: string
  statusCode?: number
  validation?: ValidationIssue[]
  validationContext?: string
  message?: string
}

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
): { parameter: string; missing: boolean } {
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
  return { parameter: parameter || context || '', missing: issue.keyword === 'required' }
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  const e = (error ?? {}) as FastifyLikeError
  if (e.validation && e.validation.length > 0) {
    const { parameter, missing } = validationParameter(e.validation, e.validationContext)
    return new AppError(
      missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER',
      e.message ?? 'invalid request',
      { details: { parameter }, cause: error },
    )
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
        details: { parameter: 'body' },
        cause: error,
      })
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('INVALID_PARAMETER', 'unsupported or inconsistent request body', {
        details: { parameter: 'body' },
        cause: error,
      })
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413)
      return new AppError('PAYLOAD_TOO_LARGE', 'request body too large', { cause: error })
    return new AppError('INVALID_PARAMETER', e.message ?? 'bad request', { cause: error })
  }
  return new AppError('INTERNAL', 'unexpected error', { cause: error })
}
