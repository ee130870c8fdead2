// Client-side Tencent Cloud API 3.0 signing (TC3-HMAC-SHA256 and v1 HmacSHA1/HmacSHA256): what
// the official SDKs compute. The verifier reuses it; tests and the bench use it as a client.
import { toBase64, toHex } from '../../encoding/bytes.ts'
import type { QueryPair } from '../../encoding/query.ts'
import type { BinaryLike, Crypto } from '../../ports.ts'
import {
  TC3_ALGORITHM,
  TC3_TERMINATOR,
  canonicalRequestTc3,
  credentialScope,
  stringToSignTc3,
  stringToSignV1,
  utcDate,
} from './canonical.ts'

/**
 * `HMAC(HMAC(HMAC("TC3" + SecretKey, Date), service), "tc3_request")`: the key that signs every
 * request of that day and service (callers may keep it for the day).
 * @see https://tencentcloud.com/document/product/1026/31038
 */
export function tc3SigningKey(
  secretKey: string,
  date: string,
  service: string,
  crypto: Crypto,
): Uint8Array {
  const secretDate = crypto.hmac('sha256', 'TC3' + secretKey, date)
  const secretService = crypto.hmac('sha256', secretDate, service)
  return crypto.hmac('sha256', secretService, TC3_TERMINATOR)
}

export interface SignTc3Input {
  readonly method: 'GET' | 'POST'
  /** The host as signed: the SDK signs it without the port (§2.3). */
  readonly host: string
  readonly contentType: string
  /** GET: the encoded query string exactly as it will be sent; POST: ''. */
  readonly query?: string
  /** The exact body bytes (POST); '' for GET. */
  readonly body?: BinaryLike
  /** Unix seconds. */
  readonly timestamp: number
  /** The credential-scope service (`live`; `127` when the SDK's endpoint is 127.0.0.1:port). */
  readonly service: string
  readonly secretId: string
  readonly secretKey: string
}

export interface Tc3Signature {
  /** The `Authorization` header value. */
  readonly authorization: string
  /** Lower-case hex. */
  readonly signature: string
  readonly canonicalRequest: string
  readonly stringToSign: string
}

/**
 * TC3-HMAC-SHA256 over `content-type;host`, as tencentcloud-sdk-nodejs-common signs.
 * @see https://tencentcloud.com/document/product/1026/31038
 */
export function signTc3(input: SignTc3Input, crypto: Crypto): Tc3Signature {
  const date = utcDate(input.timestamp)
  const scope = credentialScope(date, input.service)
  const canonicalRequest = canonicalRequestTc3({
    method: input.method,
    canonicalQuery: input.method === 'GET' ? (input.query ?? '') : '',
    headers: [
      ['content-type', input.contentType],
      ['host', input.host],
    ],
    hashedPayload: toHex(crypto.hash('sha256', input.body ?? '')),
  })
  const stringToSign = stringToSignTc3(String(input.timestamp), scope, canonicalRequest, crypto)
  const key = tc3SigningKey(input.secretKey, date, input.service, crypto)
  const signature = toHex(crypto.hmac('sha256', key, stringToSign))
  return {
    authorization: formatTc3Authorization(
      input.secretId,
      scope,
      ['content-type', 'host'],
      signature,
    ),
    signature,
    canonicalRequest,
    stringToSign,
  }
}

export function formatTc3Authorization(
  secretId: string,
  scope: string,
  signedHeaders: readonly string[],
  signature: string,
): string {
  return `${TC3_ALGORITHM} Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`
}

export const V1_SIGNATURE_METHODS = ['HmacSHA1', 'HmacSHA256'] as const
export type V1SignatureMethod = (typeof V1_SIGNATURE_METHODS)[number]

export interface SignV1Input {
  readonly method: string
  /** The host as signed; the SDK uses its endpoint, port included (§3.2). */
  readonly host: string
  /** Decoded parameters; a `Signature` entry is ignored. */
  readonly params: readonly QueryPair[]
  readonly secretKey: string
  /** HmacSHA1 unless the parameters say `SignatureMethod=HmacSHA256`. */
  readonly signatureMethod: V1SignatureMethod
}

export interface V1Signature {
  /** Base64, not yet URL-encoded. */
  readonly signature: string
  readonly stringToSign: string
}

/**
 * v1: `Base64(HMAC-SHA1|SHA256(SecretKey, METHOD + host + "/?" + sorted raw k=v))`.
 * @see https://tencentcloud.com/document/api/570/36331
 */
export function signV1(input: SignV1Input, crypto: Crypto): V1Signature {
  const stringToSign = stringToSignV1(input.method, input.host, input.params)
  return {
    signature: hmacV1(input.signatureMethod, input.secretKey, stringToSign, crypto),
    stringToSign,
  }
}

export function hmacV1(
  method: V1SignatureMethod,
  secretKey: string,
  stringToSign: string,
  crypto: Crypto,
): string {
  return toBase64(crypto.hmac(method === 'HmacSHA256' ? 'sha256' : 'sha1', secretKey, stringToSign))
}
