// Client-side Aliyun RPC signing (V1 HMAC-SHA1 and V3 ACS3-HMAC-SHA256): what the SDKs and the web
// player compute. The verifier reuses it; tests, the CLI and dialect tests use it as a client.
import { toBase64, toHex } from '../../encoding/bytes.ts'
import { percentEncode } from '../../encoding/percent.ts'
import type { BinaryLike, Crypto } from '../../ports.ts'
import {
  ACS3_ALGORITHM,
  canonicalRequestV3,
  lowerCaseHeaders,
  playerStringToSignV1,
  sortPairs,
  stringToSignV1,
  stringToSignV3,
  toParamPairs,
  type RpcParams,
} from './canonical.ts'

/** `strict` is RFC 3986 (the SDKs); `player` is the web player's lenient `AliyunEncodeURI`. */
export type V1Encoding = 'strict' | 'player'

export interface SignV1Input {
  /** The HTTP method as sent: `GET` or `POST` (openapi-util's unit test signs with ''). */
  readonly method: string
  /** Decoded parameters of the query and the form body; a `Signature` entry is ignored. */
  readonly params: RpcParams
  /** The AccessKeySecret; the HMAC key is `secret + '&'`. */
  readonly secret: string
  readonly encoding?: V1Encoding
}

export interface V1Signature {
  /** Base64 HMAC-SHA1. */
  readonly signature: string
  readonly stringToSign: string
}

/**
 * Signature V1: `Base64(HMAC-SHA1(secret + '&', METHOD&%2F&enc(sorted params)))`.
 * @see https://help.aliyun.com/document_detail/28839.html
 */
export function signV1(input: SignV1Input, crypto: Crypto): V1Signature {
  const stringToSign =
    input.encoding === 'player'
      ? playerStringToSignV1(input.method, input.params)
      : stringToSignV1(input.method, input.params)
  return { signature: hmacV1(input.secret, stringToSign, crypto), stringToSign }
}

export function hmacV1(secret: string, stringToSign: string, crypto: Crypto): string {
  return toBase64(crypto.hmac('sha1', `${secret}&`, stringToSign))
}

/**
 * The query pop-core puts on the wire: sorted, strictly encoded, `Signature` last.
 * @see aliyun-vod.md §12.2
 */
export function signedQueryV1(input: SignV1Input, crypto: Crypto): string {
  const { signature } = signV1(input, crypto)
  const pairs = sortPairs(toParamPairs(input.params).filter(([name]) => name !== 'Signature'))
  pairs.push(['Signature', signature])
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')
}

export interface SignV3Input {
  readonly method: string
  /** Defaults to `/` (RPC style). */
  readonly path?: string
  /** Decoded query parameters. */
  readonly query: RpcParams
  /**
   * The headers to send. Every `host`, `content-type` and `x-acs-*` header is signed, as
   * openapi-util does; `x-acs-content-sha256` is computed from `body` and signed whatever is given.
   */
  readonly headers: Readonly<Record<string, string>>
  /** Raw body bytes; empty when absent. */
  readonly body?: BinaryLike
  readonly accessKeyId: string
  /** The AccessKeySecret, used as the HMAC key as is (no `&`). */
  readonly secret: string
}

export interface V3Signature {
  /** The `Authorization` header value. */
  readonly authorization: string
  /** Lower-case hex HMAC-SHA256. */
  readonly signature: string
  readonly signedHeaders: readonly string[]
  /** The value to send as `x-acs-content-sha256`. */
  readonly contentSha256: string
  readonly canonicalRequest: string
  readonly stringToSign: string
}

/**
 * Signature V3: hex HMAC-SHA256 over `ACS3-HMAC-SHA256\nhex(SHA-256(canonical request))`.
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 */
export function signV3(input: SignV3Input, crypto: Crypto): V3Signature {
  const contentSha256 = toHex(crypto.hash('sha256', input.body ?? ''))
  const headers = new Map(lowerCaseHeaders(input.headers))
  headers.set('x-acs-content-sha256', [contentSha256])
  const signedHeaders = [...headers.keys()]
    .filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort()
  const canonicalRequest = canonicalRequestV3({
    method: input.method,
    path: input.path ?? '/',
    query: input.query,
    headers,
    signedHeaders,
    hashedPayload: contentSha256,
  })
  const stringToSign = stringToSignV3(canonicalRequest, crypto)
  const signature = hmacV3(input.secret, stringToSign, crypto)
  return {
    authorization: formatAcs3Authorization(input.accessKeyId, signedHeaders, signature),
    signature,
    signedHeaders,
    contentSha256,
    canonicalRequest,
    stringToSign,
  }
}

export function hmacV3(secret: string, stringToSign: string, crypto: Crypto): string {
  return toHex(crypto.hmac('sha256', secret, stringToSign))
}

export function formatAcs3Authorization(
  accessKeyId: string,
  signedHeaders: readonly string[],
  signature: string,
): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`
}
