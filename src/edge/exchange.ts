// What the edge reads of a request and writes of its reply. Fastify's request and reply satisfy
// these (the edge's Fastify routes: Host-routed requests on the API listener, `inject` in tests);
// on the hot path (lean.ts) a lean pair over node:http's own objects stands in, without Fastify's
// per-request objects, routing, hooks and child logger.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { pipeline, type Readable } from 'node:stream'

export interface EdgeLog {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface EdgeRequest {
  readonly method: string
  /** The request target as received. */
  readonly url: string
  readonly headers: IncomingHttpHeaders
  /** The client's address (the socket's peer, or X-Forwarded-For with `http.trustProxy`). */
  readonly ip: string
  readonly socket: { readonly remoteAddress?: string | undefined }
  readonly log: EdgeLog
}

export interface EdgeReply {
  readonly statusCode: number
  readonly raw: ServerResponse
  /** A header set on this reply (not yet on `raw`: it is written in one writeHead). */
  getHeader(name: string): unknown
  status(code: number): EdgeReply
  /** `name` in lower case. */
  header(name: string, value: string): EdgeReply
  /** Sends once: no payload, a whole body, or a stream piped to the client. */
  send(payload?: string | Buffer | Readable): unknown
}

/** The logger lean exchanges log through (pino's; `child` only once a line is written). */
export interface EdgeLogger extends EdgeLog {
  child(bindings: { reqId: string }): EdgeLog
}

/** The first of a repeated header. */
export function headerOf(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export class LeanRequest implements EdgeRequest {
  readonly raw: IncomingMessage
  readonly id: string
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  private readonly logger: EdgeLogger
  private readonly trustProxy: boolean
  /** performance.now() when the request arrived (for the completed line's responseTime). */
  readonly startedAt = performance.now()
  private childLog: EdgeLog | undefined

  constructor(raw: IncomingMessage, id: string, logger: EdgeLogger, trustProxy: boolean) {
    this.raw = raw
    this.id = id
    this.logger = logger
    this.trustProxy = trustProxy
    this.method = raw.method ?? 'GET'
    this.url = raw.url ?? '/'
    this.headers = raw.headers
  }

  get socket() {
    return this.raw.socket
  }

  /** As Fastify's `request.ip`: with trustProxy, the first X-Forwarded-For address. */
  get ip(): string {
    const peer = this.raw.socket.remoteAddress ?? ''
    if (!this.trustProxy) return peer
    const first = headerOf(this, 'x-forwarded-for')?.split(',')[0]?.trim()
    return first || peer
  }

  /** A child logger with the request id, made on the first line this request logs. */
  get log(): EdgeLog {
    return (this.childLog ??= this.logger.child({ reqId: this.id }))
  }
}

const noop = () => {}

export class LeanReply implements EdgeReply {
  statusCode = 200
  sent = false
  readonly raw: ServerResponse
  readonly request: LeanRequest
  private readonly fields: Record<string, string>
  /** Called once the response is handed to node:http. */
  private readonly onSent: (reply: LeanReply) => void

  constructor(raw: ServerResponse, request: LeanRequest, onSent: (reply: LeanReply) => void) {
    this.raw = raw
    this.request = request
    this.onSent = onSent
    this.fields = { 'x-request-id': request.id }
  }

  /** Before an error's answer: what described the body goes, as in Fastify's error handler. */
  dropBodyHeaders(): void {
    delete this.fields['content-type']
    delete this.fields['content-length']
  }

  status(code: number): this {
    this.statusCode = code
    return this
  }

  getHeader(name: string): string | undefined {
    return this.fields[name]
  }

  header(name: string, value: string): this {
    this.fields[name] = value
    return this
  }

  /** Fastify's rules for what goes with each kind of payload, written in one writeHead. */
  send(payload?: string | Buffer | Readable): this {
    if (this.sent) return this
    this.sent = true
    const { raw, statusCode: status, fields } = this
    if (payload === undefined) {
      if (status >= 200 && status !== 204 && status !== 304 && this.request.method !== 'HEAD')
        fields['content-length'] = '0'
      raw.writeHead(status, fields)
      raw.end()
    } else if (status === 204 || status < 200) {
      delete fields['content-type']
      delete fields['content-length']
      raw.writeHead(status, fields)
      raw.end()
      if (typeof payload === 'object' && !Buffer.isBuffer(payload)) payload.destroy()
    } else if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      const length = fields['content-length']
      const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length
      if (length === undefined || (this.request.method !== 'HEAD' && Number(length) !== bytes))
        fields['content-length'] = String(bytes)
      raw.writeHead(status, fields)
      raw.end(payload)
    } else {
      raw.writeHead(status, fields)
      // Either side failing or closing early ends both (the open file included).
      pipeline(payload, raw, noop)
    }
    this.onSent(this)
    return this
  }
}
