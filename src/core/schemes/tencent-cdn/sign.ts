// Signing Tencent CDN playback URLs, types A–D (url-signing.md §4). The timestamp is the
// generation time (`timestamp + validity < now` expires), so `expiresAt - ttlSeconds` is written.
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { signAuthKey } from '../url-common/cdn-auth-key.ts'
import { buildHashTimeQuery, buildPathForm, targetToSign } from '../url-common/cdn-build.ts'
import { signUtc8Path } from '../url-common/cdn-utc8-path.ts'
import { md5Hex } from '../url-common/mac.ts'
import { formatHexTime, issuedAtOf } from '../url-common/time.ts'
import { canonicalTypeC, canonicalTypeD } from './canonical.ts'
import type { TypeCOrder } from './canonical.ts'

export interface TypeDNames {
  readonly hashParam: string
  readonly timeParam: string
  /** How the timestamp is written; both verify (the literal is hashed). */
  readonly timeFormat: 'decimal' | 'hex'
}

export const TYPE_A_PARAM = 'sign'
export const TYPE_D_DEFAULTS: TypeDNames = {
  hashParam: 'sign',
  timeParam: 't',
  timeFormat: 'decimal',
}

/** `…?sign={timestamp}-{rand}-{uid}-{md5}`; rand defaults to 32 random hex, uid to "0". */
export function signTypeA(input: SignUrlInput, crypto: Crypto, param = TYPE_A_PARAM): string {
  return signAuthKey(input, crypto, param)
}

/** `/{YYYYMMDDHHMM}/{md5}/…` in UTC+8, rounded down to the minute. */
export const signTypeB = signUtc8Path

/** `/{md5}/{hex time}/…`, lower-case hex as in the doc, CDN-doc order unless told otherwise. */
export function signTypeC(input: SignUrlInput, crypto: Crypto, order: TypeCOrder = 'cdn'): string {
  const target = targetToSign(input, [])
  const time = formatHexTime(issuedAtOf(input), false)
  const hash = md5Hex(
    crypto,
    canonicalTypeC({ key: input.key.secret, time, uri: target.path }, order),
  )
  return buildPathForm(target, hash, time)
}

/** `…?sign={md5}&t={timestamp}`. */
export function signTypeD(
  input: SignUrlInput,
  crypto: Crypto,
  names: TypeDNames = TYPE_D_DEFAULTS,
): string {
  const target = targetToSign(input, [names.hashParam, names.timeParam])
  const at = issuedAtOf(input)
  const time = names.timeFormat === 'hex' ? formatHexTime(at, false) : String(at)
  const hash = md5Hex(crypto, canonicalTypeD({ key: input.key.secret, uri: target.path, time }))
  return buildHashTimeQuery(target, names, { hash, time })
}
