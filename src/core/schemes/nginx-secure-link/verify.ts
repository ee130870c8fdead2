// Verifying nginx `secure_link` URLs as nginx would, plus PlayGate's ring (nginx itself has one
// secret) and skew: `""` (bad hash) → SIGNATURE_MISMATCH, `"0"` (expired) → TOKEN_EXPIRED.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { findRingKey } from '../url-common/mac.ts'
import { joinTarget, parseTarget, takeParams } from '../url-common/target.ts'
import { outsideWindow, parseDecimalTime } from '../url-common/time.ts'
import { evaluateExpression, nginxUri, secureLinkHash, usesRemoteAddr } from './canonical.ts'
import type { SecureLinkConfig } from './sign.ts'

/**
 * The received hash is compared as text with the expected base64url (22 characters), not as
 * decoded bytes, so the spare bits of its last character cannot be varied.
 * @see https://nginx.org/docs/http/ngx_http_secure_link_module.html
 */
export function verifySecureLink(
  input: VerifyUrlInput,
  crypto: Crypto,
  config: SecureLinkConfig,
): UrlVerdict<VerifiedUrl> {
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const { hashParam, expiresParam } = config
  const taken = takeParams(raw.value.query, (n) => n === hashParam || n === expiresParam)
  if (!taken.ok) return taken
  const hash = taken.value.values.get(hashParam)
  const expires = taken.value.values.get(expiresParam)
  if (hash === undefined || expires === undefined)
    return reject('TOKEN_INVALID', 'missing', `${hashParam} or ${expiresParam}`)
  const expiresAt = parseDecimalTime(expires)
  if (expiresAt === undefined || !/^[A-Za-z0-9_-]{22}$/.test(hash))
    return reject('TOKEN_INVALID', 'malformed', 'secure link')
  const uri = nginxUri(raw.value.path)
  if (uri === undefined) return reject('TOKEN_INVALID', 'malformed', 'path')
  if (usesRemoteAddr(config.expression) && input.clientIp === undefined)
    return reject('SCOPE_MISMATCH', 'client-unknown')
  const remoteAddr = input.clientIp ?? ''
  const keyIndex = findRingKey(crypto, input.keys, hash, (key) => [
    secureLinkHash(
      crypto,
      evaluateExpression(config.expression, { expires, uri, remoteAddr, secret: key.secret }),
    ),
  ])
  if (keyIndex === undefined) return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
  const late = outsideWindow(input.now, input.skewSeconds, { expiresAt })
  if (late) return late
  return accept({
    path: raw.value.path,
    origin: joinTarget(raw.value.path, taken.value.rest),
    expiresAt,
    keyIndex,
  })
}
