// Signing Tencent live playback URLs (`txSecret`/`txTime`). The URL is valid while
// `now ≤ txTime + AuthDelta`, and PlayGate's domain TTL *is* AuthDelta, so txTime is written as
// `expiresAt - ttlSeconds` (by default: now). A Tencent CDN with the same AuthDelta agrees.
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { targetToSign } from '../url-common/cdn-build.ts'
import { md5Hex } from '../url-common/mac.ts'
import { canonicalPath } from '../url-common/path.ts'
import { appendParams, joinTarget } from '../url-common/target.ts'
import { formatHexTime, issuedAtOf } from '../url-common/time.ts'
import { canonicalLive, streamOf } from './canonical.ts'

export const LIVE_PARAMS = ['txSecret', 'txTime'] as const

/**
 * `/AppName/StreamName[.ext]?txSecret={md5}&txTime={HEX}` (upper-case hex, as the doc prints).
 * @see https://tencentcloud.com/document/product/267/31560
 */
export function signLive(input: SignUrlInput, crypto: Crypto): string {
  const target = targetToSign(input, LIVE_PARAMS)
  const path = canonicalPath(target.path)
  const stream = path === undefined ? undefined : streamOf(path)
  if (!stream) throw new TypeError('a live URL path is /AppName/StreamName[.ext]')
  const txTime = formatHexTime(issuedAtOf(input), true)
  const txSecret = md5Hex(
    crypto,
    canonicalLive({ key: input.key.secret, streamName: stream.streamName, txTime }),
  )
  const query = appendParams(target.query, [
    ['txSecret', txSecret],
    ['txTime', txTime],
  ])
  return joinTarget(target.path, query)
}

/**
 * A push (publish) target `/AppName/StreamName?txSecret=md5(pushKey+StreamName+txTime)&txTime=`,
 * where txTime is the push URL's EXPIRY in upper-case hex (Tencent push authentication: unlike
 * play URLs, no AuthDelta is added).
 * @see https://www.tencentcloud.com/document/product/267/38393
 */
export function signLivePush(
  input: { appName: string; streamName: string; pushKey: string; expiresAt: number },
  crypto: Crypto,
): string {
  const txTime = formatHexTime(input.expiresAt, true)
  const txSecret = md5Hex(
    crypto,
    canonicalLive({ key: input.pushKey, streamName: input.streamName, txTime }),
  )
  return `/${input.appName}/${input.streamName}?txSecret=${txSecret}&txTime=${txTime}`
}
