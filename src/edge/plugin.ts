// The media edge as a Fastify plugin: `/play/<host>/…` and Host-routed requests for play
// domains, and `/edge/auth` for nginx. Mounted on the API listener when `edge.port` is 0; on its
// own listener (server.ts) otherwise. Errors leave in the edge's text + X-Error-Code shape.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config/schema.ts'
import type { Services } from '../services/container.ts'
import { answerAuthRequest, AUTH_REQUEST_PATH } from './auth-request.ts'
import { sendEdgeError, toEdgeAppError } from './errors.ts'
import { createLiveEdge } from './live.ts'
import { registerLiveHooks } from './live-hooks.ts'
import { createMediaCache } from './media-cache.ts'
import { createPlaylistCache } from './playlist-cache.ts'
import { EDGE_ROUTE_CONFIG } from './request-log.ts'
import { hostAddress, PLAY_PREFIX, prefixAddress, type EdgeAddress } from './resolve.ts'
import { serveEdgeRequest, type EdgeContext } from './serve-request.ts'
import { clientIpResolver } from './client-ip.ts'

export interface EdgeRoutesOptions {
  readonly services: Services
  readonly config: Config
  /**
   * `shared`: on the API listener, where a request whose Host is no play domain falls through to
   * the API's own 404. `own`: the edge's listener, where everything is the edge's.
   */
  readonly listener: 'shared' | 'own'
}

const METHODS = ['GET', 'HEAD', 'OPTIONS'] as const
const OTHER_METHODS = ['POST', 'PUT', 'DELETE', 'PATCH'] as const

/** Registers the edge routes and their error handler in `app`'s (encapsulated) context. */
export async function registerEdgeRoutes(
  app: FastifyInstance,
  options: EdgeRoutesOptions,
): Promise<void> {
  const { services, config } = options
  const context: EdgeContext = {
    services,
    config,
    playUrls: services.playUrls,
    media: createMediaCache(services.deps.resolveMedia),
    playlists: createPlaylistCache(),
    authorize: {
      crypto: services.deps.crypto,
      playUrls: services.playUrls,
      skewSeconds: config.edge.skewSeconds,
      decided: services.edgeControls.metrics,
      viewer: {
        crypto: services.deps.crypto,
        controls: services.edgeControls,
        sessions: services.viewerSessions,
        callbacks: services.authCallbacks,
        denied: (reason) => services.edgeControls.metrics.viewerDenied(reason),
      },
    },
    clientIp: clientIpResolver(config),
  }
  const live = createLiveEdge(context)

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

  /** The first candidate address that names a play domain. */
  async function resolve(candidates: (EdgeAddress | undefined)[]) {
    for (const address of candidates) {
      const domain = address && (await services.playDomains.resolveHost(address.host))
      if (address && domain) return { address, domain }
    }
    return undefined
  }

  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    candidates: (EdgeAddress | undefined)[],
    fallThrough: boolean,
  ): Promise<FastifyReply> {
    const found = await resolve(candidates)
    if (!found) {
      if (fallThrough) reply.callNotFound()
      else sendEdgeError(reply, 'NOT_FOUND')
      return reply
    }
    const { address, domain } = found
    if (await live.serve(request, reply, domain, address)) return reply
    await serveEdgeRequest(context, request, reply, domain, address)
    return reply
  }

  app.route({
    method: [...METHODS],
    url: `${PLAY_PREFIX}*`,
    config: EDGE_ROUTE_CONFIG,
    handler: (request, reply) => handle(request, reply, [prefixAddress(request.url)], false),
  })
  // Other methods on edge paths: 405 with Allow, answered before any body is read.
  const notAllowed = (_request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('allow', METHODS.join(', '))
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
    method: [...METHODS],
    url: '/*',
    config: EDGE_ROUTE_CONFIG,
    handler: (request, reply) =>
      handle(
        request,
        reply,
        // A path-form signature (Aliyun/Tencent B, C) leads the `/play/<host>/…` it signs.
        [hostAddress(request.url, request.headers.host), prefixAddress(request.url)],
        options.listener === 'shared',
      ),
  })
  await Promise.resolve()
}

/** HTTP_PLUGINS entry: the edge on the API listener, unless it has its own port. */
export const edgePlugin: FastifyPluginAsync<{ services: Services; config: Config }> = async (
  app,
  options,
) => {
  if (options.config.edge.port !== 0) return
  await registerEdgeRoutes(app, { ...options, listener: 'shared' })
}
