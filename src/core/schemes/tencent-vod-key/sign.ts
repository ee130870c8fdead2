// Signing Tencent VOD Key URLs: `t` is the expiry itself (lower-case hex), so it is `expiresAt`
// (default now + TTL); `exper`, `rlimit` and `us` come from SignOptions.
import { toHex } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { targetToSign } from '../url-common/cdn-build.ts'
import { md5Hex } from '../url-common/mac.ts'
import { canonicalPath, dirOf, isWithin } from '../url-common/path.ts'
import { appendParams, joinTarget } from '../url-common/target.ts'
import { expiryOf, formatHexTime } from '../url-common/time.ts'
import { canonicalVodKey, VOD_KEY_LISTS, VOD_KEY_ORDER } from './canonical.ts'

function optionalInteger(value: number | undefined, min: number, max: number, name: string) {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < min || value > max)
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`)
  return String(value)
}

/**
 * The raw directory, as the request line shows it. A path whose dot segments or encoded "/"
 * resolve outside it (`/a/b/..`, `/a/..%2Fx`) is refused: its token would cover a directory the
 * request does not stay in, and every verifier must reject it.
 */
function signedDir(rawPath: string): string {
  const path = canonicalPath(rawPath)
  if (path === undefined) throw new TypeError('the path has a malformed percent-escape')
  const rawDir = dirOf(rawPath)
  if (!isWithin(path, canonicalPath(rawDir)!))
    throw new TypeError('the path resolves outside its own directory')
  return rawDir
}

/**
 * `…/dir/file?t={hex}[&exper=][&rlimit=][&us=]&sign={md5}`; `us` defaults to 10 random hex so
 * each URL can be counted on its own for `rlimit`.
 * @see https://www.tencentcloud.com/document/product/266/33986
 */
export function signVodKey(input: SignUrlInput, crypto: Crypto): string {
  const target = targetToSign(input, [...VOD_KEY_ORDER, ...VOD_KEY_LISTS])
  const options = input.options ?? {}
  const exper = optionalInteger(options.previewSeconds, 0, 999_999_999, 'previewSeconds')
  const rlimit = optionalInteger(options.maxClientIps, 1, 9, 'maxClientIps')
  const linkId = options.linkId ?? toHex(crypto.randomBytes(5))
  if (!/^[A-Za-z0-9._~-]{0,64}$/.test(linkId))
    throw new TypeError('linkId must be at most 64 of A-Z a-z 0-9 . _ ~ -')
  const us = linkId === '' ? undefined : linkId
  const t = formatHexTime(expiryOf(input), false)
  const dir = signedDir(target.path)
  const sign = md5Hex(crypto, canonicalVodKey({ key: input.key.secret, dir, t, exper, rlimit, us }))
  const fields = { t, exper, rlimit, us, sign }
  const pairs = VOD_KEY_ORDER.flatMap((name) => {
    const value = fields[name]
    return value === undefined ? [] : [[name, value] as const]
  })
  return joinTarget(target.path, appendParams(target.query, pairs))
}
