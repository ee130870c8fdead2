// The Aliyun VOD RPC API (Version 2017-03-21) as an encapsulated plugin: at `/` (chosen by the
// dialect constraint) and under `/aliyun/`, GET and POST, V1 and V3, with its own body parsing,
// CORS for browser players, and errors and 404s in Aliyun's shape.
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
} from 'fastify'
import type { Config } from '../../../config/schema.ts'
import { AppError } from '../../../core/errors.ts'
import { createPlayAuthKeyRing } from '../../../services/aliyun-play-auth-keys.ts'
import {
  createAliyunPlayback,
  DEFAULT_REGION,
  type AliyunPlayback,
} from '../../../services/aliyun-playback.ts'
import type { Services } from '../../../services/container.ts'
import { logFailure } from '../../shared/log-failure.ts'
import { redactTarget } from '../../shared/redact.ts'
import { toAppError } from '../../shared/to-app-error.ts'
import { getPlayInfo } from './actions/get-play-info.ts'
import { getVideoInfo } from './actions/get-video-info.ts'
import { getVideoPlayAuth } from './actions/get-video-play-auth.ts'
import {
  API_VERSION,
  authenticate,
  readRpcRequest,
  type AuthDeps,
  type Principal,
} from './authenticate.ts'
import {
  aliyunRequestId,
  hostIdOf,
  resolveFormat,
  sendError,
  sendSuccess,
  type WireFormat,
} from './envelope.ts'
import { AliyunFault, toAliyunError } from './errors.ts'
import type { Params } from './schemas.ts'

/** What every action handler receives; handlers return the body without `RequestId`. */
export interface ActionContext {
  readonly principal: Principal
  readonly params: Params
  readonly playback: AliyunPlayback
  /** `RegionId` of the request when well formed, else the default region. */
  readonly regionId: string
}

export type ActionHandler = (ctx: ActionContext) => Promise<object>

/** Action names are case-sensitive (aliyun-vod.md §1). */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  GetVideoPlayAuth: getVideoPlayAuth,
  GetPlayInfo: getPlayInfo,
  GetVideoInfo: getVideoInfo,
}

export interface AliyunPluginOptions {
  readonly services: Services
  readonly config: Config
}

export const ALIYUN_PREFIX = '/aliyun'

// Every method reaches the handler, which answers UnsupportedHTTPMethod in Aliyun's shape.
const METHODS: HTTPMethods[] = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']
const CORS_METHODS = 'GET, POST, OPTIONS'
const CORS_EXPOSED = 'x-acs-request-id, x-acs-retry-after, retry-after, x-request-id'
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const REGION = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/

export const aliyunPlugin: FastifyPluginAsync<AliyunPluginOptions> = async (app, options) => {
  const { services, config } = options
  const crypto = services.deps.crypto
  const playback = createAliyunPlayback(services.deps, {
    videos: services.videos,
    playDomains: services.playDomains,
    audit: services.audit,
    playUrls: services.playUrls,
    keyRing: createPlayAuthKeyRing(services.deps),
  })
  const auth: AuthDeps = { services, playback, config }
  // The wire format is known only once parameters are read; errors after that use it.
  const formats = new WeakMap<FastifyRequest, WireFormat>()

  const requestIdOf = (request: FastifyRequest) => aliyunRequestId(request.id, crypto)

  function fail(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const appError = toAppError(error)
    logFailure(request, appError)
    const wire = toAliyunError(appError, {
      requestId: requestIdOf(request),
      hostId: hostIdOf(request),
    })
    return sendError(reply, formats.get(request) ?? 'JSON', wire)
  }

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    if (request.method === 'OPTIONS') return preflight(request, reply)
    const rpc = readRpcRequest(request)
    formats.set(
      request,
      resolveFormat(
        rpc.params.get('Format'),
        rpc.authorization !== undefined,
        request.headers.accept,
      ),
    )
    if (request.method !== 'GET' && request.method !== 'POST')
      throw new AliyunFault('UnsupportedHTTPMethod', `${request.method} is not supported`)
    if (!rpc.version)
      throw new AliyunFault('Missing{Param}', 'no Version', { details: { parameter: 'Version' } })
    if (rpc.version !== API_VERSION)
      throw new AliyunFault('Invalid{Param}', `Version ${rpc.version}`, {
        details: { parameter: 'Version' },
      })
    if (!rpc.action)
      throw new AliyunFault('Missing{Param}', 'no Action', { details: { parameter: 'Action' } })
    const action = rpc.action
    const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined
    if (!handler) throw new AppError('UNSUPPORTED_OPERATION', `unknown action ${action}`)

    const principal = await authenticate(rpc, action, auth)
    const region = rpc.params.get('RegionId')
    const body = await handler({
      principal,
      params: rpc.params,
      playback,
      regionId: region !== undefined && REGION.test(region) ? region : DEFAULT_REGION,
    })
    return sendSuccess(reply, {
      format: formats.get(request) ?? 'JSON',
      action,
      requestId: requestIdOf(request),
      body,
    })
  }

  /** Shared by the `/` and `/aliyun/` contexts. */
  function setUp(scope: FastifyInstance): void {
    // Bodies stay raw: V3 hashes the exact bytes, V1 parses forms itself (chunked or not).
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    scope.setErrorHandler(fail)
    // Browser players call from other origins, file pages with `Origin: null`. Requests are
    // signed and carry no cookies, so any origin may read the answer.
    scope.addHook('onSend', (request, reply, payload, done) => {
      if (request.headers.origin !== undefined)
        void reply
          .header('access-control-allow-origin', '*')
          .header('access-control-expose-headers', CORS_EXPOSED)
      done(null, payload)
    })
  }

  await app.register(async (root) => {
    setUp(root)
    root.route({ method: METHODS, url: '/', constraints: { dialect: 'aliyun' }, handler: handle })
    await Promise.resolve()
  })

  await app.register(
    async (prefixed) => {
      setUp(prefixed)
      prefixed.route({ method: METHODS, url: '/', handler: handle })
      const unknownPath = (request: FastifyRequest) =>
        new AppError(
          'UNSUPPORTED_OPERATION',
          `no Aliyun API at ${request.method} ${redactTarget(request.url)}`,
        )
      prefixed.route({
        method: METHODS,
        url: '/*',
        handler: (request) => Promise.reject(unknownPath(request)),
      })
      prefixed.setNotFoundHandler((request, reply) => fail(unknownPath(request), request, reply))
      await Promise.resolve()
    },
    { prefix: ALIYUN_PREFIX },
  )
}

/** CORS preflight: any origin, the methods the RPC API takes, and the headers asked for. */
function preflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.header('allow', CORS_METHODS)
  if (request.headers['access-control-request-method'] === undefined)
    return reply.status(204).send()
  const requested = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => HEADER_TOKEN.test(h))
  return reply
    .status(204)
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', CORS_METHODS)
    .header('access-control-allow-headers', requested.join(', '))
    .header('access-control-max-age', '86400')
    .send()
}
