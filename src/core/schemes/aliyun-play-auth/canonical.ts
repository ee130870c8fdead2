// The PlayAuth wire format (base64 JSON, aliyun-vod.md §10) and the layouts of PlayGate's own
// SecurityToken and AuthInfo inside it. Encoding and decoding only; no keys.
import {
  fromBase64,
  fromBase64Url,
  fromUtf8,
  toBase64,
  toBase64Url,
  utf8,
} from '../../encoding/bytes.ts'

/** Version tag of PlayGate's SecurityToken and AuthInfo `CI`; bump it to change either layout. */
export const FORMAT_VERSION = 'pg1'

/** Domain-separation labels: one server key MACs three different things. */
export const MAC_LABELS = {
  token: 'playgate:aliyun-sts-token:v1\n',
  secret: 'playgate:aliyun-sts-secret:v1\n',
  authInfo: 'playgate:aliyun-auth-info:v1\n',
} as const

/** A server key of the ring; `id` travels in the token so a rotated-out key still verifies. */
export interface ServerKey {
  readonly id: string
  readonly key: Uint8Array
}

/** Key ids travel inside a dot-separated token and a query string: unreserved characters only. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export interface PlayAuthVideoMeta {
  readonly status: string
  readonly videoId: string
  readonly title: string
  readonly coverUrl: string
  /** Seconds; a JSON number on the wire. */
  readonly duration: number
}

/** The eight keys of §10.1, in camelCase. */
export interface PlayAuthFields {
  readonly securityToken: string
  /** A JSON string, not an object (the player forwards it unchanged). */
  readonly authInfo: string
  readonly videoMeta: PlayAuthVideoMeta
  readonly accessKeyId: string
  readonly playDomain: string
  readonly accessKeySecret: string
  readonly region: string
  /** The account UID; a JSON number on the wire. */
  readonly customerId: number
}

/**
 * `Base64(UTF-8(JSON))` with the keys in the order of both real samples (§10.1).
 * @see aliyun-vod.md §10.1, §10.4
 */
export function encodePlayAuth(fields: PlayAuthFields): string {
  const meta = fields.videoMeta
  const json = JSON.stringify({
    SecurityToken: fields.securityToken,
    AuthInfo: fields.authInfo,
    VideoMeta: {
      Status: meta.status,
      VideoId: meta.videoId,
      Title: meta.title,
      CoverURL: meta.coverUrl,
      Duration: meta.duration,
    },
    AccessKeyId: fields.accessKeyId,
    PlayDomain: fields.playDomain,
    AccessKeySecret: fields.accessKeySecret,
    Region: fields.region,
    CustomerId: fields.customerId,
  })
  return toBase64(utf8(json))
}

/** What the web player's `encPlayAuth` reads; undefined unless every §10.1 key has its JSON type. */
export function decodePlayAuth(playAuth: string): PlayAuthFields | undefined {
  const bytes = fromBase64(playAuth)
  const root = bytes && parseObject(fromUtf8(bytes))
  const meta = root?.VideoMeta
  if (!root || !isObject(meta)) return undefined
  const s = (obj: Record<string, unknown>, key: string) => {
    const value = obj[key]
    return typeof value === 'string' ? value : undefined
  }
  const fields = {
    securityToken: s(root, 'SecurityToken'),
    authInfo: s(root, 'AuthInfo'),
    accessKeyId: s(root, 'AccessKeyId'),
    playDomain: s(root, 'PlayDomain'),
    accessKeySecret: s(root, 'AccessKeySecret'),
    region: s(root, 'Region'),
  }
  const videoMeta = {
    status: s(meta, 'Status'),
    videoId: s(meta, 'VideoId'),
    title: s(meta, 'Title'),
    coverUrl: s(meta, 'CoverURL'),
  }
  const { CustomerId: customerId } = root
  const { Duration: duration } = meta
  if (!allDefined(fields) || !allDefined(videoMeta)) return undefined
  if (typeof customerId !== 'number' || typeof duration !== 'number') return undefined
  return { ...fields, videoMeta: { ...videoMeta, duration }, customerId }
}

/** The six keys of `AuthInfo` (§10.1); PlayGate fills them as documented in README.md. */
export interface AuthInfo {
  /** `pg1.<keyId>`: the format version and the server key that made `signature`. */
  readonly ci: string
  /** The tenant id. */
  readonly caller: string
  /** `YYYY-MM-DDThh:mm:ssZ`, equal to the SecurityToken's expiry. */
  readonly expireTime: string
  /** The video id. */
  readonly mediaId: string
  readonly playDomain: string
  /** base64url HMAC-SHA256, see {@link authInfoSigningInput}. */
  readonly signature: string
}

export function encodeAuthInfo(info: AuthInfo): string {
  return JSON.stringify({
    CI: info.ci,
    Caller: info.caller,
    ExpireTime: info.expireTime,
    MediaId: info.mediaId,
    PlayDomain: info.playDomain,
    Signature: info.signature,
  })
}

export function decodeAuthInfo(text: string): AuthInfo | undefined {
  const o = parseObject(text)
  if (!o) return undefined
  const info = {
    ci: o.CI,
    caller: o.Caller,
    expireTime: o.ExpireTime,
    mediaId: o.MediaId,
    playDomain: o.PlayDomain,
    signature: o.Signature,
  }
  return Object.values(info).every((v) => typeof v === 'string') ? (info as AuthInfo) : undefined
}

/**
 * What the AuthInfo MAC covers: every field but `Signature`, plus the temporary AccessKeyId, so an
 * AuthInfo only ever verifies next to the credential it was minted with. JSON array: unambiguous.
 */
export function authInfoSigningInput(info: Omit<AuthInfo, 'signature'>, accessKeyId: string) {
  const fields = [info.ci, info.caller, info.expireTime, info.mediaId, info.playDomain, accessKeyId]
  return MAC_LABELS.authInfo + JSON.stringify(fields)
}

/** What the SecurityToken binds. Times are Unix seconds. */
export interface TokenClaims {
  readonly accessKeyId: string
  readonly tenantId: string
  readonly videoId: string
  readonly issuedAt: number
  readonly expiresAt: number
}

/** `pg1.<keyId>.<base64url(JSON claims)>`: the part of the SecurityToken its MAC covers. */
export function tokenSignedPart(keyId: string, claims: TokenClaims): string {
  const json = JSON.stringify({
    ak: claims.accessKeyId,
    tn: claims.tenantId,
    vid: claims.videoId,
    iat: claims.issuedAt,
    exp: claims.expiresAt,
  })
  return `${FORMAT_VERSION}.${keyId}.${toBase64Url(utf8(json))}`
}

export interface ParsedToken {
  readonly keyId: string
  readonly claims: TokenClaims
  readonly signedPart: string
  readonly mac: string
}

/** Longer than any token we mint by far; refuses to JSON-parse arbitrary junk. */
const MAX_TOKEN_LENGTH = 2048

/** Splits `pg1.<keyId>.<claims>.<mac>`; undefined when any part is malformed. Does not verify. */
export function parseSecurityToken(token: string): ParsedToken | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined
  const parts = token.split('.')
  if (parts.length !== 4) return undefined
  const [version, keyId, encoded, mac] = parts as [string, string, string, string]
  if (version !== FORMAT_VERSION || !KEY_ID_PATTERN.test(keyId) || mac === '') return undefined
  const bytes = fromBase64Url(encoded)
  const o = bytes && parseObject(fromUtf8(bytes))
  if (!o) return undefined
  const { ak, tn, vid, iat, exp } = o
  if (!isNonEmpty(ak) || !isNonEmpty(tn) || !isNonEmpty(vid)) return undefined
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return undefined
  const claims = {
    accessKeyId: ak,
    tenantId: tn,
    videoId: vid,
    issuedAt: iat as number,
    expiresAt: exp as number,
  }
  return { keyId, claims, signedPart: `${version}.${keyId}.${encoded}`, mac }
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}

function allDefined<T extends Record<string, unknown>>(
  o: T,
): o is { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.values(o).every((v) => v !== undefined)
}
