// Verifying native PlayGate URLs: the key is chosen by `pg_kid` among the ring, MAC first, then
// time (± skew), then scope and IP binding (both SCOPE_MISMATCH: the URL does not cover this
// request). Unknown or repeated `pg_` parameters are malformed, so a later format cannot be
// half-understood.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { RingKey, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { parseIp, parseIpRange, rangeContains } from '../url-common/ip.ts'
import { assertRing } from '../url-common/mac.ts'
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
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/

// Module-level helpers rather than closures (and the arrays they returned) made on every verify.

/** Every `pg_` parameter is taken, so an unknown one is refused rather than passed on. */
function isNativeParam(name: string): boolean {
  return name.startsWith('pg_')
}

/** The first taken name that is not one of NATIVE_PARAMS. */
function unknownParam(order: readonly string[]): string | undefined {
  for (const name of order) if (!(NATIVE_PARAMS as readonly string[]).includes(name)) return name
  return undefined
}

function hasKeyId(keys: readonly RingKey[], kid: string): boolean {
  for (const key of keys) if (key.id === kid) return true
  return false
}

/**
 * The index of the first ring key (primary first) with id `kid` whose signature equals the
 * received one, each comparison through the port's `timingSafeEqual` and all of them on a miss
 * (findRingKey's rule, without a closure and an array per key).
 */
function matchingKey(
  crypto: Crypto,
  keys: readonly RingKey[],
  kid: string,
  received: string,
  canonical: string,
): number | undefined {
  assertRing(keys)
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!
    if (key.id !== kid) continue
    if (crypto.timingSafeEqual(nativeSignature(crypto, key.secret, canonical), received))
      return index
  }
  return undefined
}

export function verifyNative(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  assertRing(input.keys)
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const taken = takeParams(raw.value.query, isNativeParam)
  if (!taken.ok) return taken
  const { values, order, rest } = taken.value
  const unknown = unknownParam(order)
  if (unknown !== undefined) return reject('TOKEN_INVALID', 'unknown-parameter', unknown)
  const kid = values.get('pg_kid')
  const exp = values.get('pg_exp')
  const nbf = values.get('pg_nbf')
  const scope = values.get('pg_scope')
  const ip = values.get('pg_ip')
  const sig = values.get('pg_sig')
  if (kid === undefined || exp === undefined || sig === undefined)
    return reject('TOKEN_INVALID', 'missing', 'pg_kid, pg_exp or pg_sig')
  if (!KID_PATTERN.test(kid)) return malformed('pg_kid')
  if (!TIME_PATTERN.test(exp) || (nbf !== undefined && !TIME_PATTERN.test(nbf)))
    return malformed('pg_exp or pg_nbf')
  if (!SIGNATURE.test(sig)) return malformed('pg_sig')
  // pg_scope arrives decoded by the query parser; decoding it again would be a second decode.
  if (scope !== undefined && (!scope.startsWith('/') || removeDotSegments(scope) !== scope))
    return malformed('pg_scope')
  const range = ip === undefined ? undefined : parseIpRange(ip)
  if (ip !== undefined && range === undefined) return malformed('pg_ip')
  const path = canonicalPath(raw.value.path)
  if (path === undefined) return malformed('path')

  if (!hasKeyId(input.keys, kid)) return reject('SIGNATURE_MISMATCH', 'unknown-key')
  const canonical = canonicalNative({ kid, exp, nbf, ip, scope, path, query: rest })
  const keyIndex = matchingKey(crypto, input.keys, kid, sig, canonical)
  if (keyIndex === undefined) return reject('SIGNATURE_MISMATCH', 'signature-mismatch')

  const expiresAt = Number(exp)
  const window = nbf === undefined ? { expiresAt } : { expiresAt, notBefore: Number(nbf) }
  const late = outsideWindow(input.now, input.skewSeconds, window)
  if (late) return late
  if (scope !== undefined && !isWithin(path, scope))
    return reject('SCOPE_MISMATCH', 'outside-scope', 'scope')
  if (range !== undefined) {
    const client = input.clientIp === undefined ? undefined : parseIp(input.clientIp)
    if (client === undefined) return reject('SCOPE_MISMATCH', 'client-unknown')
    if (!rangeContains(range, client)) return reject('SCOPE_MISMATCH', 'client-outside-range')
  }
  const origin = joinTarget(raw.value.path, rest)
  return accept(
    scope === undefined
      ? { path: raw.value.path, origin, expiresAt, keyIndex }
      : { path: raw.value.path, origin, expiresAt, keyIndex, scope },
  )
}
