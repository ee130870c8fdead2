// Server-side checks of Tencent Cloud API 3.0 requests: the TC3-HMAC-SHA256 Authorization header,
// the v1 HmacSHA1/HmacSHA256 `Signature` parameter, and the ±300 s timestamp window. Key lookup,
// replay memory and wire error codes belong to the dialect.
import { toHex } from '../../encoding/bytes.ts'
import type { QueryPair } from '../../encoding/query.ts'
import { accept, reject, type Verdict } from '../../errors.ts'
import type { BinaryLike, Crypto } from '../../ports.ts'
import {
  TC3_ALGORITHM,
  TC3_REQUIRED_SIGNED_HEADERS,
  TC3_TERMINATOR,
  canonicalRequestTc3,
  credentialScope,
  stringToSignTc3,
  stringToSignV1,
  utcDate,
} from './canonical.ts'
import { V1_SIGNATURE_METHODS, hmacV1, tc3SigningKey, type V1SignatureMethod } from './sign.ts'
import { checkClockWindow, type TimestampReason } from '../signature-reasons.ts'

/** Why a Tencent API 3.0 check said no (each function below lists the ones it gives). */
export type Tc3Reason =
  | TimestampReason
  | 'authorization-malformed'
  | 'signed-headers-incomplete'
  | 'signed-header-absent'
  | 'scope-date-mismatch'
  | 'signature-missing'
  | 'duplicate-parameter'
  | 'signature-method'
  | 'signature-mismatch'

/** "Timestamp and server time cannot differ by more than five minutes" (§1.1, §2.4). */
export const DEFAULT_SKEW_SECONDS = 300

/**
 * `X-TC-Timestamp` (TC3) or `Timestamp` (v1): decimal Unix seconds, |now − t| ≤ skew.
 * Reasons: `timestamp-format` (INVALID_PARAMETER), `timestamp-expired` (SIGNATURE_EXPIRED →
 * `AuthFailure.SignatureExpire`).
 * @returns the timestamp in seconds.
 */
export function checkTimestamp(
  value: string,
  nowMs: number,
  skewSeconds: number = DEFAULT_SKEW_SECONDS,
): Verdict<number, TimestampReason> {
  const at = /^\d{1,12}$/.test(value) ? Number(value) : undefined
  const checked = checkClockWindow(at === undefined ? undefined : at * 1000, nowMs, skewSeconds)
  return checked.ok ? accept(at!) : checked
}

export interface Tc3Authorization {
  readonly secretId: string
  /** `YYYY-MM-DD` of the credential scope. */
  readonly date: string
  /** The credential scope's service, as the client signed it (`live`, or `127` — §2.3). */
  readonly service: string
  /** Lower-case, in the order the client listed them. */
  readonly signedHeaders: readonly string[]
  /** Lower-case hex. */
  readonly signature: string
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/
const SERVICE = /^[A-Za-z0-9_.-]{1,64}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=<a;b>,
 * Signature=<hex>` (components in any order, spaces after commas optional).
 * Reason: `authorization-malformed` (INVALID_PARAMETER → `AuthFailure.InvalidAuthorization`),
 * also for another algorithm.
 */
export function parseTc3Authorization(header: string): Verdict<Tc3Authorization, Tc3Reason> {
  const malformed = reject('INVALID_PARAMETER', 'authorization-malformed')
  const text = header.trim()
  const space = text.search(/\s/)
  if (space < 0 || text.slice(0, space) !== TC3_ALGORITHM) return malformed
  const fields = new Map<string, string>()
  for (const part of text.slice(space).split(',')) {
    const item = part.trim()
    const eq = item.indexOf('=')
    if (eq <= 0) return malformed
    const name = item.slice(0, eq)
    if (fields.has(name)) return malformed
    fields.set(name, item.slice(eq + 1))
  }
  const credential = fields.get('Credential')?.split('/')
  const signedHeaders = fields.get('SignedHeaders')?.toLowerCase().split(';')
  const signature = fields.get('Signature')
  if (fields.size !== 3 || !credential || !signedHeaders || !signature) return malformed
  if (credential.length !== 4) return malformed
  const [secretId, date, service, terminator] = credential as [string, string, string, string]
  if (secretId === '' || !DATE.test(date) || !SERVICE.test(service)) return malformed
  if (terminator !== TC3_TERMINATOR) return malformed
  if (!signedHeaders.every((name) => HEADER_NAME.test(name))) return malformed
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return malformed
  return accept({ secretId, date, service, signedHeaders, signature: signature.toLowerCase() })
}

/** Header values as Node delivers them. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>

/**
 * The hosts a client may have signed, most likely first: the Host header as received, then
 * without its port, then the configured public names. TC3 SDKs sign the host without the port,
 * v1 SDKs with it (§2.3, §3.2); trying both costs one HMAC more for the other.
 */
export function hostCandidates(received: string, publicHosts: readonly string[] = []): string[] {
  const out = [received]
  const bare = received.replace(/:\d+$/, '')
  if (bare !== received) out.push(bare)
  for (const host of publicHosts) if (!out.includes(host)) out.push(host)
  return out
}

export interface VerifyTc3Input {
  /** The HTTP method as received (`GET` or `POST`). */
  readonly method: string
  /** The raw query string after `?` ('' when none); signed only for GET. */
  readonly query: string
  /** Received headers, keys lower-case as Node gives them. */
  readonly headers: RequestHeaders
  /** The raw body bytes. */
  readonly body: BinaryLike
  readonly authorization: Tc3Authorization
  /** `X-TC-Timestamp` as received (checked with {@link checkTimestamp} first). */
  readonly timestamp: string
  readonly secretKey: string
  /** Extra host names to try after the received Host with and without its port. */
  readonly publicHosts?: readonly string[]
  /** A signing key for (secretKey, date, service) kept by the caller; derived when absent. */
  readonly signingKey?: Uint8Array
}

export interface Tc3Match {
  /** The host value that verified. */
  readonly host: string
}

/** Carries the server's first string-to-sign whatever the answer (for debugging logs). */
export type Tc3Verdict = Verdict<Tc3Match, Tc3Reason> & { readonly stringToSign: string }

function single(value: string | readonly string[] | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? value : value.join(',')
}

/**
 * Verifies a TC3-HMAC-SHA256 request with the headers the client listed, using the service of
 * its credential scope. The host is tried as received, without its port, then `publicHosts`; a
 * content-type is tried as received, then lower-cased (the doc lower-cases values, the SDK does
 * not). Reasons: `signed-headers-incomplete`, `signed-header-absent` (INVALID_PARAMETER →
 * `AuthFailure.InvalidAuthorization`); `scope-date-mismatch`, `signature-mismatch`
 * (SIGNATURE_MISMATCH → `AuthFailure.SignatureFailure`).
 * @see https://tencentcloud.com/document/product/1026/31038, tencent-live.md §2.4
 */
export function verifyTc3(input: VerifyTc3Input, crypto: Crypto): Tc3Verdict {
  const auth = input.authorization
  const { signedHeaders } = auth
  const method = input.method.toUpperCase()
  const hashedPayload = toHex(crypto.hash('sha256', input.body))
  const scope = credentialScope(auth.date, auth.service)
  const stringToSignFor = (headers: readonly (readonly [string, string])[]) =>
    stringToSignTc3(
      input.timestamp,
      scope,
      canonicalRequestTc3({
        method,
        canonicalQuery: method === 'GET' ? input.query : '',
        headers,
        hashedPayload,
      }),
      crypto,
    )

  const values: (readonly [string, string[]])[] = []
  let absent = false
  for (const name of signedHeaders) {
    const received = single(input.headers[name])
    if (received === undefined) {
      absent = true
      values.push([name, ['']])
      continue
    }
    const variants =
      name === 'host'
        ? hostCandidates(received.trim(), input.publicHosts)
        : [received, ...(received.toLowerCase() !== received ? [received.toLowerCase()] : [])]
    values.push([name, variants])
  }
  const first = values.map(([name, variants]) => [name, variants[0]!] as const)
  const stringToSign = stringToSignFor(first)
  const answer = (verdict: Verdict<Tc3Match, Tc3Reason>): Tc3Verdict => ({
    ...verdict,
    stringToSign,
  })

  if (!TC3_REQUIRED_SIGNED_HEADERS.every((name) => signedHeaders.includes(name)))
    return answer(reject('INVALID_PARAMETER', 'signed-headers-incomplete'))
  if (absent) return answer(reject('INVALID_PARAMETER', 'signed-header-absent'))
  if (!/^\d+$/.test(input.timestamp) || utcDate(Number(input.timestamp)) !== auth.date)
    return answer(reject('SIGNATURE_MISMATCH', 'scope-date-mismatch'))

  const key = input.signingKey ?? tc3SigningKey(input.secretKey, auth.date, auth.service, crypto)
  for (const combination of combinations(values)) {
    const candidate = combination === undefined ? stringToSign : stringToSignFor(combination)
    const mac = toHex(crypto.hmac('sha256', key, candidate))
    if (crypto.timingSafeEqual(mac, auth.signature)) {
      const host = (combination ?? first).find(([name]) => name === 'host')![1]
      return answer(accept({ host }))
    }
  }
  return answer(reject('SIGNATURE_MISMATCH', 'signature-mismatch'))
}

/** Every choice of one variant per header, the all-first choice as `undefined` (already built). */
function* combinations(
  values: readonly (readonly [string, readonly string[]])[],
): Generator<readonly (readonly [string, string])[] | undefined> {
  const index = values.map(() => 0)
  yield undefined
  for (;;) {
    let i = values.length - 1
    while (i >= 0 && index[i]! + 1 >= values[i]![1].length) index[i--] = 0
    if (i < 0) return
    index[i]!++
    yield values.map(([name, variants], k) => [name, variants[index[k]!]!] as const)
  }
}

export interface VerifyV1Input {
  /** The HTTP method as received. */
  readonly method: string
  /** Every decoded parameter of the query or the form body, `Signature` included. */
  readonly params: readonly QueryPair[]
  /** Hosts to try in order (see {@link hostCandidates}: with the port first). */
  readonly hosts: readonly string[]
  readonly secretKey: string
}

export interface V1Match {
  readonly host: string
  readonly signatureMethod: V1SignatureMethod
}

export type V1Verdict = Verdict<V1Match, Tc3Reason> & { readonly stringToSign: string }

/**
 * Verifies a v1 `Signature` (`SignatureMethod` HmacSHA1 by default, or HmacSHA256).
 * Reasons: `signature-missing` (MISSING_PARAMETER), `duplicate-parameter` (INVALID_PARAMETER),
 * `signature-method` (UNSUPPORTED_OPERATION → `InvalidParameterValue`), `signature-mismatch`
 * (SIGNATURE_MISMATCH).
 * @see https://tencentcloud.com/document/api/570/36331, tencent-live.md §3
 */
export function verifyV1(input: VerifyV1Input, crypto: Crypto): V1Verdict {
  const pairs = input.params
  const stringToSign = stringToSignV1(input.method, input.hosts[0] ?? '', pairs)
  const answer = (verdict: Verdict<V1Match, Tc3Reason>): V1Verdict => ({ ...verdict, stringToSign })
  const received = pairs.find(([name]) => name === 'Signature')?.[1]
  if (received === undefined || received === '')
    return answer(reject('MISSING_PARAMETER', 'signature-missing'))
  if (new Set(pairs.map(([name]) => name)).size !== pairs.length)
    return answer(reject('INVALID_PARAMETER', 'duplicate-parameter'))
  const named = pairs.find(([name]) => name === 'SignatureMethod')?.[1] ?? 'HmacSHA1'
  if (!(V1_SIGNATURE_METHODS as readonly string[]).includes(named))
    return answer(reject('UNSUPPORTED_OPERATION', 'signature-method'))
  const signatureMethod = named as V1SignatureMethod
  // A raw '+' decodes to a space in a query or form; base64 has no spaces, so this only repairs.
  const signature = received.replaceAll(' ', '+')
  for (const [i, host] of input.hosts.entries()) {
    const text = i === 0 ? stringToSign : stringToSignV1(input.method, host, pairs)
    if (crypto.timingSafeEqual(hmacV1(signatureMethod, input.secretKey, text, crypto), signature))
      return answer(accept({ host, signatureMethod }))
  }
  return answer(reject('SIGNATURE_MISMATCH', 'signature-mismatch'))
}
