// The edge's hot path on node:http directly: the listener's 'request' handler claims edge
// requests before Fastify's router (its routing, hooks, request/reply objects and child logger
// cost more than verifying and serving a small segment) and hands everything else to Fastify.
// Its answers, logs and decisions are those of the edge's Fastify routes (plugin.ts), which stay
// for Host-routed requests on the API listener and for `inject`.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { answerAuthRequest, AUTH_REQUEST_PATH } from './auth-request.ts'
import { applyCors, corsFields, originOf } from './cors.ts'
import { sendEdgeError, toEdgeAppError } from './errors.ts'
import { LeanReply, LeanRequest, type EdgeLogger } from './exchange.ts'
import { sendHeldFile } from './held-file.ts'
import { LIVE_HOOKS_PATH } from './live-hooks.ts'
import { decideFromMemory, type FromMemory } from './memory-path.ts'
import { hostAddress, PLAY_PREFIX, prefixAddress } from './resolve.ts'
import { originsOf, serveGranted } from './serve-request.ts'
import { noteRefusal } from './verify.ts'
import type { Edge } from './edge.ts'

export const EDGE_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const

export interface LeanOptions {
  /**
   * `shared`: the API listener, where the edge claims `/play/…` and `/edge/auth` (Host-routed
   * requests stay with Fastify, whose API routes come first). `own`: the edge's listener, where
   * everything but the live hooks (POST, with bodies) is the edge's.
   */
  readonly listener: 'shared' | 'own'
  /** Lines go through it as through the listener's Fastify logger (same serializers, masking). */
  readonly logger: EdgeLogger
  readonly requestId: () => string
  /** `http.trustProxy`, as Fastify's `request.ip` applies it. */
  readonly trustProxy: boolean
  /** `edge.logRequests`: a completed line for every request, not only refusals (incoming at debug). */
  readonly logRequests: boolean
  /** The API listener's request metrics (`playgate_http_requests_total` counts every request). */
  readonly observe?: (
    labels: { method: string; route: string; status: number },
    seconds: number,
  ) => void
}

/** A 'request' handler that answers the edge's requests and returns false for the rest. */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean

type Kind = 'play' | 'auth' | 'host' | 'not-allowed'

/** The route pattern a completed line names, as Fastify's would. */
const ROUTES: Record<Kind, string> = {
  play: `${PLAY_PREFIX}*`,
  auth: AUTH_REQUEST_PATH,
  host: '/*',
  'not-allowed': '/*',
}

const isEdgeMethod = (method: string) =>
  method === 'GET' || method === 'HEAD' || method === 'OPTIONS'

function isAuthPath(url: string): boolean {
  return url.startsWith(AUTH_REQUEST_PATH) && (url.length === 10 || url[10] === '?')
}

/** Whether the path decodes, as Fastify's router requires before any route sees it. */
function decodablePath(url: string): boolean {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  if (!path.includes('%')) return true
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

/** Which of the edge's routes `req` takes on this listener, or undefined for Fastify. */
function kindOf(method: string, url: string, own: boolean): Kind | undefined {
  if (url.startsWith(PLAY_PREFIX)) {
    if (isEdgeMethod(method)) return 'play'
    return own ? 'not-allowed' : undefined
  }
  if ((method === 'GET' || method === 'HEAD') && isAuthPath(url)) return 'auth'
  if (!own) return undefined
  if (isEdgeMethod(method)) return 'host'
  if (method === 'POST' && url.startsWith(LIVE_HOOKS_PATH + '/')) return undefined
  return 'not-allowed'
}

type HeldFile = Extract<FromMemory, { kind: 'file' }>

const NO_FIELDS: readonly string[] = []

/** The address the general path tries first for a request of `kind` ('play' or 'host'). */
function firstAddress(request: LeanRequest, kind: Kind) {
  const { url } = request
  return kind === 'play' ? prefixAddress(url) : hostAddress(url, request.headers.host)
}

export function createLeanHandler(edge: Edge, options: LeanOptions): FrontHandler {
  const own = options.listener === 'own'
  const { logger, requestId, trustProxy, logRequests, observe } = options

  function completed(reply: LeanReply): void {
    const logged = logRequests || reply.statusCode >= 400
    if (!logged && !observe) return
    const { request } = reply
    const { method } = request
    const route = ROUTES[kindOf(method, request.url, own) ?? 'host']
    const responseTime = performance.now() - request.startedAt
    observe?.({ method, route, status: reply.statusCode }, responseTime / 1000)
    if (logged)
      request.log.info({ req: request, route, res: reply, responseTime }, 'request completed')
  }

  function fail(reply: LeanReply, error: unknown): void {
    const appError = toEdgeAppError(error)
    const { log } = reply.request
    if (appError.code === 'INTERNAL') log.error({ err: error }, 'edge failure')
    else log.info({ code: appError.code, reason: appError.message }, 'edge refusal')
    if (reply.sent) {
      reply.raw.destroy()
      return
    }
    reply.dropBodyHeaders()
    sendEdgeError(reply, appError.code)
  }

  async function run(request: LeanRequest, reply: LeanReply, kind: Kind): Promise<void> {
    if (!decodablePath(request.url)) {
      request.log.info({ code: 'INVALID_PARAMETER', reason: 'undecodable path' }, 'edge refusal')
      return sendEdgeError(reply, 'INVALID_PARAMETER')
    }
    if (kind === 'auth') return answerAuthRequest(edge.context, request, reply)
    if (kind === 'not-allowed') {
      void reply.header('allow', EDGE_METHODS.join(', '))
      return sendEdgeError(reply, 'UNSUPPORTED_OPERATION')
    }
    const { url } = request
    // A path-form signature (Aliyun/Tencent B, C) leads the `/play/<host>/…` it signs.
    const served =
      kind === 'play'
        ? await edge.serve(request, reply, prefixAddress(url), undefined)
        : await edge.serve(
            request,
            reply,
            hostAddress(url, request.headers.host),
            prefixAddress(url),
          )
    if (!served) sendEdgeError(reply, 'NOT_FOUND')
  }

  /** Where the general path goes on from what the memory path decided (answered, if sync). */
  function goOn(
    request: LeanRequest,
    reply: LeanReply,
    held: Exclude<FromMemory, undefined | HeldFile>,
  ): Promise<void> | undefined {
    if (held.kind === 'domain') return edge.serveDomain(request, reply, held.domain, held.address)
    applyCors(request, reply, originsOf(edge.context, held.domain))
    if (held.kind === 'refused') {
      noteRefusal(request, reply, held.refusal, held.domain.host)
      sendEdgeError(reply, held.refusal.code)
      return undefined
    }
    return serveGranted(edge.context, request, reply, held)
  }

  /** What the memory path decides; a failure there is the general path's to meet and report. */
  function fromMemory(request: LeanRequest, kind: Kind): FromMemory {
    if (logRequests || (kind !== 'play' && kind !== 'host') || !decodablePath(request.url))
      return undefined
    try {
      return decideFromMemory(edge.context, request, firstAddress(request, kind))
    } catch {
      return undefined
    }
  }

  /** The memory path's 200 for a held file, with the request metrics `completed` records. */
  function sendHeld(request: LeanRequest, res: ServerResponse, held: HeldFile, kind: Kind): void {
    const origin = originOf(request)
    const cors =
      origin === undefined ? NO_FIELDS : corsFields(origin, originsOf(edge.context, held.domain))
    sendHeldFile(res, request, held.file, held.cacheControl, cors)
    const seconds = (performance.now() - request.startedAt) / 1000
    observe?.({ method: request.method, route: ROUTES[kind], status: 200 }, seconds)
  }

  return (req, res) => {
    const method = req.method ?? ''
    const kind = kindOf(method, req.url ?? '', own)
    if (kind === undefined) return false
    const request = new LeanRequest(req, requestId(), logger, trustProxy)
    // With every request logged, every request takes the general path (its lines as they were).
    const held = fromMemory(request, kind)
    if (held?.kind === 'file') {
      sendHeld(request, res, held, kind)
      return true
    }
    const reply = new LeanReply(res, request, completed)
    if (logRequests) request.log.debug({ req: request }, 'incoming request')
    try {
      const work = held === undefined ? run(request, reply, kind) : goOn(request, reply, held)
      work?.catch((error: unknown) => fail(reply, error))
    } catch (error) {
      fail(reply, error)
    }
    return true
  }
}

/**
 * Puts `front` before the handler Fastify gave `server`: requests it claims never reach
 * Fastify, the rest do, untouched. Fastify keeps its own server settings (timeouts, keep-alive).
 */
export function installFrontDoor(server: Server, front: FrontHandler): void {
  const [fastify] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[]
  if (!fastify) throw new Error('the listener has no request handler to put the edge before')
  server.removeListener('request', fastify)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!front(req, res)) fastify(req, res)
  })
}

/**
 * Request ids from a random prefix and a counter (`req_` + 20 hex digits): unique per process like
 * the API's, without a CSPRNG call per request.
 */
export function counterRequestIds(prefixHex: string): () => string {
  let counter = 0
  return () => 'req_' + prefixHex + (counter++).toString(16).padStart(12, '0')
}
