// nginx `secure_link` (url-signing.md §6.1): the `secure_link_md5` expression as a template over
// nginx variables, its evaluation, and nginx's `$uri` (decoded, slashes merged, dot-free).
import { toBase64Url } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import { canonicalPath } from '../url-common/path.ts'

/**
 * What PlayGate emits and ships in its nginx config. `$secret` is PlayGate's placeholder for the
 * ring key; in nginx.conf the key is written literally in its place:
 * `secure_link_md5 "$secure_link_expires$uri <key>";`
 */
export const DEFAULT_EXPRESSION = '$secure_link_expires$uri $secret'

const VARIABLES = ['secure_link_expires', 'uri', 'remote_addr', 'secret'] as const
type Variable = (typeof VARIABLES)[number]

export type ExpressionPart = { readonly literal: string } | { readonly variable: Variable }

/**
 * Parses `$name` / `${name}` references. Only the variables PlayGate can evaluate are allowed,
 * and the expression must hold `$secure_link_expires` (no URL without expiry) and `$secret`.
 * @see https://nginx.org/docs/http/ngx_http_secure_link_module.html#secure_link_md5
 */
export function parseExpression(text: string): ExpressionPart[] {
  const parts: ExpressionPart[] = []
  const re = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g
  let last = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ literal: text.slice(last, m.index) })
    const name = m[1] ?? m[2]!
    if (!(VARIABLES as readonly string[]).includes(name))
      throw new TypeError(`secure_link_md5 variable $${name} is not supported`)
    parts.push({ variable: name as Variable })
    last = re.lastIndex
  }
  if (last < text.length) parts.push({ literal: text.slice(last) })
  if (parts.some((p) => 'literal' in p && p.literal.includes('$')))
    throw new TypeError('a "$" in secure_link_md5 must start a variable')
  for (const needed of ['secure_link_expires', 'secret'] as const)
    if (!parts.some((p) => 'variable' in p && p.variable === needed))
      throw new TypeError(`secure_link_md5 must contain $${needed}`)
  return parts
}

export interface ExpressionValues {
  readonly expires: string
  readonly uri: string
  readonly remoteAddr: string
  readonly secret: string
}

function valueOf(variable: Variable, v: ExpressionValues): string {
  switch (variable) {
    case 'secure_link_expires':
      return v.expires
    case 'uri':
      return v.uri
    case 'remote_addr':
      return v.remoteAddr
    case 'secret':
      return v.secret
  }
}

/** The expression's text for these values (a loop, no object or closure: every verify runs it). */
export function evaluateExpression(parts: readonly ExpressionPart[], v: ExpressionValues): string {
  let text = ''
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    text += 'literal' in p ? p.literal : valueOf(p.variable, v)
  }
  return text
}

export function usesRemoteAddr(parts: readonly ExpressionPart[]): boolean {
  return parts.some((p) => 'variable' in p && p.variable === 'remote_addr')
}

/** nginx `$uri` of a raw path: decoded, `//` merged (merge_slashes on), dot segments removed. */
export function nginxUri(rawPath: string): string | undefined {
  return canonicalPath(rawPath, { mergeSlashes: true })
}

/** base64url (no padding) of the binary MD5 of the evaluated expression. */
export function secureLinkHash(crypto: Crypto, expression: string): string {
  return crypto.hashText
    ? crypto.hashText('md5', expression, 'base64url')
    : toBase64Url(crypto.hash('md5', expression))
}
