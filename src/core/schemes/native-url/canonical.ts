// PlayGate's own signed-URL format (HMAC-SHA256, key id, expiry, not-before, path-prefix scope,
// IP/CIDR binding): the string the MAC covers. The wire format is specified in README.md.
import { toBase64Url } from '../../encoding/bytes.ts'
import { percentEncode } from '../../encoding/percent.ts'
import type { Crypto } from '../../ports.ts'

/** Query parameters, in the order the signer writes them. */
export const NATIVE_PARAMS = ['pg_kid', 'pg_exp', 'pg_nbf', 'pg_scope', 'pg_ip', 'pg_sig'] as const

/** First line of the signed string: a new format gets a new label, never a reinterpretation. */
export const NATIVE_LABEL = 'PG-URL-1'

export const KID_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/
export const TIME_PATTERN = /^(0|[1-9]\d{0,11})$/

export interface NativeFields {
  readonly kid: string
  readonly exp: string
  readonly nbf?: string
  readonly ip?: string
  /** Decoded, dot-free path prefix; when set the URL covers every path under it. */
  readonly scope?: string
  /** Decoded, dot-free request path (signed only when there is no scope). */
  readonly path: string
  /** The request's other query parameters, raw (signed only when there is no scope). */
  readonly query: string
}

// Unreserved characters and "/": every segment is already its own strict encoding.
const ENCODED_PATH = /^[A-Za-z0-9\-_.~/]*$/

/** A decoded path in one unambiguous text: each segment strictly percent-encoded. */
function encodeSegments(path: string): string {
  // Most paths need no escape: on every native verify, so no split, map and join for them.
  if (ENCODED_PATH.test(path)) return path
  return path.split('/').map(percentEncode).join('/')
}

/**
 * Eight lines joined by "\n": label, kid, exp, nbf, ip, mode (`prefix` | `exact`), resource
 * (the scope or the path, strictly encoded), and the other query (exact mode only). Only the
 * last line may hold arbitrary text, and the encoding keeps "\n" out of every other line.
 */
export function canonicalNative(f: NativeFields): string {
  const scoped = f.scope !== undefined
  // Concatenated rather than an array joined: one array fewer on every verify.
  return (
    NATIVE_LABEL +
    '\n' +
    f.kid +
    '\n' +
    f.exp +
    '\n' +
    (f.nbf ?? '') +
    '\n' +
    (f.ip ?? '') +
    '\n' +
    (scoped ? 'prefix' : 'exact') +
    '\n' +
    encodeSegments(f.scope ?? f.path) +
    '\n' +
    (scoped ? '' : f.query)
  )
}

/** base64url (no padding) of HMAC-SHA256(key secret as UTF-8, canonical string): 43 chars. */
export function nativeSignature(crypto: Crypto, secret: string, canonical: string): string {
  return toBase64Url(crypto.hmac('sha256', secret, canonical))
}
