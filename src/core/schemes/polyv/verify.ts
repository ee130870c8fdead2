// Server-side checks of Polyv requests: the `ptime` window, the v2 SHA-1 sign with the real
// clients' quirks, and the token API's MD5 sign. Secret lookup, replay and wire messages belong
// to the dialect.
import type { QueryPair } from '../../encoding/query.ts'
import { accept, reject, type Verdict } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import { PTIME_WINDOW_MS, toPairs, type PolyvParams } from './canonical.ts'
import { signMd5, signV2 } from './sign.ts'

/** Why a Polyv check said no; each maps to one exact message in the dialect. */
export type PolyvReason =
  | 'ptime-missing'
  | 'ptime-illegal'
  | 'ptime-too-old'
  | 'sign-missing'
  | 'sign-mismatch'
  | 'duplicate-parameter'

/** A core Verdict whose reason is a {@link PolyvReason}. */
export type PolyvVerdict<T> = Verdict<T, PolyvReason>

const yes = accept
const no = reject<PolyvReason>

/**
 * `ptime`: a millisecond timestamp within ±{@link PTIME_WINDOW_MS} of now. Older is `ptime-too-old`
 * (SIGNATURE_EXPIRED → `ptime is too old.`); not digits, or newer, is `ptime-illegal`
 * (INVALID_PARAMETER → `ptime is illegal.`: "格式不对或者超过当前时间3分钟").
 * @see polyv.md §3
 * @returns the ptime in milliseconds.
 */
export function checkPtime(
  value: string | undefined,
  nowMs: number,
  windowMs: number = PTIME_WINDOW_MS,
): PolyvVerdict<number> {
  if (value === undefined || value === '') return no('MISSING_PARAMETER', 'ptime-missing')
  if (!/^\d{1,16}$/.test(value)) return no('INVALID_PARAMETER', 'ptime-illegal')
  const ptime = Number(value)
  if (ptime > nowMs + windowMs) return no('INVALID_PARAMETER', 'ptime-illegal')
  if (ptime < nowMs - windowMs) return no('SIGNATURE_EXPIRED', 'ptime-too-old')
  return yes(ptime)
}

/** Which parameter set a v2 sign was found to cover. */
export type V2Variant = 'as-sent' | 'path-userid' | 'sdk-subset'

export interface VerifyV2Input {
  /** Every decoded parameter of the query and the form body, `sign` included. */
  readonly params: PolyvParams
  /** The account id from the URL path. */
  readonly pathUserid: string
  readonly secret: string
  /**
   * The endpoint's own fields for the SDK's legacy special maps (§2.1: `{userid, ptime, …}`),
   * tried last; omit for endpoints that have none.
   */
  readonly sdkFields?: readonly string[]
}

/**
 * Verifies a v2 `sign` (case-insensitive, constant-time) over, in turn: the parameters as sent;
 * the same plus `userid=<path userid>` (the SDK signs a `userid` it does not send); and, when
 * `sdkFields` is given, only `{userid, ptime, …sdkFields}`. Refuses a parameter sent twice (which
 * value the handler should use would be a guess).
 * @see polyv.md §1, §2.3
 */
export function verifyV2(input: VerifyV2Input, crypto: Crypto): PolyvVerdict<V2Variant> {
  const pairs = toPairs(input.params)
  const received = pairs.find(([name]) => name === 'sign')?.[1]
  if (received === undefined || received === '') return no('MISSING_PARAMETER', 'sign-missing')
  if (new Set(pairs.map(([name]) => name)).size !== pairs.length)
    return no('INVALID_PARAMETER', 'duplicate-parameter')
  const claimed = received.toUpperCase()

  const candidates: [V2Variant, readonly QueryPair[]][] = [['as-sent', pairs]]
  if (!pairs.some(([name]) => name === 'userid'))
    candidates.push(['path-userid', [...pairs, ['userid', input.pathUserid]]])
  if (input.sdkFields) {
    const keep = new Set(['ptime', ...input.sdkFields])
    const subset = pairs.filter(([name]) => keep.has(name) && name !== 'userid')
    candidates.push(['sdk-subset', [...subset, ['userid', input.pathUserid]]])
  }
  // Every candidate is computed and compared, so the time does not say which one matched.
  let matched: V2Variant | undefined
  for (const [variant, params] of candidates) {
    const ok = crypto.timingSafeEqual(signV2(params, input.secret, crypto), claimed)
    if (ok && matched === undefined) matched = variant
  }
  return matched ? yes(matched) : no('SIGNATURE_MISMATCH', 'sign-mismatch')
}

/**
 * Verifies the MD5 variant's `sign` (playsafe token API), case-insensitive, constant-time.
 * @see polyv.md §8.1, §8.2
 */
export function verifyMd5(params: PolyvParams, secret: string, crypto: Crypto): PolyvVerdict<true> {
  const pairs = toPairs(params)
  const received = pairs.find(([name]) => name === 'sign')?.[1]
  if (received === undefined || received === '') return no('MISSING_PARAMETER', 'sign-missing')
  if (new Set(pairs.map(([name]) => name)).size !== pairs.length)
    return no('INVALID_PARAMETER', 'duplicate-parameter')
  const ok = crypto.timingSafeEqual(signMd5(pairs, secret, crypto), received.toUpperCase())
  return ok ? yes(true as const) : no('SIGNATURE_MISMATCH', 'sign-mismatch')
}
