// Signing native PlayGate URLs: `pg_exp` is the expiry itself (`expiresAt`, default now + TTL);
// `pathPrefix`, `notBefore` and `clientIp` come from SignOptions.
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { parseIpRange } from '../url-common/ip.ts'
import { canonicalPath, isWithin } from '../url-common/path.ts'
import {
  appendParams,
  compactQuery,
  encodeQueryValue,
  hasParam,
  joinTarget,
  wireTarget,
} from '../url-common/target.ts'
import { expiryOf } from '../url-common/time.ts'
import { canonicalNative, KID_PATTERN, nativeSignature } from './canonical.ts'

function scopeOf(prefix: string | undefined, path: string): string | undefined {
  if (prefix === undefined) return undefined
  const wire = wireTarget(prefix)
  const scope = wire.query === '' ? canonicalPath(wire.path) : undefined
  if (scope === undefined) throw new TypeError('pathPrefix must be a path starting with "/"')
  if (!isWithin(path, scope)) throw new TypeError('the target is outside pathPrefix')
  return scope
}

/** Signs with the primary key; `key.id` becomes `pg_kid`. */
export function signNative(input: SignUrlInput, crypto: Crypto): string {
  const target = wireTarget(input.target)
  if (hasParam(target.query, (n) => n.startsWith('pg_')))
    throw new TypeError('the target already carries pg_ parameters')
  if (!KID_PATTERN.test(input.key.id))
    throw new TypeError('a native key id must be 1-64 of A-Z a-z 0-9 . _ ~ -')
  const path = canonicalPath(target.path)
  if (path === undefined) throw new TypeError('the path has a malformed percent-escape')
  const options = input.options ?? {}
  const scope = scopeOf(options.pathPrefix, path)
  const ip = options.clientIp?.toLowerCase()
  if (ip !== undefined && !parseIpRange(ip)) throw new TypeError('clientIp must be an IP or CIDR')
  const exp = String(expiryOf(input))
  const nbf = options.notBefore === undefined ? undefined : String(Math.floor(options.notBefore))
  const query = compactQuery(target.query)
  const fields = { kid: input.key.id, exp, nbf, ip, scope, path, query }
  const sig = nativeSignature(crypto, input.key.secret, canonicalNative(fields))
  const pairs: [string, string][] = [
    ['pg_kid', fields.kid],
    ['pg_exp', exp],
  ]
  if (nbf !== undefined) pairs.push(['pg_nbf', nbf])
  if (scope !== undefined) pairs.push(['pg_scope', encodeQueryValue(scope)])
  if (ip !== undefined) pairs.push(['pg_ip', encodeQueryValue(ip)])
  pairs.push(['pg_sig', sig])
  return joinTarget(target.path, appendParams(query, pairs))
}
