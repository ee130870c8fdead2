// Server-side checks of Aliyun RPC requests: V1 and V3 signatures, the signature-method fields and
// the ±15 min timestamp window. Key lookup, nonces and wire error codes belong to the dialect.
import { toHex } from '../../encoding/bytes.ts'
import type { QueryPair } from '../../encoding/query.ts'
import { accept, reject, type Verdict } from '../../errors.ts'
import type { BinaryLike, Crypto } from '../../ports.ts'
import {
  ACS3_ALGORITHM,
  V3_REQUIRED_SIGNED_HEADERS,
  canonicalRequestV3,
  lowerCaseHeaders,
  parseTimestamp,
  playerStringToSignV1,
  stringToSignV1,
  stringToSignV3,
  toParamPairs,
  type RequestHeaders,
  type RpcParams,
} from './canonical.ts'
import { hmacV1, hmacV3, type V1Encoding } from './sign.ts'
import { checkClockWindow, type TimestampReason } from '../signature-reasons.ts'

/** Why an Aliyun RPC check said no (each function below lists the ones it gives). */
export type AliyunRpcReason =
  | TimestampReason
  | 'signature-method'
  | 'signature-version'
  | 'signature-missing'
  | 'duplicate-parameter'
  | 'signature-mismatch'
  | 'authorization-algorithm'
  | 'authorization-malformed'
  | 'signed-headers-incomplete'
  | 'signed-header-absent'
  | 'content-sha256-mismatch'

/** Aliyun's window: "more than 15 minutes" apart is `InvalidTimeStamp.Expired` (aliyun-vod.md §6). */
export const DEFAULT_SKEW_SECONDS = 900

/**
 * Checks a V1 `Timestamp` or a V3 `x-acs-date`: format `YYYY-MM-DDThh:mm:ssZ`, then
 * |now − t| ≤ skew, both directions (future-dated accepted within the window, §14).
 * Reasons: `timestamp-format` (INVALID_PARAMETER → `InvalidTimeStamp.Format`),
 * `timestamp-expired` (SIGNATURE_EXPIRED → `InvalidTimeStamp.Expired`).
 * @returns the timestamp in milliseconds since the epoch.
 */
export function checkTimestamp(
  value: string,
  nowMs: number,
  skewSeconds: number = DEFAULT_SKEW_SECONDS,
): Verdict<number, TimestampReason> {
  return checkClockWindow(parseTimestamp(value), nowMs, skewSeconds)
}

/**
 * V1 `SignatureMethod` must be HMAC-SHA1 (compared case-insensitively: the doc example prints
 * `Hmac-SHA1`, the SDKs send `HMAC-SHA1`) and `SignatureVersion` must be `1.0`.
 * Reasons: `signature-method` (→ `InvalidSignatureMethod`), `signature-version`.
 */
export function checkV1SignatureMethod(
  signatureMethod: string,
  signatureVersion: string,
): Verdict<true, AliyunRpcReason> {
  if (signatureMethod.toUpperCase() !== 'HMAC-SHA1') {
    return reject('UNSUPPORTED_OPERATION', 'signature-method')
  }
  if (signatureVersion !== '1.0') return reject('UNSUPPORTED_OPERATION', 'signature-version')
  return accept(true)
}

export interface VerifyV1Input {
  /** The HTTP method as received. */
  readonly method: string
  /**
   * Every decoded parameter of the query and the form body, `Signature` included, in the order
   * received: a `RegionId` after `Signature` is the web player's unsigned suffix (§11.4).
   */
  readonly params: RpcParams
  readonly secret: string
}

export interface V1Match {
  readonly encoding: V1Encoding
  /** Received parameters the signature does not cover: `['RegionId']` or `[]`. */
  readonly unsigned: readonly string[]
}

/**
 * Carries the server's strict string-to-sign whatever the answer, because Aliyun echoes it in
 * `SignatureDoesNotMatch` ("… server string to sign is:<StringToSign>"). It is not secret, but for
 * STS requests it contains the SecurityToken, so log it no more than the request itself.
 */
export type V1Verdict = Verdict<V1Match, AliyunRpcReason> & { readonly stringToSign: string }

/**
 * Verifies a V1 signature: strict encoding first, then, only for the web player (`Channel=HTML5`),
 * its lenient encoding; a `RegionId` after `Signature` is tried unsigned first, then signed.
 * Reasons: `signature-missing` (MISSING_PARAMETER), `duplicate-parameter` (INVALID_PARAMETER),
 * `signature-mismatch` (SIGNATURE_MISMATCH).
 * @see https://help.aliyun.com/document_detail/28839.html, aliyun-vod.md §4, §3.3, §11.4, §11.6
 */
export function verifyV1(input: VerifyV1Input, crypto: Crypto): V1Verdict {
  const pairs = toParamPairs(input.params)
  // One pass, no callbacks (every signed request comes here): the first Signature and RegionId,
  // and whether the web player sent it.
  let signatureAt = -1
  let regionAt = -1
  let player = false
  for (let i = 0; i < pairs.length; i++) {
    const [name, value] = pairs[i]!
    if (name === 'Signature') signatureAt = signatureAt < 0 ? i : signatureAt
    else if (name === 'RegionId') regionAt = regionAt < 0 ? i : regionAt
    else if (name === 'Channel' && value === 'HTML5') player = true
  }
  const trailingRegion = signatureAt >= 0 && regionAt > signatureAt
  const candidates: { params: readonly QueryPair[]; unsigned: readonly string[] }[] = trailingRegion
    ? [
        { params: pairs.filter(([name]) => name !== 'RegionId'), unsigned: ['RegionId'] },
        { params: pairs, unsigned: [] },
      ]
    : [{ params: pairs, unsigned: [] }]
  const first = candidates[0]!
  const stringToSign = stringToSignV1(input.method, first.params)

  if (signatureAt < 0)
    return withString(reject('MISSING_PARAMETER', 'signature-missing'), stringToSign)
  if (hasDuplicateNames(pairs))
    return withString(reject('INVALID_PARAMETER', 'duplicate-parameter'), stringToSign)
  // A raw '+' in a query decodes to a space; base64 has no spaces, so this only repairs.
  const received = pairs[signatureAt]![1].replaceAll(' ', '+')

  for (const candidate of candidates) {
    const strict =
      candidate === first ? stringToSign : stringToSignV1(input.method, candidate.params)
    if (crypto.timingSafeEqual(hmacV1(input.secret, strict, crypto), received)) {
      return withString(accept({ encoding: 'strict', unsigned: candidate.unsigned }), stringToSign)
    }
    if (!player) continue
    const lenient = playerStringToSignV1(input.method, candidate.params)
    if (lenient === strict) continue
    if (crypto.timingSafeEqual(hmacV1(input.secret, lenient, crypto), received)) {
      return withString(accept({ encoding: 'player', unsigned: candidate.unsigned }), stringToSign)
    }
  }
  return withString(reject('SIGNATURE_MISMATCH', 'signature-mismatch'), stringToSign)
}

function withString(verdict: Verdict<V1Match, AliyunRpcReason>, stringToSign: string): V1Verdict {
  return { ...verdict, stringToSign }
}

export interface Acs3Authorization {
  readonly accessKeyId: string
  /** Lower-case, in the order the client listed them. */
  readonly signedHeaders: readonly string[]
  /** Lower-case hex. */
  readonly signature: string
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/

/**
 * Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>` (components in
 * any order, optional spaces after commas).
 * Reasons: `authorization-algorithm` (UNSUPPORTED_OPERATION, e.g. ACS3-HMAC-SM3 or ACS3-RSA-SHA256),
 * `authorization-malformed` (INVALID_PARAMETER → `IncompleteSignature`).
 */
export function parseAcs3Authorization(
  header: string,
): Verdict<Acs3Authorization, AliyunRpcReason> {
  const malformed = reject('INVALID_PARAMETER', 'authorization-malformed')
  const text = header.trim()
  const space = text.search(/\s/)
  if (space < 0) return malformed
  if (text.slice(0, space) !== ACS3_ALGORITHM) {
    return reject('UNSUPPORTED_OPERATION', 'authorization-algorithm')
  }
  const fields = new Map<string, string>()
  for (const part of text.slice(space).split(',')) {
    const item = part.trim()
    const eq = item.indexOf('=')
    if (eq <= 0) return malformed
    const name = item.slice(0, eq)
    if (fields.has(name)) return malformed
    fields.set(name, item.slice(eq + 1))
  }
  const accessKeyId = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')?.toLowerCase().split(';')
  const signature = fields.get('Signature')
  if (fields.size !== 3 || !accessKeyId || !signedHeaders || !signature) return malformed
  if (!signedHeaders.every((name) => HEADER_NAME.test(name))) return malformed
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return malformed
  return accept({ accessKeyId, signedHeaders, signature: signature.toLowerCase() })
}

export interface VerifyV3Input {
  readonly method: string
  /** The request path without the query; `/` for RPC. */
  readonly path?: string
  /** Decoded query parameters (not the body's). */
  readonly query: RpcParams
  /**
   * The received headers, `host` exactly as sent (with its port). Pass repeated headers as arrays
   * (Node's `headersDistinct`): Node's `headers` joins repeats with ', ', the SDK with ','.
   */
  readonly headers: RequestHeaders
  /** The raw body bytes after de-chunking; '' when empty. */
  readonly body: BinaryLike
  readonly authorization: Acs3Authorization
  /** The AccessKeySecret (no `&` suffix in V3). */
  readonly secret: string
}

export interface V3Match {
  readonly signedHeaders: readonly string[]
}

/** Carries the canonical request and string-to-sign whatever the answer (see {@link V1Verdict}). */
export type V3Verdict = Verdict<V3Match, AliyunRpcReason> & {
  readonly canonicalRequest: string
  readonly stringToSign: string
}

/**
 * Verifies an ACS3-HMAC-SHA256 request with the headers the client listed in `SignedHeaders`.
 * Reasons: `signed-headers-incomplete` (a required header, or a present `x-acs-security-token`, is
 * not signed), `signed-header-absent` (a listed header was not received), `duplicate-parameter`
 * (all INVALID_PARAMETER); `content-sha256-mismatch`, `signature-mismatch` (SIGNATURE_MISMATCH).
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 */
export function verifyV3(input: VerifyV3Input, crypto: Crypto): V3Verdict {
  const { signedHeaders, signature } = input.authorization
  const headers = lowerCaseHeaders(input.headers)
  const hashedPayload = toHex(crypto.hash('sha256', input.body))
  const canonicalRequest = canonicalRequestV3({
    method: input.method,
    path: input.path ?? '/',
    query: input.query,
    headers,
    signedHeaders,
    hashedPayload,
  })
  const stringToSign = stringToSignV3(canonicalRequest, crypto)
  const answer = (verdict: Verdict<V3Match, AliyunRpcReason>): V3Verdict => ({
    ...verdict,
    canonicalRequest,
    stringToSign,
  })

  const mustSign = [
    ...V3_REQUIRED_SIGNED_HEADERS,
    ...(headers.has('x-acs-security-token') ? ['x-acs-security-token'] : []),
  ]
  if (!mustSign.every((name) => signedHeaders.includes(name))) {
    return answer(reject('INVALID_PARAMETER', 'signed-headers-incomplete'))
  }
  if (!signedHeaders.every((name) => headers.has(name))) {
    return answer(reject('INVALID_PARAMETER', 'signed-header-absent'))
  }
  if (hasDuplicateNames(toParamPairs(input.query))) {
    return answer(reject('INVALID_PARAMETER', 'duplicate-parameter'))
  }
  const declared = (headers.get('x-acs-content-sha256') ?? []).join(',').trim().toLowerCase()
  if (!crypto.timingSafeEqual(declared, hashedPayload)) {
    return answer(reject('SIGNATURE_MISMATCH', 'content-sha256-mismatch'))
  }
  if (!crypto.timingSafeEqual(hmacV3(input.secret, stringToSign, crypto), signature)) {
    return answer(reject('SIGNATURE_MISMATCH', 'signature-mismatch'))
  }
  return answer(accept({ signedHeaders }))
}

function hasDuplicateNames(pairs: readonly QueryPair[]): boolean {
  const names = new Set<string>()
  for (const pair of pairs) names.add(pair[0])
  return names.size !== pairs.length
}
