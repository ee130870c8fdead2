// Signing nginx `secure_link` URLs: `?md5={b64url md5}&expires={unix s}` with the expression
// the shipped nginx config verifies; `expires` is the expiry itself (`expiresAt`).
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { targetToSign } from '../url-common/cdn-build.ts'
import { appendParams, joinTarget } from '../url-common/target.ts'
import { expiryOf } from '../url-common/time.ts'
import { evaluateExpression, nginxUri, secureLinkHash, usesRemoteAddr } from './canonical.ts'
import type { ExpressionPart } from './canonical.ts'

export interface SecureLinkConfig {
  readonly expression: readonly ExpressionPart[]
  readonly hashParam: string
  readonly expiresParam: string
}

/**
 * The hash covers nginx's `$uri` of the wire path (decoded, normalised), as nginx computes it.
 * @see https://nginx.org/docs/http/ngx_http_secure_link_module.html
 */
export function signSecureLink(
  input: SignUrlInput,
  crypto: Crypto,
  config: SecureLinkConfig,
): string {
  const target = targetToSign(input, [config.hashParam, config.expiresParam])
  const uri = nginxUri(target.path)
  if (uri === undefined) throw new TypeError('the path has a malformed percent-escape')
  const remoteAddr = input.options?.clientIp
  if (usesRemoteAddr(config.expression) && remoteAddr === undefined)
    throw new TypeError('this secure_link_md5 expression needs options.clientIp')
  const expires = String(expiryOf(input))
  const text = evaluateExpression(config.expression, {
    expires,
    uri,
    remoteAddr: remoteAddr ?? '',
    secret: input.key.secret,
  })
  const query = appendParams(target.query, [
    [config.hashParam, secureLinkHash(crypto, text)],
    [config.expiresParam, expires],
  ])
  return joinTarget(target.path, query)
}
