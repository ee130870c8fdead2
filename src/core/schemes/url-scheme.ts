// The contract every playback-URL signing scheme implements, so the edge, the dialects and the
// CLI can sign and verify with any domain's scheme without knowing which one it is.
import type { Refusal, Verdict } from '../errors.ts'
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

/**
 * Why a scheme refused a URL. `parameter` names what `missing`, `malformed`, `repeated`,
 * `unknown-parameter` and `outside-scope` are about (a query parameter, `path`, `time`, …).
 */
export const URL_REFUSAL_TEXT = {
  'not-origin-form': 'target must start with "/"',
  missing: 'missing {p}',
  malformed: 'malformed {p}',
  repeated: 'repeated {p}',
  'unknown-parameter': 'unknown parameter {p}',
  'no-path-segments': 'missing signature path segments',
  'lists-unsupported': 'referer/region lists are not supported',
  'out-of-order': 'parameters out of order',
  'not-a-stream-path': 'path is not /AppName/StreamName',
  'unknown-key': 'unknown key id',
  'signature-mismatch': 'signature mismatch',
  expired: 'signed URL expired',
  'not-yet-valid': 'signed URL not valid yet',
  'outside-scope': 'path outside the signed {p}',
  'client-unknown': 'client address unknown',
  'client-outside-range': 'client address outside the bound range',
  // A URL under the edge's `/play/<host>/` prefix (services/play-address.ts).
  'segments-before-prefix': 'signing segments before the domain prefix',
  'outside-prefix': 'signed path is not under the domain prefix',
} as const

export type UrlRefusal = keyof typeof URL_REFUSAL_TEXT

/** What a scheme's verify returns: the verified URL or a {@link UrlRefusal}. */
export type UrlVerdict<T> = Verdict<T, UrlRefusal>

/** A refusal in words, for logs and the CLI (`malformed pg_sig`, `signature mismatch`). */
export function urlRefusalText(refusal: Refusal<UrlRefusal>): string {
  return URL_REFUSAL_TEXT[refusal.reason].replace('{p}', refusal.parameter ?? 'parameter')
}

/** A key of a play domain's ring. `id` matters only to schemes that carry a key id (native). */
export interface RingKey {
  readonly id: string
  readonly secret: string
}

/** Scheme-specific signing extras; each scheme reads only the ones it documents. */
export interface SignOptions {
  /**
   * Unix seconds after which the URL is refused (default `now + ttlSeconds`). Schemes whose time
   * field is a generation time (Aliyun A/B/C/F, Tencent CDN, Tencent live with AuthDelta) write
   * `expiresAt - ttlSeconds` there, so the verifier with the same TTL refuses it at `expiresAt`.
   * The edge uses it to give every URI of a rewritten playlist the playlist's expiry.
   */
  readonly expiresAt?: number
  /** Aliyun A / Tencent CDN A: user id field (default "0"); VOD passes `ReAuthInfo.uid`. */
  readonly uid?: string
  /** Aliyun A / Tencent CDN A: random field (default: 32 hex from randomBytes); `ReAuthInfo.rand`. */
  readonly rand?: string
  /** Native: restrict the URL to a path prefix (directory scope), e.g. for a whole HLS folder. */
  readonly pathPrefix?: string
  /** Native: bind to a client IP or CIDR (IPv4 or IPv6). nginx: the `$remote_addr` value. */
  readonly clientIp?: string
  /** Native: not-before, Unix seconds. */
  readonly notBefore?: number
  /** Tencent VOD key `exper`: preview length in seconds. */
  readonly previewSeconds?: number
  /** Tencent VOD key `rlimit`: how many distinct client IPs may use the URL (1–9). */
  readonly maxClientIps?: number
  /** Tencent VOD key `us`: link id (default: 10 hex from randomBytes; "" leaves it out). */
  readonly linkId?: string
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
  /** Allowed clock skew, seconds: added to expiry checks, subtracted from start checks. */
  readonly skewSeconds: number
  /** The client address as the edge trusts it (IP binding, nginx `$remote_addr`). */
  readonly clientIp?: string
}

export interface VerifiedUrl {
  /**
   * The resource path the client asked for, still percent-encoded as received, with any in-path
   * signing segments removed. Not normalised: the edge decodes it and confines it to its root.
   */
  readonly path: string
  /** The target with the scheme's signing parameters stripped (what an origin would be asked for). */
  readonly origin: string
  /** Nominal expiry, Unix seconds; the verifier refuses the URL once `now > expiresAt + skew`. */
  readonly expiresAt: number
  /** Which ring key matched (0 = primary). */
  readonly keyIndex: number
  /**
   * For directory-scoped URLs: the decoded, dot-normalised path prefix the signature covers
   * (test sibling URIs with `isWithinScope` from `url-common/path.ts`); undefined for exact-URI ones.
   */
  readonly scope?: string
  /** Tencent VOD key limits the edge must enforce itself (`exper`, `rlimit`, `us`). */
  readonly restrictions?: UrlRestrictions
}

export interface UrlRestrictions {
  readonly previewSeconds?: number
  readonly maxClientIps?: number
  readonly linkId?: string
  /** Aliyun A / Tencent CDN A `rand`: the random field that tells one issued URL from another. */
  readonly nonce?: string
  /** Aliyun A / Tencent CDN A `uid` when not "0": who the URL was issued to. */
  readonly viewerId?: string
}

export interface UrlScheme {
  readonly name: UrlSchemeName
  /**
   * How HLS token propagation works: `exact-uri` signatures cover one path, so every playlist
   * entry is re-signed; `directory` ones can be passed through to sibling URIs unchanged, but
   * only within `VerifiedUrl.scope` (a native URL signed without `pathPrefix` has no scope).
   */
  readonly propagation: 'exact-uri' | 'directory'
  /**
   * Whether the MAC covers the request path (every scheme but Tencent live, which hashes only
   * the StreamName). A URL served under a path prefix (`/play/<host>/…`) then signs the prefix
   * too, so the vendor's formula applied to the URL as delivered reproduces the signature.
   */
  readonly signsPath: boolean
  /**
   * Returns the signed target (path and query). The path is first put in wire form (characters a
   * path may not hold are percent-encoded, existing escapes kept), so the hash covers exactly what
   * the client will send. Throws `TypeError` for input it cannot sign (not starting with "/",
   * already carrying the scheme's parameters, an option the scheme forbids).
   */
  sign(input: SignUrlInput, crypto: Crypto): string
  /**
   * Rejects with TOKEN_INVALID (malformed or missing parameters), SIGNATURE_MISMATCH,
   * TOKEN_EXPIRED, TOKEN_NOT_YET_VALID or SCOPE_MISMATCH; the reason never holds a key or a MAC.
   */
  verify(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl>
}
