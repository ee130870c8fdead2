// Canonical strings of Tencent Cloud API 3.0 signatures: v3 (TC3-HMAC-SHA256) and the older v1
// (HmacSHA1 / HmacSHA256). Pure text building: no keys, no verdicts.
import { toHex } from '../../encoding/bytes.ts'
import type { QueryPair } from '../../encoding/query.ts'
import type { Crypto } from '../../ports.ts'

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256'
export const TC3_TERMINATOR = 'tc3_request'

/** Every signed request must cover these two (tencent-live.md §2.1, §2.3). */
export const TC3_REQUIRED_SIGNED_HEADERS = ['content-type', 'host'] as const

/** `YYYY-MM-DD`, the UTC date of a Unix time in seconds (never local time: §2.1's warning). */
export function utcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10)
}

/** `Date/service/tc3_request`. */
export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/${TC3_TERMINATOR}`
}

/** `name:value\n` per header, names lower-case, values trimmed, in the order given. */
export function canonicalHeadersTc3(headers: readonly (readonly [string, string])[]): string {
  let out = ''
  for (const [name, value] of headers) out += `${name.toLowerCase()}:${value.trim()}\n`
  return out
}

export interface CanonicalRequestTc3Input {
  readonly method: string
  /** GET: the query string exactly as sent (after `?`); POST: ''. */
  readonly canonicalQuery: string
  /** Signed headers as `[lower-case name, value]`, in `SignedHeaders` order. */
  readonly headers: readonly (readonly [string, string])[]
  /** Lower-case hex SHA-256 of the raw body (`SHA256("")` for GET). */
  readonly hashedPayload: string
}

/**
 * `METHOD\n/\nQUERY\nHEADERS\nSIGNED\nHASH`; the URI is always `/` and HEADERS ends in `\n`.
 * @see https://tencentcloud.com/document/product/1026/31038
 */
export function canonicalRequestTc3(input: CanonicalRequestTc3Input): string {
  const signed = input.headers.map(([name]) => name.toLowerCase()).join(';')
  return (
    `${input.method}\n/\n${input.canonicalQuery}\n` +
    `${canonicalHeadersTc3(input.headers)}\n${signed}\n${input.hashedPayload}`
  )
}

/** `TC3-HMAC-SHA256\nTimestamp\nScope\nhex(SHA256(CanonicalRequest))`. */
export function stringToSignTc3(
  timestamp: string,
  scope: string,
  canonicalRequest: string,
  crypto: Crypto,
): string {
  return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${toHex(crypto.hash('sha256', canonicalRequest))}`
}

/**
 * v1: `METHOD + host + "/?" + k=v&…` over every parameter but `Signature`, sorted by name in
 * code-point order, with the RAW (decoded, not re-encoded) values.
 * @see https://tencentcloud.com/document/api/570/36331
 */
export function stringToSignV1(method: string, host: string, params: readonly QueryPair[]): string {
  const pairs = params.filter(([name]) => name !== 'Signature')
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  let query = ''
  for (const [name, value] of pairs) query += (query === '' ? '' : '&') + `${name}=${value}`
  return `${method.toUpperCase()}${host}/?${query}`
}
