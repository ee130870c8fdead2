// buildApp(deps): shared plumbing (request ids, redacted logs, metrics, health), then each API
// as an encapsulated plugin with its own error shape: native REST under /v1, vendor dialects at
// `/` (routed by their protocol markers) and under their own prefixes, and the edge.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRouterOptions,
} from 'fastify'
import type { Server } from 'node:http'
import { pino, type DestinationStream } from 'pino'
import { answerClientError } from '../edge/client-error.ts'
import { sendEdgeError } from '../edge/errors.ts'
import { maskingStream } from '../edge/log-mask.ts'
import { PLAY_PREFIX } from '../edge/resolve.ts'
import type { Config } from '../config/schema.ts'
import { toHex } from '../core/encoding/bytes.ts'
import { AppError } from '../core/errors.ts'
import type { Crypto } from '../core/ports.ts'
import { edgeLogController } from '../edge/request-log.ts'
import type { Services } from '../services/container.ts'
import { DIALECT_CONSTRAINT } from './dialects/registry.ts'
import type { Metrics } from './shared/metrics.ts'
import { REDACT_PATHS, redactTarget } from './shared/redact.ts'
import { toAppError } from './shared/to-app-error.ts'
import { logFailure } from './shared/log-failure.ts'
import { consolePlugin } from './console.ts'
import { createRouteMethods } from './shared/route-methods.ts'
import { toNativeError } from './native/errors.ts'
import { registerOpenApi } from './native/openapi.ts'
import { nativePlugin } from './native/plugin.ts'
import { opsPlugin } from './ops.ts'
import { HTTP_PLUGINS } from './plugins.ts'

export interface AppDeps {
  readonly config: Config
  readonly services: Services
  readonly metrics: Metrics
  /** Each dependency's health, for /readyz. */
  readonly ready: () => Promise<Record<string, boolean>>
  /** Where JSON logs go (stdout by default); tests pass a capture stream. */
  readonly logStream?: DestinationStream
}

/** Random bytes drawn at once for request ids: 200 ids per CSPRNG call. */
const REQUEST_ID_POOL_BYTES = 2000

/**
 * Request ids (`req_` + 20 hex digits): 80 random bits each, as before, cut from one CSPRNG draw
 * per 200 requests. A draw per request cost a small edge response about a tenth of its
 * throughput here (a randomBytes call is a few µs; bench/edge.ts answers one in tens).
 */
export function createRequestIds(crypto: Pick<Crypto, 'randomBytes'>): () => string {
  let pool = ''
  let at = 0
  return () => {
    if (at + 20 > pool.length) {
      pool = toHex(crypto.randomBytes(REQUEST_ID_POOL_BYTES))
      at = 0
    }
    at += 20
    return 'req_' + pool.slice(at - 20, at)
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, services } = deps
  const logger: FastifyBaseLogger = pino(
    {
      level: config.log.level,
      redact: { paths: REDACT_PATHS, censor: '***' },
      serializers: {
        req: (req: { method: string; url: string; headers: { host?: string } }) => ({
          method: req.method,
          url: redactTarget(req.url),
          host: req.headers.host,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    maskingStream(deps.logStream ?? pino.destination({ dest: 1, sync: true })),
  )
  const app = Fastify({
    loggerInstance: logger,
    // Edge routes on this listener log per edge.logRequests; every other route logs each request.
    logController: edgeLogController(config),
    genReqId: createRequestIds(services.deps.crypto),
    trustProxy: config.http.trustProxy,
    bodyLimit: config.http.bodyLimitBytes,
    routerOptions: {
      constraints: { dialect: DIALECT_CONSTRAINT } as FastifyRouterOptions<Server>['constraints'],
      ignoreTrailingSlash: true,
    },
    // A malformed URL (`/v1/tenants/%ZZ`) fails before routing and hooks: answer it in the
    // native shape too, not with Fastify's own body.
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, request, reply) => {
      const appError = toAppError(error)
      logFailure(request, appError)
      // The same on an edge path, in the edge's shape (text and X-Error-Code).
      if (request.url.startsWith(PLAY_PREFIX)) {
        sendEdgeError(reply as unknown as FastifyReply, appError.code)
        return
      }
      const { status, body } = toNativeError(appError, request.id)
      // The option's reply type is generic over route schemas that do not exist yet.
      const plain = reply as unknown as FastifyReply
      void plain.header('x-request-id', request.id).status(status).send(body)
    },
  })

  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id)
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    deps.metrics.observeRequest(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    )
    done()
  })

  // Anything outside the APIs (unknown paths, unparseable requests) answers in the native shape.
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error)
    logFailure(request, appError)
    const { status, body } = toNativeError(appError, request.id)
    return reply.status(status).send(body)
  })
  // No route: 405 with Allow when the path has routes for other methods, else an unknown route
  // (UNSUPPORTED_OPERATION, so it never looks like an unknown video: NOT_FOUND).
  const routes = createRouteMethods()
  app.addHook('onRoute', (route) => routes.add(route))
  app.setNotFoundHandler((request, reply) => {
    const path = redactTarget(request.url.split('?')[0]!).slice(0, 200)
    const routed = routes.allowed(path)
    // A route for this very method that did not match (a constraint) is not a 405.
    const allow = routed.includes(request.method) ? [] : routed
    const error =
      allow.length > 0
        ? new AppError('UNSUPPORTED_OPERATION', `${request.method} not allowed on ${path}`, {
            details: {
              hint: `${request.method} is not allowed on ${path}; allowed: ${allow.join(', ')}.`,
            },
          })
        : new AppError('UNSUPPORTED_OPERATION', `no route for ${request.method} ${path}`, {
            details: { hint: noRouteHint(request.method, path, routed.length > 0) },
          })
    logFailure(request, error)
    const { status, body } = toNativeError(error, request.id)
    if (allow.length > 0) void reply.header('allow', allow.join(', '))
    return reply.status(allow.length > 0 ? 405 : status).send(body)
  })

  deps.metrics.watch(services)
  await app.register(opsPlugin, { deps })
  // Before the native plugin: @fastify/swagger documents the routes registered after it.
  await registerOpenApi(app)
  await app.register(nativePlugin, { prefix: '/v1', services, config })
  await app.register(consolePlugin)
  for (const plugin of HTTP_PLUGINS)
    await app.register(plugin, { services, config, metrics: deps.metrics })
  return app
}

/** Why nothing answered: a vendor endpoint without its markers, or no route at all. */
function noRouteHint(method: string, path: string, vendorEndpoint: boolean): string {
  if (vendorEndpoint)
    return `${method} ${path} is where the vendor APIs answer, and this request carries none of their protocol markers (an Aliyun Action, a Tencent X-TC-Action…). The native API is under /v1.`
  return `No route for ${method} ${path}. The native API is under /v1; its routes are listed at /docs.`
}
