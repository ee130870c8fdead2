// Verifying Aliyun CDN/VOD playback URLs, types A, B, C (both forms) and F (url-signing.md §2).
// Primary and secondary keys are "equally" valid, so every ring key is tried; the path is tried
// raw, then decoded (the spec's recommendation while the vendor's choice is unconfirmed).
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
import { hasParam, parseTarget } from '../url-common/target.ts'
import { parseHexTime } from '../url-common/time.ts'
import { canonicalTypeC } from './canonical.ts'
import { TYPE_A_PARAM, TYPE_C_DEFAULTS, TYPE_F_DEFAULTS } from './sign.ts'
import type { TypeCNames, TypeFNames } from './sign.ts'

const TYPE_C_MESSAGES: readonly Md5Message<CdnToken>[] = [
  (key, uri, token) => canonicalTypeC({ key, uri, time: token.time }),
]

const malformedTime = () => reject('TOKEN_INVALID', 'malformed', 'time')

/** Rejects when `timestamp + TTL < now` (± skew); a later timestamp is allowed, as Aliyun does. */
export function verifyTypeA(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  return verifyAuthKey(input, crypto, TYPE_A_PARAM)
}

/** `/{YYYYMMDDHHMM UTC+8}/{md5}/…`; rejects when `time + TTL < now` (± skew). */
export const verifyTypeB = verifyUtc8Path

/**
 * Either form, whatever form the signer emits: the query form when the query carries the hash or
 * time parameter, else the path form. Valid while `|now − time| ≤ TTL` (± skew), so a time more
 * than TTL in the future is TOKEN_NOT_YET_VALID.
 */
export function verifyTypeC(
  input: VerifyUrlInput,
  crypto: Crypto,
  names: TypeCNames = TYPE_C_DEFAULTS,
): UrlVerdict<VerifiedUrl> {
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const queryForm = hasParam(raw.value.query, [names.hashParam, names.timeParam])
  const token = queryForm
    ? parseHashTimeQuery(input.target, names.hashParam, names.timeParam)
    : parsePathForm(input.target, false, '[0-9A-Fa-f]{8}')
  if (!token.ok) return token
  const { time } = token.value
  const at = parseHexTime(time)
  if (at === undefined) return malformedTime()
  return verifyCdnToken(token.value, input, crypto, {
    messages: TYPE_C_MESSAGES,
    window: { notBefore: at - input.ttlSeconds, expiresAt: at + input.ttlSeconds },
  })
}

/** `?sign={md5}&time={hex}`; the time is hashed as received, so either hex case verifies. */
export function verifyTypeF(
  input: VerifyUrlInput,
  crypto: Crypto,
  names: TypeFNames = TYPE_F_DEFAULTS,
): UrlVerdict<VerifiedUrl> {
  const token = parseHashTimeQuery(input.target, names.hashParam, names.timeParam)
  if (!token.ok) return token
  const { time } = token.value
  const issuedAt = parseHexTime(time)
  if (issuedAt === undefined) return malformedTime()
  return verifyCdnToken(token.value, input, crypto, {
    messages: TYPE_C_MESSAGES,
    window: { expiresAt: issuedAt + input.ttlSeconds },
  })
}
