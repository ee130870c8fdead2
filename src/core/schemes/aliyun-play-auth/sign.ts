// Minting a stateless Aliyun PlayAuth: a temporary STS-style key whose secret any replica can
// re-derive from the server key ring, a MAC'd SecurityToken and a MAC'd AuthInfo (§10.4).
import { toBase64Url, toHex } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import { formatTimestamp } from '../aliyun-rpc/canonical.ts'
import {
  FORMAT_VERSION,
  KEY_ID_PATTERN,
  MAC_LABELS,
  authInfoSigningInput,
  encodeAuthInfo,
  encodePlayAuth,
  tokenSignedPart,
  type AuthInfo,
  type PlayAuthVideoMeta,
} from './canonical.ts'

export interface MintPlayAuthInput {
  /** The current signing key of the ring (at least 16 bytes; 32 recommended). */
  readonly serverKey: Uint8Array
  /** Its id, carried in the token so verification still finds it after rotation. */
  readonly keyId: string
  readonly tenantId: string
  /** The tenant's numeric account UID, emitted as `CustomerId`. */
  readonly customerId: number
  readonly videoId: string
  readonly videoMeta: Omit<PlayAuthVideoMeta, 'videoId'>
  readonly playDomain: string
  /** The player calls `https://vod.{Region}.aliyuncs.com` unless `customVodServer` is set. */
  readonly region: string
  /** Milliseconds since the epoch (`Clock.now()`). */
  readonly now: number
  /** `AuthInfoTimeout`; the caller enforces Aliyun's [100, 3000]. */
  readonly timeoutSeconds: number
}

export interface MintedPlayAuth {
  /** Base64 JSON, the `PlayAuth` field of GetVideoPlayAuth. */
  readonly playAuth: string
  /** `STS.` + 32 hex. */
  readonly accessKeyId: string
  readonly accessKeySecret: string
  readonly securityToken: string
  /** The AuthInfo JSON string, as embedded. */
  readonly authInfo: string
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  readonly expireTime: string
  /** Unix seconds. */
  readonly expiresAt: number
}

/**
 * Mints a PlayAuth for one video of one tenant. Nothing is stored: the SecurityToken carries the
 * claims under a server MAC, and the AccessKeySecret is derived from the token and the server key.
 * @see aliyun-vod.md §10.4; README.md in this folder for the exact layout
 */
export function mintPlayAuth(input: MintPlayAuthInput, crypto: Crypto): MintedPlayAuth {
  assertMintInput(input)
  const issuedAt = Math.floor(input.now / 1000)
  const expiresAt = issuedAt + input.timeoutSeconds
  const accessKeyId = `STS.${toHex(crypto.randomBytes(16))}`
  const signedPart = tokenSignedPart(input.keyId, {
    accessKeyId,
    tenantId: input.tenantId,
    videoId: input.videoId,
    issuedAt,
    expiresAt,
  })
  const securityToken = `${signedPart}.${tokenMac(input.serverKey, signedPart, crypto)}`
  const accessKeySecret = deriveTemporarySecret(input.serverKey, signedPart, crypto)
  const expireTime = formatTimestamp(expiresAt * 1000)
  const unsigned = {
    ci: `${FORMAT_VERSION}.${input.keyId}`,
    caller: input.tenantId,
    expireTime,
    mediaId: input.videoId,
    playDomain: input.playDomain,
  }
  const authInfo = encodeAuthInfo({
    ...unsigned,
    signature: authInfoMac(input.serverKey, unsigned, accessKeyId, crypto),
  })
  const playAuth = encodePlayAuth({
    securityToken,
    authInfo,
    videoMeta: { ...input.videoMeta, videoId: input.videoId },
    accessKeyId,
    playDomain: input.playDomain,
    accessKeySecret,
    region: input.region,
    customerId: input.customerId,
  })
  return { playAuth, accessKeyId, accessKeySecret, securityToken, authInfo, expireTime, expiresAt }
}

/** The temporary AccessKeySecret: base64url HMAC-SHA256 over the token's signed part. */
export function deriveTemporarySecret(key: Uint8Array, signedPart: string, crypto: Crypto): string {
  return toBase64Url(crypto.hmac('sha256', key, MAC_LABELS.secret + signedPart))
}

export function tokenMac(key: Uint8Array, signedPart: string, crypto: Crypto): string {
  return toBase64Url(crypto.hmac('sha256', key, MAC_LABELS.token + signedPart))
}

export function authInfoMac(
  key: Uint8Array,
  info: Omit<AuthInfo, 'signature'>,
  accessKeyId: string,
  crypto: Crypto,
): string {
  return toBase64Url(crypto.hmac('sha256', key, authInfoSigningInput(info, accessKeyId)))
}

function assertMintInput(input: MintPlayAuthInput): void {
  if (input.serverKey.length < 16) throw new TypeError('serverKey must be at least 16 bytes')
  if (!KEY_ID_PATTERN.test(input.keyId)) throw new TypeError('keyId must match [A-Za-z0-9_-]{1,64}')
  if (!Number.isSafeInteger(input.timeoutSeconds) || input.timeoutSeconds <= 0) {
    throw new TypeError('timeoutSeconds must be a positive integer')
  }
  if (!Number.isSafeInteger(input.customerId) || input.customerId < 0) {
    throw new TypeError('customerId must be a non-negative safe integer')
  }
  if (!Number.isFinite(input.now)) throw new TypeError('now must be a finite number of ms')
  if (!Number.isFinite(input.videoMeta.duration)) throw new TypeError('duration must be finite')
  if (input.tenantId === '' || input.videoId === '') {
    throw new TypeError('tenantId and videoId must be non-empty')
  }
}
