// Verifying native PlayGate URLs: the key is chosen by `pg_kid` among the ring, MAC first, then
// time (± skew), then scope and IP binding (both SCOPE_MISMATCH: the URL does not cover this
// request). Unknown or repeated `pg_` parameters are malformed, so a later format cannot be
// half-understood.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { parseIp, parseIpRange, rangeContains } from '../url-common/ip.ts'
import { assertRing, findRingKey } from '../url-common/mac.ts'
import { canonicalPath, isWithin, removeDotSegments } from '../url-common/path.ts'
import { joinTarget, parseTarget, takeParams } from '../url-common/target.ts'
import { outsideWindow } from '../url-common/time.ts'
import {
  canonicalNative,
  KID_PATTERN,
  NATIVE_PARAMS,
  nativeSignature,
  TIME_PATTERN,
} from './canonical.ts'

const malformed = (what: string) => reject('TOKEN_INVALID', 'malformed', what)

export function verifyNative(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  assertRing(input.keys)
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const taken = takeParams(raw.value.query, (n) => n.startsWith('pg_'))
  if (!taken.ok) return taken
  const { values, order, rest } = taken.value
  const unknown = order.find((n) => !(NATIVE_PARAMS as readonly string[]).includes(n))
  if (unknown !== undefined) return reject('TOKEN_INVALID', 'unknown-parameter', unknown)
  const [kid, exp, nbf, scope, ip, sig] = NATIVE_PARAMS.map((n) => values.get(n))
  if (kid === undefined || exp === undefined || sig === undefined)
    return reject('TOKEN_INVALID', 'missing', 'pg_kid, pg_exp or pg_sig')
  if (!KID_PATTERN.test(kid)) return malformed('pg_kid')
  if (!TIME_PATTERN.test(exp) || (nbf !== undefined && !TIME_PATTERN.test(nbf)))
    return malformed('pg_exp or pg_nbf')
  if (!/^[A-Za-z0-9_-]{43}$/.test(sig)) return malformed('pg_sig')
  // pg_scope arrives decoded by the query parser; decoding it again would be a second decode.
  if (scope !== undefined && (!scope.startsWith('/') || removeDotSegments(scope) !== scope))
    return malformed('pg_scope')
  const range = ip === undefined ? undefined : parseIpRange(ip)
  if (ip !== undefined && range === undefined) return malformed('pg_ip')
  const path = canonicalPath(raw.value.path)
  if (path === undefined) return malformed('path')

  if (!input.keys.some((key) => key.id === kid)) return reject('SIGNATURE_MISMATCH', 'unknown-key')
  const canonical = canonicalNative({ kid, exp, nbf, ip, scope, path, query: rest })
  const keyIndex = findRingKey(crypto, input.keys, sig, (key) =>
    key.id === kid ? [nativeSignature(crypto, key.secret, canonical)] : [],
  )
  if (keyIndex === undefined) return reject('SIGNATURE_MISMATCH', 'signature-mismatch')

  const expiresAt = Number(exp)
  const window = { expiresAt, ...(nbf !== undefined && { notBefore: Number(nbf) }) }
  const late = outsideWindow(input.now, input.skewSeconds, window)
  if (late) return late
  if (scope !== undefined && !isWithin(path, scope))
    return reject('SCOPE_MISMATCH', 'outside-scope', 'scope')
  if (range !== undefined) {
    const client = input.clientIp === undefined ? undefined : parseIp(input.clientIp)
    if (client === undefined) return reject('SCOPE_MISMATCH', 'client-unknown')
    if (!rangeContains(range, client)) return reject('SCOPE_MISMATCH', 'client-outside-range')
  }
  return accept({
    path: raw.value.path,
    origin: joinTarget(raw.value.path, rest),
    expiresAt,
    keyIndex,
    ...(scope !== undefined && { scope }),
  })
}
