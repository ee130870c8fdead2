// The media edge as a Fastify plugin: `/play/<host>/…` and Host-routed requests for play
// domains, and `/edge/auth` for nginx. Mounted on the API listener when `edge.port` is 0; on its
// own listener (server.ts) otherwise. Errors leave in the edge's text + X-Error-Code shape.
// On a listening server the hot routes never reach these Fastify routes: lean.ts answers them
// before Fastify's router with the same code; the routes serve what lean.ts leaves (Host-routed
// requests on the API listener, live hooks) and `inject`.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config/schema.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { Services } from '../services/container.ts'
import { answerAuthRequest, AUTH_REQUEST_PATH } from './auth-request.ts'
import { createEdge } from './edge.ts'
import { sendEdgeError, toEdgeAppError } from './errors.ts'
import {
  counterRequestIds,
  createLeanHandler,
  EDGE_METHODS,
  installFrontDoor,
  type LeanOptions,
} from './lean.ts'
import { registerLiveHooks } from './live-hooks.ts'
import { EDGE_ROUTE_CONFIG } from './request-log.ts'
import { hostAddress, PLAY_PREFIX, prefixAddress } from './resolve.ts'

export interface EdgeRoutesOptions {
  readonly services: Services
  readonly config: Config
  /**
   * `shared`: on the API listener, where a request whose Host is no play domain falls through to
   * the API's own 404. `own`: the edge's listener, where everything is the edge's.
   */
  readonly listener: 'shared' | 'own'
  /** Request metrics of the listener, for the requests lean.ts answers before Fastify's hooks. */
  readonly observe?: LeanOptions['observe']
}

const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH'] as const

/** Registers the edge routes and their error handler in `app`'s (encapsulated) context. */
export async function registerEdgeRoutes(
  app: FastifyInstance,
  options: EdgeRoutesOptions,
): Promise<void> {
  const { services, config } = options
  const edge = createEdge(services, config)
  const { context } = edge

  // The edge reads no bodies: any body is drained unparsed, so a body the API could not parse
  // (an OPTIONS on /v1 with broken JSON, which this catch-all route sees first) cannot turn into
  // an edge-shaped error before the request falls through to the API.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null))

  app.setErrorHandler((error, request, reply) => {
    const appError = toEdgeAppError(error)
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'edge failure')
    else request.log.info({ code: appError.code, reason: appError.message }, 'edge refusal')
    sendEdgeError(reply, appError.code)
    return reply
  })

  app.route({
    method: [...EDGE_METHODS],
    url: `${PLAY_PREFIX}*`,
    config: EDGE_ROUTE_CONFIG,
    handler: async (request, reply) => {
      if (!(await edge.serve(request, reply, prefixAddress(request.url), undefined)))
        sendEdgeError(reply, 'NOT_FOUND')
      return reply
    },
  })
  // Other methods on edge paths: 405 with Allow, answered before any body is read.
  const notAllowed = (_request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('allow', EDGE_METHODS.join(', '))
    sendEdgeError(reply, 'UNSUPPORTED_OPERATION')
    return Promise.resolve(reply)
  }
  app.route({
    method: [...OTHER_METHODS],
    url: `${PLAY_PREFIX}*`,
    onRequest: notAllowed,
    handler: notAllowed,
  })
  // On its own listener everything is the edge's; on the API's, other paths are the API's.
  if (options.listener === 'own')
    app.route({
      method: [...OTHER_METHODS],
      url: '/*',
      onRequest: notAllowed,
      handler: notAllowed,
    })
  app.route({
    method: ['GET', 'HEAD'],
    url: AUTH_REQUEST_PATH,
    config: EDGE_ROUTE_CONFIG,
    handler: async (request, reply) => {
      await answerAuthRequest(context, request, reply)
      return reply
    },
  })
  await registerLiveHooks(app, context)
  app.route({
    method: [...EDGE_METHODS],
    url: '/*',
    config: EDGE_ROUTE_CONFIG,
    handler: async (request, reply) => {
      // A path-form signature (Aliyun/Tencent B, C) leads the `/play/<host>/…` it signs.
      const { url } = request
      if (
        await edge.serve(request, reply, hostAddress(url, request.headers.host), prefixAddress(url))
      )
        return reply
      if (options.listener === 'shared') reply.callNotFound()
      else sendEdgeError(reply, 'NOT_FOUND')
      return reply
    },
  })

  installFrontDoor(
    app.server,
    createLeanHandler(edge, {
      listener: options.listener,
      logger: app.log,
      requestId: counterRequestIds(toHex(services.deps.crypto.randomBytes(4))),
      trustProxy: config.http.trustProxy,
      logRequests: config.edge.logRequests,
      ...(options.observe ? { observe: options.observe } : {}),
    }),
  )
  await Promise.resolve()
}

/** HTTP_PLUGINS entry: the edge on the API listener, unless it has its own port. */
export const edgePlugin: FastifyPluginAsync<{
  services: Services
  config: Config
  metrics?: { observeRequest: NonNullable<LeanOptions['observe']> }
}> = async (app, { services, config, metrics }) => {
  if (config.edge.port !== 0) return
  await registerEdgeRoutes(app, {
    services,
    config,
    listener: 'shared',
    ...(metrics ? { observe: metrics.observeRequest.bind(metrics) } : {}),
  })
}
