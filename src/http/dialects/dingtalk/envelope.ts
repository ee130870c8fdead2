// DingTalk's response envelopes: v1.0 successes are the bare JSON body, errors
// `{code, requestid, message}` with the HTTP status of errors.ts; both carry `x-acs-request-id`
// and `x-acs-trace-id` and are always JSON (a non-JSON error crashes the SDK, dingtalk.md §5.4).
// The legacy `/gettoken` answers HTTP 200 with `errcode` (0 on success) and `errmsg`.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppError } from '../../../core/errors.ts'
import { toHex } from '../../../core/encoding/bytes.ts'
import type { Crypto } from '../../../core/ports.ts'
import { DINGTALK_LEGACY_ERRORS, toDingtalkError } from './errors.ts'

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8'

/** The legacy API's one route; everything else is v1.0. */
export const LEGACY_TOKEN_PATHS: readonly string[] = ['/gettoken', '/dingtalk/gettoken']

/**
 * DingTalk's request id shape (`01A08FE7-68C3-7BBD-B223-447768EA4B29`) for our `req_<20 hex>`:
 * its own hex digits first, so logs and `x-request-id` still find it.
 */
export function dingtalkRequestId(requestId: string, crypto: Crypto): string {
  const own = requestId.replace(/^req_/, '').replace(/[^0-9a-f]/gi, '')
  const hex = (own + toHex(crypto.hash('sha256', requestId))).slice(0, 32).toUpperCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function isLegacy(request: FastifyRequest): boolean {
  return LEGACY_TOKEN_PATHS.includes(request.routeOptions.url ?? '')
}

function headers(reply: FastifyReply, requestId: string): FastifyReply {
  return reply
    .header('content-type', JSON_CONTENT_TYPE)
    .header('x-acs-request-id', requestId)
    .header('x-acs-trace-id', requestId.replace(/-/g, '').toLowerCase())
}

export function sendSuccess(reply: FastifyReply, requestId: string, body: object): FastifyReply {
  return headers(reply.status(200), requestId).send(JSON.stringify(body))
}

/** The action a route serves, for the token API's own wording of bad input. */
function routeAction(request: FastifyRequest): string | undefined {
  const url = request.routeOptions.url ?? ''
  return url.endsWith('/v1.0/oauth2/accessToken') ? 'GetAccessToken' : undefined
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: AppError,
  requestId: string,
): FastifyReply {
  if (isLegacy(request)) {
    const legacy = DINGTALK_LEGACY_ERRORS[error.code]
    return headers(reply.status(200), requestId).send(
      JSON.stringify({ errcode: legacy.errcode, errmsg: legacy.errmsg, request_id: requestId }),
    )
  }
  const wire = toDingtalkError(error, requestId, routeAction(request))
  for (const [name, value] of Object.entries(wire.headers)) void reply.header(name, value)
  return headers(reply.status(wire.status), requestId).send(JSON.stringify(wire.body))
}
