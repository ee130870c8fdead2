// Anything thrown inside a request becomes an AppError: validation failures name the parameter,
// Fastify's own client errors keep their meaning, and the rest is INTERNAL (with the cause kept
// for the log, never for the wire).
import { AppError, isAppError } from '../../core/errors.ts'

interface FastifyLikeError {
  code?: string
  statusCode?: number
  validation?: { instancePath?: string; keyword?: string; params?: Record<string, unknown> }[]
  validationContext?: string
  message?: string
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error
  const e = (error ?? {}) as FastifyLikeError
  if (e.validation && e.validation.length > 0) {
    const first = e.validation[0]!
    const missingProperty = first.params?.missingProperty
    const missing =
      first.keyword === 'required' && typeof missingProperty === 'string'
        ? missingProperty
        : undefined
    const fromPath = (first.instancePath ?? '').split('/').filter(Boolean).join('.')
    const parameter = missing || fromPath || e.validationContext || ''
    return new AppError(
      missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER',
      e.message ?? 'invalid request',
      {
        details: { parameter },
        cause: error,
      },
    )
  }
  switch (e.code ?? '') {
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
