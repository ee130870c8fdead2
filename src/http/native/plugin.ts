// The native REST API (admin bearer token): tenants, access keys, videos, streams, play domains,
// key rotation, play passwords, audit events, import. One encapsulated plugin with its own auth
// hook, strict validation and error shape; each resource is a route file under routes/.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config/schema.ts'
import { AppError } from '../../core/errors.ts'
import type { Services } from '../../services/container.ts'
import { logFailure } from '../shared/log-failure.ts'
import { redactTarget } from '../shared/redact.ts'
import { toAppError } from '../shared/to-app-error.ts'
import { toNativeError } from './errors.ts'
import { accessKeyRoutes } from './routes/access-keys.ts'
import { auditRoutes } from './routes/audit.ts'
import { importRoutes } from './routes/import.ts'
import { playDomainRoutes } from './routes/play-domains.ts'
import { playPasswordRoutes } from './routes/play-passwords.ts'
import { playUrlRoutes } from './routes/play-urls.ts'
import { tenantRoutes } from './routes/tenants.ts'
import { videoRoutes } from './routes/videos.ts'
import { nativeValidatorCompiler } from './validation.ts'

export interface NativeOptions {
  readonly services: Services
  readonly config: Config
}

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i

export const nativePlugin: FastifyPluginAsync<NativeOptions> = async (app, options) => {
  const { services } = options

  app.setValidatorCompiler(nativeValidatorCompiler)

  // Clients send `content-type: application/json` on a DELETE or a bodiless rotate; an empty
  // body is then "no body" (validation still requires one where the route needs it).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text === '') done(null, undefined)
    else void parseJson(request, text, done)
  })

  // onRequest runs before the body is read: an unauthenticated caller cannot make us parse it.
  app.addHook('onRequest', async (request) => {
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match) throw new AppError('UNAUTHENTICATED', 'no bearer token')
    if (!(await services.adminAuth.verify(match[1]!)))
      throw new AppError('UNAUTHENTICATED', 'unknown admin token')
  })

  app.setErrorHandler((error, request, reply) => sendError(toAppError(error), request, reply))
  app.setNotFoundHandler((request, reply) =>
    sendError(
      new AppError('NOT_FOUND', `no route for ${request.method} ${redactTarget(request.url)}`),
      request,
      reply,
    ),
  )

  await app.register(tenantRoutes, { services })
  await app.register(accessKeyRoutes, { services })
  await app.register(videoRoutes, { services })
  await app.register(playPasswordRoutes, { services })
  await app.register(playUrlRoutes, { services })
  await app.register(playDomainRoutes, { services })
  await app.register(auditRoutes, { services })
  await app.register(importRoutes, { services, config: options.config })
}

function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply) {
  logFailure(request, error)
  if (error.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer')
  const { status, body } = toNativeError(error, request.id)
  return reply.status(status).send(body)
}
