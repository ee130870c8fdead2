// A Polyv request taken apart: the path userid, query and form parameters merged in order
// (decoded; a name sent twice is left for the signature check to refuse), and the client IP.
// Nothing is trusted yet.
import { AppError } from '../../../core/errors.ts'
import { parseQuery, type QueryPair } from '../../../core/encoding/query.ts'
import type { Inbound } from '../contract.ts'

export interface PolyvRequest {
  readonly method: string
  /** The `{userid}` path segment ('' when the route has none: the token API). */
  readonly pathUserid: string
  /** Decoded query then form pairs, in order, as the signature covers them. */
  readonly pairs: readonly QueryPair[]
  /** First value of each name. */
  readonly params: ReadonlyMap<string, string>
  readonly clientIp: string
}

export function parsePolyvRequest(inbound: Inbound): PolyvRequest {
  const { request } = inbound
  const url = request.raw.url ?? '/'
  const q = url.indexOf('?')
  const query = parseQuery(q < 0 ? '' : url.slice(q + 1))
  if (!query)
    throw new AppError('INVALID_PARAMETER', 'malformed query escape', {
      details: { parameter: 'query' },
    })
  if (query.some(([n, v]) => n.includes('\0') || v.includes('\0')))
    throw new AppError('INVALID_PARAMETER', 'NUL in the query', {
      details: { parameter: 'query' },
    })
  const pairs = [...query, ...(inbound.form ?? [])]
  const params = new Map<string, string>()
  for (const [name, value] of pairs) if (!params.has(name)) params.set(name, value)
  return {
    method: request.method,
    pathUserid: inbound.pathParams.userid ?? '',
    pairs,
    params,
    clientIp: inbound.clientIp,
  }
}
