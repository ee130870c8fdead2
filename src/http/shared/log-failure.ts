// The single place request failures are logged: code, internal message, cause chain. Client
// errors at debug without a stack, bugs and outages at error with the cause chain. Messages never
// carry secrets (AppError's contract).
import type { FastifyRequest } from 'fastify'
import type { AppError } from '../../core/errors.ts'

export function logFailure(request: FastifyRequest, error: AppError): void {
  if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
    request.log.error({ code: error.code, err: error }, error.message)
  // An expected refusal: no stack (it is not a bug); its status is on the request line at info.
  else request.log.debug({ code: error.code, parameter: error.details.parameter }, error.message)
}
