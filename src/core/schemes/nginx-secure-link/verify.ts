// Verifying nginx `secure_link` URLs as nginx would, plus PlayGate's ring (nginx itself has one
// secret) and skew: `""` (bad hash) → SIGNATURE_MISMATCH, `"0"` (expired) → TOKEN_EXPIRED.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { RingKey, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { assertRing } from '../url-common/mac.ts'
import { joinTarget, parseTarget, takeParams } from '../url-common/target.ts'
import { outsideWindow, parseDecimalTime } from '../url-common/time.ts'
import { evaluateExpression, nginxUri, secureLinkHash, usesRemoteAddr } from './canonical.ts'
import type { ExpressionPart } from './canonical.ts'
import type { SecureLinkConfig } from './sign.ts'

/**
 * The index of the first ring key (primary first) whose hash equals the received one, each
 * comparison through the port's `timingSafeEqual` and all of them on a miss (findRingKey's rule,
 * without a closure and an array per request).
 */
function matchingKey(
  crypto: Crypto,
  keys: readonly RingKey[],
  received: string,
  expression: readonly ExpressionPart[],
  values: { expires: string; uri: string; remoteAddr: string; secret: string },
): number | undefined {
  assertRing(keys)
  for (let index = 0; index < keys.length; index++) {
    values.secret = keys[index]!.secret
    const expected = secureLinkHash(crypto, evaluateExpression(expression, values))
    if (crypto.timingSafeEqual(expected, received)) return index
  }
  return undefined
}

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
  const taken = takeParams(raw.value.query, [hashParam, expiresParam])
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
  const keyIndex = matchingKey(crypto, input.keys, hash, config.expression, {
    expires,
    uri,
    remoteAddr,
    secret: '',
  })
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
