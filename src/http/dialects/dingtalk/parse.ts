// A DingTalk request taken apart: the access-token header, the query (first value of each name),
// the JSON body (an object, or absent) and the path's conferenceId. Nothing here is trusted yet.
import { AppError } from '../../../core/errors.ts'
import { parseQuery, splitTarget } from '../../../core/encoding/query.ts'
import type { Inbound } from '../contract.ts'

export const TOKEN_HEADER = 'x-acs-dingtalk-access-token'

export interface DingtalkRequest {
  /** `x-acs-dingtalk-access-token`, when sent. */
  readonly token: string | undefined
  readonly query: Readonly<Record<string, string>>
  /** The JSON body's members; empty for a request without one. */
  readonly body: Readonly<Record<string, unknown>>
  /** Whether a body was sent at all (the token API needs one). */
  readonly hasBody: boolean
  /** The path's `{conferenceId}`, percent-decoded by the router. */
  readonly conferenceId: string
}

const badBody = () =>
  new AppError('INVALID_PARAMETER', 'body is not a JSON object', {
    details: { parameter: 'body' },
  })

export function parseDingtalkRequest(inbound: Inbound): DingtalkRequest {
  const { request } = inbound
  const query: Record<string, string> = {}
  const pairs = parseQuery(splitTarget(request.url).query)
  if (!pairs)
    throw new AppError('INVALID_PARAMETER', 'malformed query escape', {
      details: { parameter: 'query' },
    })
  for (const [name, value] of pairs) {
    if (name.includes('\0') || value.includes('\0'))
      throw new AppError('INVALID_PARAMETER', 'NUL in the query', {
        details: { parameter: name.replace(/\0/g, '').slice(0, 64) || 'query' },
      })
    if (!(name in query)) query[name] = value
  }
  const json = inbound.json
  if (json !== undefined && (typeof json !== 'object' || json === null || Array.isArray(json)))
    throw badBody()
  const raw = request.headers[TOKEN_HEADER]
  const conferenceId = inbound.pathParams.conferenceId ?? ''
  if (conferenceId.includes('\0') || conferenceId.length > 128)
    throw new AppError('INVALID_PARAMETER', 'malformed conferenceId', {
      details: { parameter: 'conferenceId' },
    })
  return {
    token: Array.isArray(raw) ? raw[0] : raw,
    query,
    body: (json as Record<string, unknown> | undefined) ?? {},
    hasBody: json !== undefined,
    conferenceId,
  }
}
