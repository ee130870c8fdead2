// The contract every playback-URL signing scheme implements, so the edge, the dialects and the
// CLI can sign and verify with any domain's scheme without knowing which one it is.
import type { Verdict } from '../errors.ts'
import type { Crypto } from '../ports.ts'

export const URL_SCHEME_NAMES = [
  'aliyun-a',
  'aliyun-b',
  'aliyun-c',
  'aliyun-f',
  'tencent-live',
  'tencent-cdn-a',
  'tencent-cdn-b',
  'tencent-cdn-c',
  'tencent-cdn-d',
  'tencent-vod-key',
  'nginx-secure-link',
  'native',
] as const

export type UrlSchemeName = (typeof URL_SCHEME_NAMES)[number]

/** A key of a play domain's ring. `id` matters only to schemes that carry a key id (native). */
export interface RingKey {
  readonly id: string
  readonly secret: string
}

/** Scheme-specific signing extras; each scheme reads only the ones it documents. */
export interface SignOptions {
  /** Aliyun A / Tencent CDN A: user id field (default "0"). */
  readonly uid?: string
  /** Aliyun A / Tencent CDN A: random field (default: fresh UUID-like hex without dashes). */
  readonly rand?: string
  /** Native: restrict the URL to a path prefix (directory scope), e.g. for a whole HLS folder. */
  readonly pathPrefix?: string
  /** Native / Tencent VOD key: bind to a client IP or CIDR. */
  readonly clientIp?: string
  /** Native: not-before, Unix seconds. */
  readonly notBefore?: number
}

export interface SignUrlInput {
  /** The request target: an absolute path with an optional query, e.g. `/v/abc/index.m3u8?x=1`. */
  readonly target: string
  readonly key: RingKey
  /** Unix seconds. */
  readonly now: number
  /** How long the URL stays valid (the domain's validity / AuthDelta / TTL), seconds. */
  readonly ttlSeconds: number
  readonly options?: SignOptions
}

export interface VerifyUrlInput {
  /** The request target as received: path and query, still percent-encoded. */
  readonly target: string
  /** Primary first, then backup: both verify (zero-downtime rotation). */
  readonly keys: readonly RingKey[]
  /** Unix seconds. */
  readonly now: number
  readonly ttlSeconds: number
  /** Allowed clock skew, seconds. */
  readonly skewSeconds: number
  readonly clientIp?: string
}

export interface VerifiedUrl {
  /** The resource path the signature covers, with any in-path signing segments removed. */
  readonly path: string
  /** The target with the scheme's signing parameters stripped (what an origin would be asked for). */
  readonly origin: string
  /** Unix seconds after which the URL is refused. */
  readonly expiresAt: number
  /** Which ring key matched (0 = primary). */
  readonly keyIndex: number
  /** For directory-scoped schemes: the prefix the signature covers; undefined for exact-URI ones. */
  readonly scope?: string
}

export interface UrlScheme {
  readonly name: UrlSchemeName
  /**
   * How HLS token propagation works: `exact-uri` signatures cover one path, so every playlist
   * entry is re-signed; `directory` ones can be passed through to sibling URIs unchanged.
   */
  readonly propagation: 'exact-uri' | 'directory'
  sign(input: SignUrlInput, crypto: Crypto): string
  verify(input: VerifyUrlInput, crypto: Crypto): Verdict<VerifiedUrl>
}
