// Verifying Tencent CDN playback URLs, types A–D (url-signing.md §4). Primary and backup keys
// both verify ("支持配置主备"); expired when `timestamp + validity < now` (± skew). A later
// timestamp is accepted: the vendor rule has no start time.
import { reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { verifyAuthKey } from '../url-common/cdn-auth-key.ts'
import {
  parseHashTimeQuery,
  parsePathForm,
  verifyCdnToken,
  type CdnToken,
  type Md5Message,
} from '../url-common/cdn-forms.ts'
import { verifyUtc8Path } from '../url-common/cdn-utc8-path.ts'
import { parseHexOrDecimalTime } from '../url-common/time.ts'
import { canonicalTypeC, canonicalTypeD } from './canonical.ts'
import { TYPE_A_PARAM, TYPE_D_DEFAULTS } from './sign.ts'
import type { TypeDNames } from './sign.ts'

const TYPE_C_MESSAGES: readonly Md5Message<CdnToken>[] = [
  (key, uri, token) => canonicalTypeC({ key, time: token.time, uri }, 'cdn'),
  (key, uri, token) => canonicalTypeC({ key, time: token.time, uri }, 'edgeone'),
]
const TYPE_D_MESSAGES: readonly Md5Message<CdnToken>[] = [
  (key, uri, token) => canonicalTypeD({ key, uri, time: token.time }),
]

const malformedTime = () => reject('TOKEN_INVALID', 'malformed', 'time')

export function verifyTypeA(
  input: VerifyUrlInput,
  crypto: Crypto,
  param = TYPE_A_PARAM,
): UrlVerdict<VerifiedUrl> {
  return verifyAuthKey(input, crypto, param)
}

export const verifyTypeB = verifyUtc8Path

/** Both hash orders verify, because the two Tencent docs disagree (§4.3). */
export function verifyTypeC(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  const token = parsePathForm(input.target, false, '[0-9A-Fa-f]{8}')
  if (!token.ok) return token
  const { time } = token.value
  // parsePathForm matched exactly 8 hex digits.
  const issuedAt = parseInt(time, 16)
  return verifyCdnToken(token.value, input, crypto, {
    messages: TYPE_C_MESSAGES,
    window: { expiresAt: issuedAt + input.ttlSeconds },
  })
}

/** The timestamp may be 10 decimal digits or 8 hex digits; it is hashed as received. */
export function verifyTypeD(
  input: VerifyUrlInput,
  crypto: Crypto,
  names: TypeDNames = TYPE_D_DEFAULTS,
): UrlVerdict<VerifiedUrl> {
  const token = parseHashTimeQuery(input.target, names.hashParam, names.timeParam)
  if (!token.ok) return token
  const { time } = token.value
  const issuedAt = parseHexOrDecimalTime(time)
  if (issuedAt === undefined) return malformedTime()
  return verifyCdnToken(token.value, input, crypto, {
    messages: TYPE_D_MESSAGES,
    window: { expiresAt: issuedAt + input.ttlSeconds },
  })
}
