// Aliyun's response envelope (aliyun-vod.md §7, §8.1): JSON or XML by `Format`, a `RequestId` in
// every body (UUID-shaped, derived from our request id), never a `Code` in a success body, and the
// exact content types the Tea SDKs test for.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AliyunFault, type AliyunErrorResponse } from './errors.ts'

export type WireFormat = 'JSON' | 'XML'

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8'
/** openapi-client parses an error body as XML only for exactly this string (§8.1). */
export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8'

/**
 * `Format`, compared case-insensitively (openapi-client's V1 mode sends `json`). Without it, V3
 * follows `Accept` (the SDKs send application/json) and V1 takes the documented default, XML.
 * Anything else is `InvalidParameter.Format`.
 */
export function resolveFormat(
  format: string | undefined,
  v3: boolean,
  accept: string | undefined,
): WireFormat {
  if (format === undefined) {
    if (!v3) return 'XML'
    return accept !== undefined && /xml/i.test(accept) && !/json/i.test(accept) ? 'XML' : 'JSON'
  }
  const upper = format.toUpperCase()
  if (upper === 'JSON' || upper === 'XML') return upper
  throw new AliyunFault('InvalidParameter.Format', `unsupported Format ${JSON.stringify(format)}`, {
    details: { parameter: 'Format' },
  })
}

/**
 * Aliyun's `RequestId` shape (`25818875-5F78-4A13-BEF6-D7393642CA58`) for our `req_<20 hex>`: the
 * 20 hex digits first (so logs and `x-request-id` find it), then 12 derived from the whole id.
 */
export function aliyunRequestId(requestId: string): string {
  const own = requestId.replace(/^req_/, '').replace(/[^0-9a-f]/gi, '')
  const hex = (own + mixedHex(requestId)).slice(0, 32).toUpperCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * 32 hex digits that spread every character of `text` (FNV-1a in four 32-bit lanes). A request
 * id is random already: this only fills the UUID's shape, which needs no cryptographic hash (a
 * SHA-256 per answer was a measurable part of a GetVideoPlayAuth).
 */
function mixedHex(text: string): string {
  const lanes = [0x811c9dc5, 0x050c5d1f, 0x2b1f3a7d, 0x6c8e9cf5]
  let out = ''
  for (let lane of lanes) {
    for (let i = 0; i < text.length; i++) lane = Math.imul(lane ^ text.charCodeAt(i), 0x01000193)
    out += (lane >>> 0).toString(16).padStart(8, '0')
  }
  return out
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/

/** `HostId`: the endpoint host the client called, when it looks like one. */
export function hostIdOf(request: FastifyRequest): string {
  const host = request.headers.host
  return host !== undefined && HOST.test(host) ? host : 'playgate'
}

type Wire = string | number | boolean | null | undefined | Wire[] | { [key: string]: Wire }

// XML 1.0 cannot carry most C0 controls at all, even escaped.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** One element per key; an array repeats its key (`PlayInfoList.PlayInfo[]` → `<PlayInfo>…`×n). */
function xmlMembers(value: { [key: string]: Wire }): string {
  return Object.entries(value)
    .map(([key, v]) => xmlElement(key, v))
    .join('')
}

function xmlElement(name: string, value: Wire): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => xmlElement(name, item)).join('')
  if (typeof value === 'object') return `<${name}>${xmlMembers(value)}</${name}>`
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

/** `<?xml …?><{Action}Response><RequestId>…</RequestId>…</{Action}Response>` (§7). */
export function renderXmlSuccess(
  action: string,
  requestId: string,
  body: { [key: string]: Wire },
): string {
  const root = `${action}Response`
  return `${XML_DECLARATION}<${root}>${xmlMembers({ RequestId: requestId, ...body })}</${root}>`
}

/** The `<Error>` document of §8.1 (declaration on its own line, as Aliyun's example). */
export function renderXmlError(body: { [key: string]: Wire }): string {
  return `${XML_DECLARATION}\n<Error>${xmlMembers(body)}</Error>`
}

export function sendSuccess(
  reply: FastifyReply,
  options: {
    format: WireFormat
    action: string
    requestId: string
    body: object
  },
): FastifyReply {
  const body = options.body as { [key: string]: Wire }
  void reply.status(200).header('x-acs-request-id', options.requestId)
  if (options.format === 'XML')
    return reply
      .header('content-type', XML_CONTENT_TYPE)
      .send(renderXmlSuccess(options.action, options.requestId, body))
  return reply
    .header('content-type', JSON_CONTENT_TYPE)
    .send(JSON.stringify({ RequestId: options.requestId, ...body }))
}

export function sendError(
  reply: FastifyReply,
  format: WireFormat,
  error: AliyunErrorResponse,
): FastifyReply {
  void reply.status(error.status).header('x-acs-request-id', error.body.RequestId)
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value)
  const body = error.body as unknown as { [key: string]: Wire }
  if (format === 'XML')
    return reply.header('content-type', XML_CONTENT_TYPE).send(renderXmlError(body))
  return reply.header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify(body))
}
