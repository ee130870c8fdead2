// An Aliyun RPC request taken apart (aliyun-vod.md §4, §6): query and form parameters merged
// (a name sent twice or holding NUL is refused), the raw body and headers the signatures need,
// and the wire format errors use from here on. Nothing is trusted yet.
import { AppError } from '../../../core/errors.ts'
import { parseQuery, type QueryPair } from '../../../core/encoding/query.ts'
import type { RequestHeaders } from '../../../core/schemes/aliyun-rpc/canonical.ts'
import type { FastifyRequest } from 'fastify'
import { utf8Text } from '../body.ts'
import type { Inbound } from '../contract.ts'
import { resolveFormat, type WireFormat } from './envelope.ts'

/** A request taken apart: decoded parameters, and what the signature checks need raw. */
export interface RpcRequest {
  readonly method: string
  /** Decoded query pairs, in order. */
  readonly query: readonly QueryPair[]
  /** Decoded form-body pairs (empty unless the body is application/x-www-form-urlencoded). */
  readonly form: readonly QueryPair[]
  /** Query and form merged; a name sent twice is refused before this exists. */
  readonly params: ReadonlyMap<string, string>
  /** Raw body bytes after de-chunking (V3 hashes them). */
  readonly body: Uint8Array
  readonly headers: RequestHeaders
  /** Present for V3 (`Authorization: ACS3-…`). */
  readonly authorization: string | undefined
  readonly action: string | undefined
  readonly version: string | undefined
  /** JSON or XML, for the success body and every error after parsing. */
  readonly format: WireFormat
}

const FORM = /^application\/x-www-form-urlencoded\b/i

export function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name]
  return typeof value === 'string' ? value : value?.[0]
}

function malformed(what: string): AppError {
  return new AppError('INVALID_PARAMETER', `${what} has a malformed escape`, {
    details: { parameter: what },
  })
}

/** Parses query and body into an {@link RpcRequest}. Nothing is trusted yet. */
export function parseRpcRequest(inbound: Inbound): RpcRequest {
  const { request, bytes: body } = inbound
  const url = request.raw.url ?? '/'
  const q = url.indexOf('?')
  const query = parseQuery(q < 0 ? '' : url.slice(q + 1))
  if (!query) throw malformed('QueryString')
  const contentType = request.headers['content-type'] ?? ''
  // Bad UTF-8 is refused like a bad escape, not decoded lossily into U+FFFD.
  const formText = body.length > 0 && FORM.test(contentType) ? utf8Text(body) : ''
  const form = formText === undefined ? undefined : parseQuery(formText)
  if (!form) throw malformed('Body')
  const params = new Map<string, string>()
  for (const [name, value] of [...query, ...form]) {
    if (params.has(name))
      throw new AppError('INVALID_PARAMETER', `${name} sent twice`, {
        details: { parameter: name },
      })
    // No parameter legitimately holds NUL, and PostgreSQL text cannot (SQLSTATE 22021).
    if (value.includes('\0') || name.includes('\0'))
      throw new AppError('INVALID_PARAMETER', 'a parameter holds NUL', {
        details: { parameter: name.replaceAll('\0', '') },
      })
    params.set(name, value)
  }
  const headers = distinctHeaders(request)
  const authorization = header(headers, 'authorization')
  const v3 = authorization !== undefined && /^ACS3-/i.test(authorization)
  return {
    method: request.method,
    query,
    form,
    params,
    body,
    headers,
    authorization: v3 ? authorization : undefined,
    action: v3 ? (header(headers, 'x-acs-action') ?? params.get('Action')) : params.get('Action'),
    version: v3
      ? (header(headers, 'x-acs-version') ?? params.get('Version'))
      : params.get('Version'),
    format: resolveFormat(params.get('Format'), v3, request.headers.accept),
  }
}

/**
 * Repeated headers as arrays (V3 joins them with ',', Node's `headers` with ', '). Injected
 * requests (light-my-request) have no `headersDistinct`; `rawHeaders` gives the same.
 */
function distinctHeaders(request: FastifyRequest): RequestHeaders {
  const raw = request.raw as { headersDistinct?: Record<string, string[]>; rawHeaders?: string[] }
  if (raw.headersDistinct) return raw.headersDistinct
  const out: Record<string, string[]> = {}
  const list = raw.rawHeaders ?? []
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = list[i]!.toLowerCase()
    ;(out[name] ??= []).push(list[i + 1]!)
  }
  return out
}
