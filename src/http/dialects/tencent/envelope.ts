// Tencent API 3.0's response envelope (tencent-live.md §4, §6.3): `{"Response":{…,"RequestId"}}`
// for success, `{"Response":{"Error":{…},"RequestId"}}` for every failure, both with HTTP 200 and
// `application/json`, the request's `X-TC-TraceId` echoed, messages in `X-TC-Language`.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { toHex } from '../../../core/encoding/bytes.ts'
import type { AppError } from '../../../core/errors.ts'
import type { Crypto } from '../../../core/ports.ts'
import { toTencentError, type Language } from './errors.ts'

export const CONTENT_TYPE = 'application/json'

/**
 * A lower-case UUID (`8e50cdb5-56dc-408b-89b0-31818958d424`) for our `req_<20 hex>`: its 20 hex
 * digits first, so logs and `x-request-id` find it, then 12 derived from them.
 */
export function tencentRequestId(requestId: string, crypto: Crypto): string {
  const own = requestId.replace(/^req_/, '').replace(/[^0-9a-f]/gi, '')
  const hex = (own + toHex(crypto.hash('sha256', requestId))).slice(0, 32).toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** `X-TC-Language` (TC3) or `Language` (v1, already read by parse): zh-CN, else English. */
export function languageOf(request: FastifyRequest, parsed?: { language?: Language }): Language {
  if (parsed?.language) return parsed.language
  return header(request, 'x-tc-language') === 'zh-CN' ? 'zh-CN' : 'en-US'
}

const TRACE_ID = /^[\w.:-]{1,128}$/

function start(reply: FastifyReply, request: FastifyRequest): FastifyReply {
  const trace = header(request, 'x-tc-traceid')
  if (trace !== undefined && TRACE_ID.test(trace)) void reply.header('x-tc-traceid', trace)
  return reply.status(200).header('content-type', CONTENT_TYPE)
}

export function sendSuccess(
  reply: FastifyReply,
  request: FastifyRequest,
  body: object,
  requestId: string,
): FastifyReply {
  return start(reply, request).send(JSON.stringify({ Response: { ...body, RequestId: requestId } }))
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: AppError,
  requestId: string,
  language: Language,
): FastifyReply {
  const retry = error.details.retryAfterSeconds
  if (retry !== undefined) void reply.header('retry-after', String(retry))
  return start(reply, request).send(JSON.stringify(toTencentError(error, requestId, language)))
}
