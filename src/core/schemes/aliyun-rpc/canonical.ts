// Canonical strings of Aliyun's RPC ("POP") signatures, V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256),
// and the gateway's timestamp format. Pure text building: no keys, no verdicts.
import { toHex } from '../../encoding/bytes.ts'
import { percentEncode } from '../../encoding/percent.ts'
import type { QueryPair } from '../../encoding/query.ts'
import type { Crypto } from '../../ports.ts'

/** Decoded request parameters: a record, or pairs in the order received (query, then body). */
export type RpcParams = Readonly<Record<string, string>> | readonly QueryPair[]

export type Encoder = (value: string) => string

export function toParamPairs(params: RpcParams): readonly QueryPair[] {
  return isPairs(params) ? params : Object.entries(params)
}

function isPairs(params: RpcParams): params is readonly QueryPair[] {
  return Array.isArray(params)
}

/**
 * The official web player's `AliyunEncodeURI`: `encodeURIComponent` plus three JavaScript string
 * `replace` calls, which replace only the FIRST match. So `!'()` stay raw and only the first `*`
 * becomes `%2A` (the `+` and `%7E` replacements never match `encodeURIComponent` output).
 * @see aliyun-vod.md §3.3 (aliyun-aliplayer@2.37.7 `saas/signature.js`)
 */
export function aliplayerEncode(value: string): string {
  return encodeURIComponent(value).replace('+', '%2B').replace('*', '%2A').replace('%7E', '~')
}

/**
 * Sorted `k=v&…` of every parameter except `Signature`, empty values included. Keys sort by
 * UTF-16 code units, as `Object.keys(…).sort()` does in pop-core and openapi-util; for the ASCII
 * names Aliyun uses this is code-point order.
 */
export function canonicalQueryV1(params: RpcParams, encode: Encoder = percentEncode): string {
  // One pass each, no callbacks: this runs on every signed request.
  const kept: QueryPair[] = []
  for (const pair of toParamPairs(params)) if (pair[0] !== 'Signature') kept.push(pair)
  kept.sort(byName)
  let out = ''
  for (let i = 0; i < kept.length; i++) {
    const [name, value] = kept[i]!
    out += (i === 0 ? '' : '&') + encode(name) + '=' + encode(value)
  }
  return out
}

/**
 * `METHOD&%2F&enc(canonical query)` with strict RFC 3986 encoding at both levels.
 * @see https://help.aliyun.com/document_detail/28839.html
 */
export function stringToSignV1(method: string, params: RpcParams): string {
  return v1StringToSign(method, params, percentEncode)
}

/**
 * The same string as the web player builds it, with {@link aliplayerEncode} at both levels. Only
 * differs from {@link stringToSignV1} for values holding `!'()` or more than one `*`.
 * @see aliyun-vod.md §3.3, §11.2
 */
export function playerStringToSignV1(method: string, params: RpcParams): string {
  return v1StringToSign(method, params, aliplayerEncode)
}

function v1StringToSign(method: string, params: RpcParams, encode: Encoder): string {
  return `${method}&${encode('/')}&${encode(canonicalQueryV1(params, encode))}`
}

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256'

/** Headers every V3 request must sign (aliyun-vod.md §5.2, server rules). */
export const V3_REQUIRED_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
] as const

/** Header values as Node delivers them; repeated headers may arrive as arrays. */
export type HeaderValue = string | readonly string[] | undefined
export type RequestHeaders = Readonly<Record<string, HeaderValue>>

/**
 * V3 canonical query: sorted, `enc(k)=enc(v)`, `k=` for an empty value, '' when there is none.
 * openapi-util 0.3.3 leaves keys unencoded; the doc encodes them. Identical for Aliyun's names.
 */
export function canonicalQueryV3(query: RpcParams): string {
  return sortPairs(toParamPairs(query))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&')
}

/** Lower-cased names → values, for case-insensitive lookup. */
export function lowerCaseHeaders(headers: RequestHeaders): Map<string, readonly string[]> {
  const out = new Map<string, string[]>()
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const key = name.toLowerCase()
    const list = out.get(key) ?? []
    list.push(...(typeof value === 'string' ? [value] : value))
    out.set(key, list)
  }
  return out
}

/** `name:value\n` per signed header; repeated values trimmed, sorted and joined with ','. */
export function canonicalHeadersV3(
  headers: ReadonlyMap<string, readonly string[]>,
  signedHeaders: readonly string[],
): string {
  return signedHeaders
    .map((name) => {
      const values = (headers.get(name) ?? []).map((v) => v.trim()).sort()
      return `${name}:${values.join(',')}\n`
    })
    .join('')
}

export interface CanonicalRequestV3Input {
  readonly method: string
  /** `/` for RPC-style APIs. */
  readonly path: string
  readonly query: RpcParams
  readonly headers: ReadonlyMap<string, readonly string[]>
  /** Lower-case names in the order they appear in `SignedHeaders`. */
  readonly signedHeaders: readonly string[]
  /** Lower-case hex SHA-256 of the raw body. */
  readonly hashedPayload: string
}

/**
 * `METHOD\nPATH\nQUERY\nHEADERS\nSIGNED\nHASH`; HEADERS ends in `\n`, hence the empty line.
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 */
export function canonicalRequestV3(input: CanonicalRequestV3Input): string {
  return [
    input.method,
    input.path,
    canonicalQueryV3(input.query),
    canonicalHeadersV3(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.hashedPayload,
  ].join('\n')
}

export function stringToSignV3(canonicalRequest: string, crypto: Crypto): string {
  return `${ACS3_ALGORITHM}\n${toHex(crypto.hash('sha256', canonicalRequest))}`
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/

// Every request parses one timestamp and formats another, nearly always of the current second:
// the last of each is kept (as nginx keeps its time strings per second).
let formatted = { second: NaN, text: '' }
let parsed: { text: string; ms: number | undefined } = { text: '', ms: undefined }

/** `YYYY-MM-DDThh:mm:ssZ` (UTC, no milliseconds), as `Timestamp`, `x-acs-date` and `ExpireTime`. */
export function formatTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== formatted.second)
    formatted = { second, text: new Date(second * 1000).toISOString().replace('.000Z', 'Z') }
  return formatted.text
}

/** Milliseconds since the epoch, or undefined unless `value` is a real `YYYY-MM-DDThh:mm:ssZ`. */
export function parseTimestamp(value: string): number | undefined {
  if (value !== parsed.text) parsed = { text: value, ms: parseTimestampText(value) }
  return parsed.ms
}

function parseTimestampText(value: string): number | undefined {
  const m = TIMESTAMP.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, 0)
  // Date rolls 2026-02-30 over to March; a real date survives the round trip.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.getTime()
}

/** Sorted by name; Array.prototype.sort is stable, so repeated names keep their arrival order. */
export function sortPairs(pairs: readonly QueryPair[]): QueryPair[] {
  return [...pairs].sort(byName)
}

/** By name in UTF-16 code-unit order; stable, so equal names keep their order. */
function byName(a: QueryPair, b: QueryPair): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
}
