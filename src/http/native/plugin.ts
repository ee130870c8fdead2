// The native REST API (admin bearer token): tenants, access keys, videos, streams, play domains,
// live streams, key rotation, play passwords, audit events, import. One encapsulated plugin with
// its own auth hook, strict validation and error shape; each resource is a route file in routes/.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config/schema.ts'
import { AppError } from '../../core/errors.ts'
import type { Services } from '../../services/container.ts'
import { logFailure } from '../shared/log-failure.ts'
import { toAppError } from '../shared/to-app-error.ts'
import { toNativeError } from './errors.ts'
import { accessKeyRoutes } from './routes/access-keys.ts'
import { auditRoutes } from './routes/audit.ts'
import { dingtalkConferenceRoutes } from './routes/dingtalk-conferences.ts'
import { dingtalkOrgRoutes } from './routes/dingtalk-org.ts'
import { importRoutes } from './routes/import.ts'
import { liveStreamRoutes } from './routes/live-streams.ts'
import { playAuthKeyRoutes } from './routes/play-auth-keys.ts'
import { playDomainRoutes } from './routes/play-domains.ts'
import { playPasswordRoutes } from './routes/play-passwords.ts'
import { playUrlRoutes } from './routes/play-urls.ts'
import { tenantRoutes } from './routes/tenants.ts'
import { videoRoutes } from './routes/videos.ts'
import { viewerControlRoutes } from './routes/viewer-controls.ts'
import { viewerUnlockRoutes } from './routes/viewer-unlock.ts'
import { nativeValidatorCompiler } from './validation.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A viewer-facing route (the unlock): no admin token; it throttles on its own. */
    viewer?: boolean
  }
}

export interface NativeOptions {
  readonly services: Services
  readonly config: Config
}

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i

const NO_TOKEN_HINT =
  'No admin token: send "Authorization: Bearer <token>". The first token is in <data.dir>/admin-token; `playgate admin-token create` makes another.'
const NOT_BEARER_HINT =
  'The Authorization header must be "Bearer <token>" with an admin token (no other scheme).'
const WRONG_TOKEN_HINT =
  'The admin token is not recognised: check it was copied whole, or make a new one with `playgate admin-token create`.'

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
    else
      void parseJson(request, text, (error, value) => {
        if (error) return done(explainJson(error, text), undefined)
        done(null, value)
      })
  })

  // onRequest runs before the body is read: an unauthenticated caller cannot make us parse it.
  // Viewer routes pass synchronously (no promise per request: one of them refuses attackers).
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.viewer === true) return done()
    authenticate(services, request).then(() => done(), done)
  })

  // Unknown routes fall through to the root's handler (405 with Allow, or an unknown route).
  app.setErrorHandler((error, request, reply) => sendError(toAppError(error), request, reply))

  await app.register(tenantRoutes, { services })
  await app.register(accessKeyRoutes, { services })
  await app.register(videoRoutes, { services })
  await app.register(playPasswordRoutes, { services })
  await app.register(playUrlRoutes, { services })
  await app.register(playDomainRoutes, { services })
  await app.register(playAuthKeyRoutes, { services })
  await app.register(liveStreamRoutes, { services })
  await app.register(auditRoutes, { services })
  await app.register(viewerControlRoutes, { services })
  await app.register(viewerUnlockRoutes, { services, config: options.config })
  await app.register(dingtalkOrgRoutes, { services })
  await app.register(dingtalkConferenceRoutes, { services })
  await app.register(importRoutes, { services, config: options.config })
}

async function authenticate(services: Services, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization
  if (header === undefined || header === '')
    throw new AppError('UNAUTHENTICATED', 'no Authorization header', {
      details: { hint: NO_TOKEN_HINT },
    })
  const match = BEARER.exec(header)
  if (!match)
    throw new AppError('UNAUTHENTICATED', 'Authorization is not a Bearer token', {
      details: { hint: NOT_BEARER_HINT },
    })
  if (!(await services.adminAuth.verify(match[1]!)))
    throw new AppError('TOKEN_INVALID', 'unknown admin token', {
      details: { hint: WRONG_TOKEN_HINT },
    })
}

function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply) {
  logFailure(request, error)
  if (error.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer')
  // RFC 6750 §3.1: a token was sent but is not valid.
  if (error.code === 'TOKEN_INVALID')
    void reply.header('www-authenticate', 'Bearer error="invalid_token"')
  const retryAfter = error.details.retryAfterSeconds
  if (error.code === 'RATE_LIMITED' && retryAfter !== undefined)
    void reply.header('retry-after', String(retryAfter))
  const { status, body } = toNativeError(error, request.id)
  return reply.status(status).send(body)
}

/**
 * Fastify's parser says only "not valid JSON". On that (rare) path, parse again to say where it
 * broke, or that it parsed but uses a reserved key; never echo the body (it may hold a secret).
 */
function explainJson(error: Error, text: string): Error {
  let hint: string
  try {
    JSON.parse(text)
    hint = 'The request body uses a reserved key (__proto__ or constructor.prototype); rename it.'
  } catch (parseError) {
    const position = /position (\d+)/.exec((parseError as Error).message)?.[1]
    const where = position === undefined ? '' : ` (at character ${position})`
    hint = `The request body is not valid JSON${where}; send one JSON object, e.g. {"name": "Acme"}.`
  }
  return new AppError('INVALID_PARAMETER', 'request body is not valid JSON', {
    details: { parameter: 'body', hint },
    cause: error,
  })
}
