// Takes a Tencent API 3.0 request apart (tencent-live.md §1–§3): TC3 (`Authorization: TC3-…` or
// `X-TC-Action`; POST JSON or GET query) or v1 (common parameters in the query or a form body).
// Nothing is trusted here; the signature checks need the raw pieces, so they are kept.
import { fromUtf8 } from '../../../core/encoding/bytes.ts'
import { AppError } from '../../../core/errors.ts'
import { parseQuery, type QueryPair } from '../../../core/encoding/query.ts'
import type { RequestHeaders } from '../../../core/schemes/tencent-tc3/verify.ts'
import type { Inbound } from '../contract.ts'
import { TencentFault, type Language } from './errors.ts'

/** v1's common parameters: they name, sign and date the request, not the action. */
export const V1_COMMON = new Set([
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'SignatureMethod',
  'Signature',
  'Token',
  'Language',
  'RequestClient',
])

export interface TencentRequest {
  readonly method: string
  readonly style: 'tc3' | 'v1'
  /** The query string after `?`, exactly as received (TC3 GET signs it as is). */
  readonly rawQuery: string
  readonly headers: RequestHeaders
  readonly bytes: Buffer
  /** Every decoded v1 pair (query, then form body), `Signature` included. */
  readonly v1Pairs: readonly QueryPair[]
  /** The action's own parameters: JSON values (TC3 POST) or strings (GET, v1). */
  readonly params: Readonly<Record<string, unknown>>
  readonly action: string | undefined
  readonly version: string | undefined
  readonly language: Language
}

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name]
  return typeof value === 'string' ? value : value?.[0]
}

function invalid(parameter: string, message: string): AppError {
  return new AppError('INVALID_PARAMETER', message, { details: { parameter } })
}

/** Name → value; a name sent twice is refused, and NUL (PostgreSQL cannot store it) too. */
function toRecord(pairs: readonly QueryPair[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [name, value] of pairs) {
    if (name in out) throw invalid(name, `${name} sent twice`)
    if (name.includes('\0') || value.includes('\0'))
      throw invalid(name.replaceAll('\0', ''), 'a parameter holds NUL')
    out[name] = value
  }
  return out
}

function jsonParams(bytes: Buffer): Record<string, unknown> {
  if (bytes.length === 0) return {}
  const text = fromUtf8(bytes)
  if (text === undefined) throw invalid('body', 'the body is not UTF-8')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalid('body', 'the body is not JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid('body', 'the body is not a JSON object')
  if (text.includes('\\u0000') || text.includes('\0')) throw invalid('body', 'the body holds NUL')
  return value as Record<string, unknown>
}

/** The request's parts. Malformed escapes, JSON or duplicates are INVALID_PARAMETER. */
export function parseTencentRequest(inbound: Inbound): TencentRequest {
  const { request, bytes } = inbound
  const url = request.raw.url ?? '/'
  const q = url.indexOf('?')
  const rawQuery = q < 0 ? '' : url.slice(q + 1)
  const query = parseQuery(rawQuery)
  if (!query) throw invalid('QueryString', 'the query has a malformed escape')
  const headers = request.headers as RequestHeaders
  const contentType = header(headers, 'content-type') ?? ''
  const tc3 =
    header(headers, 'authorization') !== undefined || header(headers, 'x-tc-action') !== undefined

  if (tc3) {
    const method = request.method
    let params: Record<string, unknown>
    if (method === 'POST') {
      if (/^multipart\/form-data/i.test(contentType))
        throw new TencentFault('UNSUPPORTED_OPERATION', 'UnsupportedOperation', 'multipart bodies')
      params = jsonParams(bytes)
    } else params = toRecord(query)
    const language = header(headers, 'x-tc-language') === 'zh-CN' ? 'zh-CN' : 'en-US'
    return {
      method,
      style: 'tc3',
      rawQuery,
      headers,
      bytes,
      v1Pairs: [],
      params,
      action: header(headers, 'x-tc-action'),
      version: header(headers, 'x-tc-version'),
      language,
    }
  }

  const form =
    bytes.length > 0 && /^application\/x-www-form-urlencoded/i.test(contentType)
      ? parseQuery(bytes.toString('utf8'))
      : []
  if (!form) throw invalid('body', 'the form body has a malformed escape')
  const v1Pairs = [...query, ...form]
  const all = toRecord(v1Pairs)
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(all)) if (!V1_COMMON.has(name)) params[name] = value
  return {
    method: request.method,
    style: 'v1',
    rawQuery,
    headers,
    bytes,
    v1Pairs,
    params,
    action: all.Action,
    version: all.Version,
    language: all.Language === 'zh-CN' ? 'zh-CN' : 'en-US',
  }
}
