// What the API-signature verifiers (aliyun-rpc, tencent-tc3) share: the clock-window check of a
// request's signed timestamp and its two refusal reasons. Each verifier types the reasons it gives
// as a union of its own (AliyunRpcReason, Tc3Reason, PlayAuthReason), which the dialects' reason
// tables are keyed by, so a misspelt or forgotten reason does not compile.
import { accept, reject, type Verdict } from '../errors.ts'

/** `timestamp-format` (INVALID_PARAMETER), `timestamp-expired` (SIGNATURE_EXPIRED). */
export type TimestampReason = 'timestamp-format' | 'timestamp-expired'

/**
 * A signed timestamp, parsed to epoch ms (undefined when it did not parse), within ± skew of now,
 * both directions: a client clock ahead of ours is as usual as one behind.
 */
export function checkClockWindow(
  atMs: number | undefined,
  nowMs: number,
  skewSeconds: number,
): Verdict<number, TimestampReason> {
  if (atMs === undefined) return reject('INVALID_PARAMETER', 'timestamp-format')
  if (Math.abs(nowMs - atMs) > skewSeconds * 1000)
    return reject('SIGNATURE_EXPIRED', 'timestamp-expired')
  return accept(atMs)
}
