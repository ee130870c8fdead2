// Which issued credential a verified URL is, and whose: the id that revocations, sessions and
// caps are keyed on. Stateless: derived from the fields the scheme signs, so any replica agrees.
import { toHex } from '../encoding/bytes.ts'
import type { Crypto } from '../ports.ts'
import type { VerifiedUrl } from '../schemes/url-scheme.ts'

export interface CredentialIdentity {
  /** `cr_` and 20 hex characters. */
  readonly credentialId: string
  /** The viewer the credential was issued to, when the scheme signs one. */
  readonly viewerId: string | undefined
}

export const CREDENTIAL_ID = /^cr_[0-9a-f]{20}$/

/**
 * The credential of a verified URL. The seed is the most stable signed field: the link id
 * (Tencent VOD key `us`), else the random field (Aliyun A / Tencent A `rand`), both of which the
 * edge passes on to a playlist's re-signed children; else `signature`, the URL's own signing
 * parameters (or signed path), which one issued URL alone carries.
 */
export function credentialOf(
  crypto: Crypto,
  domainId: string,
  url: Pick<VerifiedUrl, 'restrictions'>,
  signature: string,
): CredentialIdentity {
  const r = url.restrictions
  const seed =
    r?.linkId !== undefined && r.linkId !== ''
      ? `link:${r.linkId}`
      : r?.nonce !== undefined && r.nonce !== '0'
        ? `nonce:${r.nonce}`
        : `sig:${signature}`
  const digest = toHex(crypto.hash('sha256', `${domainId}\n${seed}`)).slice(0, 20)
  return { credentialId: `cr_${digest}`, viewerId: r?.viewerId }
}

function queryOf(target: string): string[] {
  const q = target.indexOf('?')
  return q < 0
    ? []
    : target
        .slice(q + 1)
        .split('&')
        .filter((p) => p !== '')
}

/**
 * What of `target` is the credential: the query parameters its verifier stripped to get
 * `origin` (the signing parameters), or, for schemes that sign in the path, the raw path.
 */
export function credentialSignature(target: string, origin: string): string {
  const remaining = queryOf(origin)
  const parts: string[] = []
  for (const part of queryOf(target)) {
    const i = remaining.indexOf(part)
    if (i >= 0) remaining.splice(i, 1)
    else parts.push(part)
  }
  if (parts.length > 0) return parts.join('&')
  const q = target.indexOf('?')
  return q < 0 ? target : target.slice(0, q)
}
