// Verifying Tencent live playback URLs: AuthKey then AuthBackKey, txTime hex (any case) or
// decimal and hashed as received, refused once `now > txTime + AuthDelta (+ skew)`.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { RingKey, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { assertRing, md5Hex, normaliseHexMac } from '../url-common/mac.ts'
import { canonicalPath } from '../url-common/path.ts'
import { joinTarget, parseTarget, takeParams } from '../url-common/target.ts'
import { outsideWindow, parseHexOrDecimalTime } from '../url-common/time.ts'
import { canonicalLive, streamOf } from './canonical.ts'
import { LIVE_PARAMS } from './sign.ts'

/** A query's txSecret and txTime (playback and push alike), the rest of the query kept raw. */
function takeLiveToken(query: string) {
  const taken = takeParams(query, LIVE_PARAMS)
  if (!taken.ok) return taken
  const secret = taken.value.values.get('txSecret')
  const txTime = taken.value.values.get('txTime')
  if (secret === undefined || txTime === undefined)
    return reject('TOKEN_INVALID', 'missing', 'txSecret or txTime')
  const at = parseHexOrDecimalTime(txTime)
  if (at === undefined) return reject('TOKEN_INVALID', 'malformed', 'txTime')
  // A 64-hex txSecret is the console's SHA-256 option, whose formula is unconfirmed (§7.1).
  const received = normaliseHexMac(secret)
  if (received === undefined) return reject('TOKEN_INVALID', 'malformed', 'txSecret')
  return accept({ rest: taken.value.rest, txTime, at, received })
}

/**
 * The index of the first ring key (primary first) whose txSecret for `streamName` and `txTime`
 * equals the received one, each comparison through the port's `timingSafeEqual` and all of them
 * on a miss (findRingKey's rule, without a closure and an array per request).
 */
function matchingKey(
  crypto: Crypto,
  keys: readonly RingKey[],
  received: string,
  streamName: string,
  txTime: string,
): number | undefined {
  assertRing(keys)
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!.secret
    const expected = md5Hex(crypto, canonicalLive({ key, streamName, txTime }))
    if (crypto.timingSafeEqual(expected, received)) return index
  }
  return undefined
}

/**
 * The StreamName comes from the decoded, dot-free path, so `/live/test/../x.flv` is stream `x`.
 * AppName is not hashed (the vendor formula), so `scope` names the requested app's stream folder.
 * @see https://tencentcloud.com/document/product/267/31560
 */
export function verifyLive(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const token = takeLiveToken(raw.value.query)
  if (!token.ok) return token
  const { rest, txTime, at, received } = token.value
  const path = canonicalPath(raw.value.path)
  const stream = path === undefined ? undefined : streamOf(path)
  if (!stream) return reject('TOKEN_INVALID', 'not-a-stream-path')
  const keyIndex = matchingKey(crypto, input.keys, received, stream.streamName, txTime)
  if (keyIndex === undefined) return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
  const expiresAt = at + input.ttlSeconds
  const late = outsideWindow(input.now, input.skewSeconds, { expiresAt })
  if (late) return late
  return accept({
    path: raw.value.path,
    origin: joinTarget(raw.value.path, rest),
    expiresAt,
    keyIndex,
    scope: stream.scope,
  })
}

/**
 * A push credential: the query's txSecret/txTime for `streamName`, with the push key, valid
 * while `now ≤ txTime + skew` (txTime is the expiry; hex any case, or decimal, hashed as received).
 * Reasons: `missing` (txSecret or txTime), `malformed` (txTime, txSecret) (TOKEN_INVALID);
 * `signature-mismatch` (SIGNATURE_MISMATCH); `expired` (TOKEN_EXPIRED).
 */
export function verifyLivePush(
  input: { query: string; streamName: string; pushKey: string; now: number; skewSeconds: number },
  crypto: Crypto,
): UrlVerdict<{ expiresAt: number }> {
  const token = takeLiveToken(input.query)
  if (!token.ok) return token
  const { txTime, at, received } = token.value
  const expected = md5Hex(
    crypto,
    canonicalLive({ key: input.pushKey, streamName: input.streamName, txTime }),
  )
  if (!crypto.timingSafeEqual(expected, received))
    return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
  const late = outsideWindow(input.now, input.skewSeconds, { expiresAt: at })
  if (late) return late
  return accept({ expiresAt: at })
}
