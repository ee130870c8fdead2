// The single place request failures are logged: code, internal message, cause chain. Client
// errors at info, bugs and outages at error. Messages never carry secrets (AppError's contract).
import type { FastifyRequest } from 'fastify'
import type { AppError } from '../../core/errors.ts'

export function logFailure(request: FastifyRequest, error: AppError): void {
  const entry = { code: error.code, err: error }
  if (error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
    request.log.error(entry, error.message)
  else request.log.info(entry, error.message)
}
