// nginx `secure_link` as a `UrlScheme`: the registry's default expression, and a factory for a
// domain whose nginx uses another expression (e.g. with `$remote_addr`) or parameter names.
import type { UrlScheme } from '../url-scheme.ts'
import { DEFAULT_EXPRESSION, parseExpression } from './canonical.ts'
import { signSecureLink } from './sign.ts'
import type { SecureLinkConfig } from './sign.ts'
import { verifySecureLink } from './verify.ts'

export interface SecureLinkOptions {
  /** `secure_link_md5` with `$secret` where the key goes; default `DEFAULT_EXPRESSION`. */
  readonly expression?: string
  /** The `secure_link $arg_md5,$arg_expires` argument names; default `md5` and `expires`. */
  readonly hashParam?: string
  readonly expiresParam?: string
}

/** Throws `TypeError` for an expression it cannot evaluate. */
export function createNginxSecureLink(options: SecureLinkOptions = {}): UrlScheme {
  const config: SecureLinkConfig = {
    expression: parseExpression(options.expression ?? DEFAULT_EXPRESSION),
    hashParam: options.hashParam ?? 'md5',
    expiresParam: options.expiresParam ?? 'expires',
  }
  return {
    name: 'nginx-secure-link',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signSecureLink(input, crypto, config),
    verify: (input, crypto) => verifySecureLink(input, crypto, config),
  }
}

export const nginxSecureLink = createNginxSecureLink()
