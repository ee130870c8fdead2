// Polyv's envelope (polyv.md §4.1): `{"code":200,"status":"success","message":"success","data":…}`
// and the error body of errors.ts, both as JSON with HTTP 200 unless the status is mirrored.
import type { FastifyReply } from 'fastify'
import type { PolyvErrorBody } from './errors.ts'

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8'

export function sendPolyvSuccess(reply: FastifyReply, data: unknown): FastifyReply {
  return reply
    .status(200)
    .header('content-type', JSON_CONTENT_TYPE)
    .send(JSON.stringify({ code: 200, status: 'success', message: 'success', data }))
}

export function sendPolyvError(
  reply: FastifyReply,
  body: PolyvErrorBody,
  mirrorStatus: boolean,
): FastifyReply {
  if (body.code === 429) void reply.header('retry-after', '300')
  return reply
    .status(mirrorStatus ? body.code : 200)
    .header('content-type', JSON_CONTENT_TYPE)
    .send(JSON.stringify(body))
}

/** JSONP for the callback answer: `name(json)` with a name a page could have written. */
export function sendJsonp(reply: FastifyReply, callback: string, value: unknown): FastifyReply {
  return reply
    .status(200)
    .header('content-type', 'application/javascript;charset=UTF-8')
    .header('x-content-type-options', 'nosniff')
    .send(`/**/${callback}(${JSON.stringify(value)})`)
}
