// Signing Aliyun CDN/VOD playback URLs, types A, B, C and F (url-signing.md §2). The time field
// is the generation time: the URL expires at time + TTL, so `expiresAt` is written as
// `expiresAt - ttlSeconds` (aliyun-vod.md §13's AuthTimeout mapping).
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { signAuthKey } from '../url-common/cdn-auth-key.ts'
import { buildHashTimeQuery, buildPathForm, targetToSign } from '../url-common/cdn-build.ts'
import { signUtc8Path } from '../url-common/cdn-utc8-path.ts'
import { md5Hex } from '../url-common/mac.ts'
import { formatHexTime, issuedAtOf } from '../url-common/time.ts'
import { canonicalTypeC } from './canonical.ts'

export interface TypeCNames {
  /** `path` emits `/{md5}/{time}/…` (form 1), `query` emits `?KEY1=&KEY2=` (form 2). */
  readonly form: 'path' | 'query'
  readonly hashParam: string
  readonly timeParam: string
}

export interface TypeFNames {
  readonly hashParam: string
  readonly timeParam: string
}

export const TYPE_A_PARAM = 'auth_key'
export const TYPE_C_DEFAULTS: TypeCNames = { form: 'path', hashParam: 'KEY1', timeParam: 'KEY2' }
export const TYPE_F_DEFAULTS: TypeFNames = { hashParam: 'sign', timeParam: 'time' }

/**
 * `…?auth_key={timestamp}-{rand}-{uid}-{md5}`; rand defaults to 32 random hex, uid to "0".
 * @see https://help.aliyun.com/zh/vod/user-guide/type-a-signing
 */
export function signTypeA(input: SignUrlInput, crypto: Crypto): string {
  return signAuthKey(input, crypto, TYPE_A_PARAM)
}

/**
 * `/{YYYYMMDDHHMM}/{md5}/…`, the time in UTC+8 and rounded down to the minute, so the URL
 * expires up to 59 s before `expiresAt`, never after.
 */
export const signTypeB = signUtc8Path

/** Form 1 `/{md5}/{HEXTIME}/…` by default, or form 2 `?KEY1={md5}&KEY2={HEXTIME}`. */
export function signTypeC(
  input: SignUrlInput,
  crypto: Crypto,
  names: TypeCNames = TYPE_C_DEFAULTS,
): string {
  const target = targetToSign(input, [names.hashParam, names.timeParam])
  const time = formatHexTime(issuedAtOf(input), true)
  const hash = md5Hex(crypto, canonicalTypeC({ key: input.key.secret, uri: target.path, time }))
  return names.form === 'path'
    ? buildPathForm(target, hash, time)
    : buildHashTimeQuery(target, names, { hash, time })
}

/** `…?sign={md5}&time={HEXTIME}`; upper-case hex, as the spec recommends emitting. */
export function signTypeF(
  input: SignUrlInput,
  crypto: Crypto,
  names: TypeFNames = TYPE_F_DEFAULTS,
): string {
  const target = targetToSign(input, [names.hashParam, names.timeParam])
  const time = formatHexTime(issuedAtOf(input), true)
  const hash = md5Hex(crypto, canonicalTypeC({ key: input.key.secret, uri: target.path, time }))
  return buildHashTimeQuery(target, names, { hash, time })
}
