// Verifying a PlayAuth's temporary credential from the server key ring alone (no lookup table):
// the SecurityToken MAC, its binding to the AccessKeyId, expiry, and the AuthInfo the player forwards.
import { accept, reject, type Verdict } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import { formatTimestamp } from '../aliyun-rpc/canonical.ts'
import { FORMAT_VERSION, decodeAuthInfo, parseSecurityToken, type ServerKey } from './canonical.ts'
import { authInfoMac, deriveTemporarySecret, tokenMac } from './sign.ts'

/** Why a temporary credential was refused (in check order; see verifyTemporaryCredential). */
export type PlayAuthReason =
  | 'security-token-missing'
  | 'security-token-malformed'
  | 'security-token-key-unknown'
  | 'security-token-signature'
  | 'security-token-access-key-mismatch'
  | 'security-token-expired'
  | 'auth-info-malformed'
  | 'auth-info-signature'
  | 'auth-info-mismatch'
  | 'video-mismatch'

export interface VerifyTemporaryCredentialInput {
  /** The request's `AccessKeyId` (V1) or `Credential` (V3), `STS.…`. */
  readonly accessKeyId: string
  /** `SecurityToken` (V1) or `x-acs-security-token` (V3); undefined when absent. */
  readonly securityToken: string | undefined
  /** The web player's `AuthInfo` parameter, when sent; checked too. */
  readonly authInfo?: string | undefined
  /** Current key first, then older ones still accepted. Order does not matter for verifying. */
  readonly serverKeys: readonly ServerKey[]
  /** Milliseconds since the epoch. */
  readonly now: number
  /** The `VideoId` the request asks about; when given, it must be the credential's video. */
  readonly videoId?: string | undefined
}

export interface TemporaryCredential {
  readonly accessKeyId: string
  readonly tenantId: string
  readonly videoId: string
  /** The derived AccessKeySecret: verify the request's V1/V3 signature with it. */
  readonly secret: string
  /** Which server key minted it. */
  readonly keyId: string
  /** Unix seconds. */
  readonly issuedAt: number
  /** Unix seconds; the credential is refused from this second on (nonce retention bound). */
  readonly expiresAt: number
}

/**
 * Verifies a temporary credential minted by `mintPlayAuth`. Reasons, in check order:
 * `security-token-missing` (MISSING_PARAMETER); `security-token-malformed`,
 * `security-token-key-unknown`, `security-token-signature`, `security-token-access-key-mismatch`
 * (TOKEN_INVALID); `security-token-expired` (TOKEN_EXPIRED); `auth-info-malformed`,
 * `auth-info-signature`, `auth-info-mismatch` (TOKEN_INVALID); `video-mismatch` (SCOPE_MISMATCH).
 * @see aliyun-vod.md §10.4, §11.6
 */
export function verifyTemporaryCredential(
  input: VerifyTemporaryCredentialInput,
  crypto: Crypto,
): Verdict<TemporaryCredential, PlayAuthReason> {
  if (!input.securityToken) return reject('MISSING_PARAMETER', 'security-token-missing')
  const token = parseSecurityToken(input.securityToken)
  if (!token) return reject('TOKEN_INVALID', 'security-token-malformed')
  const key = findKey(input.serverKeys, token.keyId)
  if (!key) return reject('TOKEN_INVALID', 'security-token-key-unknown')
  if (!crypto.timingSafeEqual(tokenMac(key, token.signedPart, crypto), token.mac)) {
    return reject('TOKEN_INVALID', 'security-token-signature')
  }
  const { claims } = token
  if (!crypto.timingSafeEqual(claims.accessKeyId, input.accessKeyId)) {
    return reject('TOKEN_INVALID', 'security-token-access-key-mismatch')
  }
  if (input.now >= claims.expiresAt * 1000) return reject('TOKEN_EXPIRED', 'security-token-expired')

  if (input.authInfo !== undefined) {
    const info = decodeAuthInfo(input.authInfo)
    const infoKeyId = info?.ci.startsWith(`${FORMAT_VERSION}.`)
      ? info.ci.slice(FORMAT_VERSION.length + 1)
      : undefined
    const infoKey = infoKeyId === undefined ? undefined : findKey(input.serverKeys, infoKeyId)
    if (!info || !infoKey) return reject('TOKEN_INVALID', 'auth-info-malformed')
    const expected = authInfoMac(infoKey, info, claims.accessKeyId, crypto)
    if (!crypto.timingSafeEqual(expected, info.signature)) {
      return reject('TOKEN_INVALID', 'auth-info-signature')
    }
    // Unreachable for AuthInfos we minted (the MAC binds the AccessKeyId); kept as a tripwire.
    if (
      info.mediaId !== claims.videoId ||
      info.caller !== claims.tenantId ||
      info.expireTime !== formatTimestamp(claims.expiresAt * 1000)
    ) {
      return reject('TOKEN_INVALID', 'auth-info-mismatch')
    }
  }
  if (input.videoId !== undefined && input.videoId !== claims.videoId) {
    return reject('SCOPE_MISMATCH', 'video-mismatch')
  }
  return accept({
    accessKeyId: claims.accessKeyId,
    tenantId: claims.tenantId,
    videoId: claims.videoId,
    secret: deriveTemporarySecret(key, token.signedPart, crypto),
    keyId: token.keyId,
    issuedAt: claims.issuedAt,
    expiresAt: claims.expiresAt,
  })
}

function findKey(keys: readonly ServerKey[], id: string): Uint8Array | undefined {
  return keys.find((k) => k.id === id)?.key
}
