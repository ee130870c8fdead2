// Plaintexts of Polyv's signatures: the VOD v2 `k=v&…` + secret (SHA-1), the token API's
// secret + `kv…` + secret (MD5), the authorised-playback callback and the mobile H5 sign.
// Pure text building: no keys are compared here.
import type { QueryPair } from '../../encoding/query.ts'

/** Decoded request parameters: a record, or pairs in the order received (query, then body). */
export type PolyvParams = Readonly<Record<string, string>> | readonly QueryPair[]

/** The `ptime` window: "3分钟内有效" (polyv.md §3), in both directions. */
export const PTIME_WINDOW_MS = 180_000

export function toPairs(params: PolyvParams): readonly QueryPair[] {
  return Array.isArray(params) ? (params as readonly QueryPair[]) : Object.entries(params)
}

/**
 * The parameters a Polyv sign covers: every one except `sign` whose value is non-empty (an empty
 * `password` is sent to clear it but never signed, §2.1), sorted by UTF-16 code units as Java's
 * `Collections.sort` does (upper case before lower case). The sort is stable.
 */
export function signedPairs(params: PolyvParams): QueryPair[] {
  return toPairs(params)
    .filter(([name, value]) => name !== 'sign' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * VOD v2: `k=v&k=v…` with raw (decoded) values, then the secret appended with no separator.
 * @see https://polyv.gitbook.io/document/docs/vod/api/buildsign (polyv.md §1.1)
 */
export function v2Plaintext(params: PolyvParams, secret: string): string {
  return (
    signedPairs(params)
      .map(([name, value]) => `${name}=${value}`)
      .join('&') + secret
  )
}

/**
 * The MD5 variant (playsafe token, v3 sub-account APIs): secret, then `keyvalue` with no
 * separators, then the secret again.
 * @see https://polyv.gitbook.io/document/docs/vclass-copy/api/buildsign (polyv.md §8.1)
 */
export function md5Plaintext(params: PolyvParams, secret: string): string {
  return (
    secret +
    signedPairs(params)
      .map(([name, value]) => name + value)
      .join('') +
    secret
  )
}

export interface CallbackAnswer {
  readonly vid: string
  readonly username: string
  /** The custom value from the embed code, echoed. */
  readonly code: string
  readonly status: 0 | 1
  /** The player's random number, echoed. */
  readonly t: string
}

/**
 * The authorised-playback callback's fixed-order plaintext (not sorted, secret in the middle).
 * @see https://dev.polyv.net/2015/videoproduct/v-manual/v-manual-encrypt/jsgn0032/ (polyv.md §8.4)
 */
export function callbackPlaintext(answer: CallbackAnswer, secret: string): string {
  return (
    `vid=${answer.vid}&secretkey=${secret}&username=${answer.username}` +
    `&code=${answer.code}&status=${answer.status}&t=${answer.t}`
  )
}

/** Mobile H5 player: `secretkey + vid + ts` (polyv.md §8.3). */
export function mobilePlaintext(secret: string, vid: string, ts: string): string {
  return secret + vid + ts
}
