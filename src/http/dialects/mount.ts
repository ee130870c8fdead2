// The one pipeline every vendor dialect runs through: body handling, CORS, errors and 404s in the
// dialect's shape, and the fixed order parse → action lookup → authenticate → scope → rate limit →
// nonce → action → envelope. The order is a security property: unauthenticated traffic never
// reaches the nonce store or a tenant's rate budget.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { AppError } from '../../core/errors.ts'
import { clientIpResolver } from '../../edge/client-ip.ts'
import { logFailure } from '../shared/log-failure.ts'
import type { Metrics } from '../shared/metrics.ts'
import { redactTarget } from '../shared/redact.ts'
import { toAppError } from '../shared/to-app-error.ts'
import { decodeBody } from './body.ts'
import type { CorsPolicy, Dialect, DialectAction, DialectContext } from './contract.ts'
import { resolveActionLimit } from './limits.ts'

const ALL_METHODS: HTTPMethods[] = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

/** Mounts one dialect: its `/` endpoint or REST routes, and everything under its prefix. */
export async function mountDialect(
  app: FastifyInstance,
  dialect: Dialect,
  ctx: DialectContext,
  metrics?: Pick<Metrics, 'observeDialect'>,
): Promise<void> {
  const actions = new Map(dialect.actions.map((action) => [action.name, action]))
  const limits = new Map(
    dialect.actions.map((action) => [
      action,
      {
        limit: resolveActionLimit(ctx.config, dialect, action),
        windowSeconds: action.windowSeconds ?? 1,
      },
    ]),
  )
  // The caller's address: the socket's peer, or behind `edge.trustedProxies` the forwarded one.
  const clientIp = clientIpResolver(ctx.config)
  // What parse returned, for the error envelope (Aliyun's XML is chosen by a parameter).
  const parsed = new WeakMap<FastifyRequest, unknown>()
  // The action a request resolved to, for the per-action metrics.
  const resolved = new WeakMap<FastifyRequest, string>()
  const cors = dialect.cors

  function fail(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const appError = toAppError(error)
    logFailure(request, appError)
    return dialect.envelope.error(reply, {
      request,
      parsed: parsed.get(request),
      error: appError,
      ctx,
    })
  }

  function lookup(request: unknown): DialectAction {
    const name = dialect.actionName?.(request)
    const action = name === undefined ? undefined : actions.get(name)
    if (!action) throw new AppError('UNSUPPORTED_OPERATION', `unknown action ${name ?? ''}`)
    return action
  }

  async function handle(request: FastifyRequest, reply: FastifyReply, routed?: DialectAction) {
    if (cors && request.method === 'OPTIONS') return preflight(cors, request, reply)
    const inbound = {
      request,
      ...decodeBody(dialect.body, request.body),
      pathParams: (request.params as Readonly<Record<string, string>> | undefined) ?? NO_PARAMS,
      clientIp: clientIp(request),
    }
    const wire = dialect.parse(inbound, ctx)
    parsed.set(request, wire)
    const action = routed ?? lookup(wire)
    resolved.set(request, action.name)
    const { principal, nonce } = await dialect.authenticate(wire, action, ctx)
    dialect.scope?.(principal, action)
    await ctx.services.rateLimiter.hit(
      `${dialect.name}:${principal.rateLimitKey ?? principal.tenantId}:${action.name}`,
      limits.get(action)!,
    )
    if (nonce)
      await ctx.services.replayGuard.checkNonce(
        `${dialect.name}:${nonce.scope}`,
        nonce.value,
        nonce.windowSeconds,
      )
    const body = await action.run({ ...ctx, request: wire, principal })
    return dialect.envelope.success(reply, {
      request,
      parsed: wire,
      action: action.name,
      body,
      ctx,
    })
  }

  const unknownPath = (request: FastifyRequest) =>
    new AppError(
      'UNSUPPORTED_OPERATION',
      `no ${dialect.title} API at ${request.method} ${redactTarget(request.url)}`,
    )
  const rejectUnknown = (request: FastifyRequest) => Promise.reject(unknownPath(request))

  /** Body parsing, the error handler and CORS headers: the same in every context. */
  function setUp(scope: FastifyInstance): void {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    scope.setErrorHandler(fail)
    if (metrics)
      scope.addHook('onResponse', (request, reply, done) => {
        const action = resolved.get(request) ?? 'unknown'
        metrics.observeDialect(dialect.name, action, reply.statusCode, reply.elapsedTime / 1000)
        done()
      })
    if (cors) {
      const exposed = cors.exposeHeaders.join(', ')
      scope.addHook('onSend', (request, reply, payload, done) => {
        if (request.headers.origin !== undefined)
          void reply
            .header('access-control-allow-origin', '*')
            .header('access-control-expose-headers', exposed)
        done(null, payload)
      })
    }
  }

  /** The action routes of a REST dialect (with OPTIONS when it has CORS). */
  function restRoutes(scope: FastifyInstance): void {
    for (const action of dialect.actions) {
      if (!action.route) continue
      const method: HTTPMethods[] = cors ? [action.route.method, 'OPTIONS'] : [action.route.method]
      scope.route({
        method,
        url: action.route.url,
        handler: (request, reply) => handle(request, reply, action),
      })
    }
  }

  const root = dialect.mount.root
  await app.register(async (scope) => {
    setUp(scope)
    if (root)
      scope.route({
        method: [...root.methods],
        url: '/',
        constraints: { dialect: dialect.name },
        handler: (request, reply) => handle(request, reply),
      })
    restRoutes(scope)
    for (const url of dialect.mount.ownedPaths ?? [])
      scope.route({ method: ALL_METHODS, url, handler: rejectUnknown })
    await Promise.resolve()
  })

  await app.register(
    async (scope) => {
      setUp(scope)
      if (root)
        scope.route({
          method: [...root.methods],
          url: '/',
          handler: (request, reply) => handle(request, reply),
        })
      restRoutes(scope)
      scope.route({ method: ALL_METHODS, url: '/*', handler: rejectUnknown })
      scope.setNotFoundHandler((request, reply) => fail(unknownPath(request), request, reply))
      await Promise.resolve()
    },
    { prefix: dialect.mount.prefix },
  )
}

/** CORS preflight: any origin, the policy's methods, and the (well-formed) headers asked for. */
function preflight(cors: CorsPolicy, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const methods = cors.methods.join(', ')
  void reply.header('allow', methods)
  if (request.headers['access-control-request-method'] === undefined)
    return reply.status(204).send()
  const requested = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => HEADER_TOKEN.test(h))
  return reply
    .status(204)
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', methods)
    .header('access-control-allow-headers', requested.join(', '))
    .header('access-control-max-age', String(cors.maxAgeSeconds))
    .send()
}
