// Which of Fastify's per-request log lines edge routes write. A player fetches a segment every
// few seconds per viewer, and two JSON lines per fetch cost more than serving a small segment;
// so unless edge.logRequests is on, only refused and failed edge requests are logged.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Config } from '../config/schema.ts'

/** Route `config` of the edge's routes, which the log controller below recognises. */
export const EDGE_ROUTE_CONFIG = { edgeRoute: true } as const

function isEdgeRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { edgeRoute?: unknown }).edgeRoute === true
}

/**
 * Route `config` of a route that may answer a request with a refusal remembered in memory (see
 * `unlogged`): no "incoming request" line, which is written before the route knows; its
 * "request completed" line carries the same facts.
 */
export const NO_INCOMING_LINE_CONFIG = { incomingLine: false } as const

function logsIncoming(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { incomingLine?: unknown }).incomingLine !== false
}

const quiet = new WeakSet<FastifyRequest>()

/**
 * No log line for this request: an attacker's repeated attempt refused from memory (thousands a
 * second), which the audit log counts instead.
 */
export function unlogged(request: FastifyRequest): void {
  quiet.add(request)
}

/**
 * With edge.logRequests off, an edge request has no "incoming request" line, and its "request
 * completed" line is written only for a status of 400 or more (or an error), carrying the method,
 * host and masked target (the `req` serializer) the skipped line would have had. Other routes log
 * as Fastify always does. A subclass because Fastify accepts only a LogController instance.
 */
/**
 * One line per request at `info`: its "request completed" (or "request errored") line carries
 * method, target (masked by the `req` serializer), route pattern, status, duration and request
 * id, so it answers "what was that request" alone. The "incoming request" line, written before
 * the route runs, is at `debug` (for a request that never completes); two lines per request were
 * a measurable part of a cheap one's cost.
 */
class RequestLog extends LogController {
  override incomingRequest(
    request: FastifyRequest,
    _reply?: FastifyReply,
    _metadata?: object,
  ): void {
    if (logsIncoming(request)) request.log.debug({ req: request }, 'incoming request')
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    _metadata?: object,
  ): void {
    if (!error && quiet.has(request)) return
    const line = {
      req: request,
      route: request.routeOptions.url ?? null,
      res: reply,
      responseTime: reply.elapsedTime,
    }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

class EdgeRequestLog extends RequestLog {
  override incomingRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ): void {
    if (!isEdgeRoute(request)) super.incomingRequest(request, reply, metadata)
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata?: Record<string, unknown>,
  ): void {
    if (error || !isEdgeRoute(request))
      return super.requestCompleted(error, request, reply, metadata)
    if (reply.statusCode < 400) return
    super.requestCompleted(error, request, reply, metadata)
  }
}

/** The `logController` for a Fastify instance that serves edge routes. */
export function edgeLogController(config: Config): LogController {
  return config.edge.logRequests ? new RequestLog() : new EdgeRequestLog()
}
