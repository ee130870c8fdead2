// The edge on its own listener (`edge.port` set): a small Fastify app with request ids, JSON logs
// without signing parameters, and the edge routes only, every request but the live hooks answered
// by lean.ts before Fastify's router. main.ts starts it beside the API.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import { pino, type DestinationStream } from 'pino'
import type { Config } from '../config/schema.ts'
import { toHex } from '../core/encoding/bytes.ts'
import type { Services } from '../services/container.ts'
import { answerClientError } from './client-error.ts'
import { sendEdgeError } from './errors.ts'
import { counterRequestIds } from './lean.ts'
import { maskingStream } from './log-mask.ts'
import { registerEdgeRoutes } from './plugin.ts'
import { edgeLogController } from './request-log.ts'

export interface EdgeDeps {
  readonly config: Config
  readonly services: Services
  readonly logStream?: DestinationStream
}

export interface RunningEdge {
  readonly app: FastifyInstance
  /** `http://host:port` it listens on. */
  readonly url: string
  close(): Promise<void>
}

/**
 * What of a target is logged: the query is dropped whole (every query scheme signs there), and
 * the 32-hex MACs of path-form signatures (Aliyun/Tencent B and C) are masked.
 */
export function loggedTarget(url: string): string {
  const q = url.indexOf('?')
  const path = (q < 0 ? url : url.slice(0, q)).replace(/\/[0-9A-Fa-f]{32}(?=\/)/g, '/***')
  return q < 0 ? path : `${path}?…`
}

export async function buildEdgeApp(deps: EdgeDeps): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = pino(
    {
      level: deps.config.log.level,
      serializers: {
        req: (req: { method: string; url: string; headers: { host?: string } }) => ({
          method: req.method,
          url: loggedTarget(req.url),
          host: req.headers.host,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    maskingStream(deps.logStream ?? pino.destination({ dest: 1, sync: true })),
  )
  const app = Fastify({
    loggerInstance: logger,
    clientErrorHandler: answerClientError,
    // A malformed URL fails before routing: the edge's text 400 here too.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ err: error }, 'edge refusal')
      sendEdgeError(reply as unknown as FastifyReply, 'INVALID_PARAMETER')
    },
    logController: edgeLogController(deps.config),
    genReqId: counterRequestIds(toHex(deps.services.deps.crypto.randomBytes(4))),
    trustProxy: deps.config.http.trustProxy,
  })
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id)
    done()
  })
  await registerEdgeRoutes(app, { ...deps, listener: 'own' })
  return app
}

/** Starts the edge on `edge.host:edge.port` (port 0 = any free port, for tests). */
export async function startEdge(
  deps: EdgeDeps,
  port = deps.config.edge.port,
): Promise<RunningEdge> {
  const app = await buildEdgeApp(deps)
  const url = await app.listen({ host: deps.config.edge.host, port })
  app.log.info({ url }, 'PlayGate edge is listening')
  return { app, url, close: () => app.close() }
}
