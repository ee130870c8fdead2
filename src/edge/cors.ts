// CORS for the media edge: browser players on other origins (and on file:// pages, which send
// `Origin: null`) read playlists, segments and ranges. Allowed origins are per play domain.
import type { EdgeRequest, EdgeReply } from './exchange.ts'

export const EDGE_METHODS = 'GET, HEAD, OPTIONS'
const EXPOSED = 'Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified, X-Error-Code'
const ALWAYS_ALLOWED_HEADERS = ['range', 'if-range', 'if-none-match', 'if-modified-since']
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** A domain's own list, else the configured default (`edge.corsOrigins`, comma-separated). */
export function effectiveOrigins(
  domainOrigins: readonly string[],
  configured: string,
): readonly string[] {
  if (domainOrigins.length > 0) return domainOrigins
  return configured
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
}

/** The Access-Control-Allow-Origin value for `origin`, or undefined when it is not allowed. */
export function allowOriginFor(
  origin: string | undefined,
  allowed: readonly string[],
): string | undefined {
  if (origin === undefined) return undefined
  // No credentials ride on edge requests, so `*` is enough even for `Origin: null`.
  if (allowed.includes('*')) return '*'
  const normalized = origin.toLowerCase().replace(/\/$/, '')
  return allowed.some((a) => a.toLowerCase().replace(/\/$/, '') === normalized) ? origin : undefined
}

/** The request's Origin, when it sent one. */
export function originOf(request: EdgeRequest): string | undefined {
  const value: unknown = request.headers.origin
  return typeof value === 'string' ? value : undefined
}

/**
 * The CORS fields of an actual (non-preflight) response to a request from `origin`, as name,
 * value, name, value…: none without an Origin, only `Vary` for a refused one.
 */
export function corsFields(origin: string | undefined, allowed: readonly string[]): string[] {
  if (origin === undefined) return []
  const allowOrigin = allowOriginFor(origin, allowed)
  const fields = allowOrigin !== '*' ? ['vary', 'Origin'] : []
  if (allowOrigin !== undefined)
    fields.push(
      'access-control-allow-origin',
      allowOrigin,
      'access-control-expose-headers',
      EXPOSED,
    )
  return fields
}

/** Adds CORS headers to an actual (non-preflight) response. */
export function applyCors(
  request: EdgeRequest,
  reply: EdgeReply,
  allowed: readonly string[],
): void {
  const origin = originOf(request)
  if (origin === undefined) return
  const fields = corsFields(origin, allowed)
  for (let i = 0; i < fields.length; i += 2) void reply.header(fields[i]!, fields[i + 1]!)
}

/**
 * Answers OPTIONS: a preflight from an allowed origin gets 204 with the methods and headers a
 * player needs (Range above all); a refused origin gets 403. A plain OPTIONS lists the methods.
 */
export function answerOptions(
  request: EdgeRequest,
  reply: EdgeReply,
  allowed: readonly string[],
): void {
  void reply.header('allow', EDGE_METHODS).header('cache-control', 'no-store')
  const origin = originOf(request)
  const preflightMethod = request.headers['access-control-request-method']
  if (origin === undefined || preflightMethod === undefined) {
    void reply.status(204).send()
    return
  }
  const allowOrigin = allowOriginFor(origin, allowed)
  if (allowOrigin !== '*') void reply.header('vary', 'Origin')
  if (allowOrigin === undefined) {
    void reply
      .status(403)
      .header('x-error-code', 'FORBIDDEN')
      .header('content-type', 'text/plain; charset=utf-8')
      .send('Forbidden\n')
    return
  }
  const requested = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => TOKEN.test(h))
  const headers = [...new Set([...ALWAYS_ALLOWED_HEADERS, ...requested])]
  void reply
    .status(204)
    .header('access-control-allow-origin', allowOrigin)
    .header('access-control-allow-methods', EDGE_METHODS)
    .header('access-control-allow-headers', headers.join(', '))
    .header('access-control-max-age', '86400')
    .send()
}
