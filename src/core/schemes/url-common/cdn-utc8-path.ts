// The in-path URL type Aliyun (type B) and Tencent CDN (TypeB) define the same way:
// `/{YYYYMMDDHHMM}/{md5}/…`, the time a UTC+8 wall clock, the hash over `key + time + uri`.
import { reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { buildPathForm, targetToSign } from './cdn-build.ts'
import { parsePathForm, verifyCdnToken, type CdnToken, type Md5Message } from './cdn-forms.ts'
import { md5Hex } from './mac.ts'
import { formatUtc8Minutes, issuedAtOf, parseUtc8Minutes } from './time.ts'

/** `key + YYYYMMDDHHMM (UTC+8) + uri`, no separators, MD5-hashed to 32 lower-case hex. */
export function canonicalUtc8Path(parts: { key: string; time: string; uri: string }): string {
  return parts.key + parts.time + parts.uri
}

/**
 * `/{YYYYMMDDHHMM}/{md5}/…`, the time rounded down to the minute, so the URL expires up to 59 s
 * before `expiresAt`, never after.
 */
export function signUtc8Path(input: SignUrlInput, crypto: Crypto): string {
  const target = targetToSign(input, [])
  const time = formatUtc8Minutes(issuedAtOf(input))
  const hash = md5Hex(crypto, canonicalUtc8Path({ key: input.key.secret, time, uri: target.path }))
  return buildPathForm(target, time, hash)
}

const UTC8_MESSAGES: readonly Md5Message<CdnToken>[] = [
  (key, uri, token) => canonicalUtc8Path({ key, time: token.time, uri }),
]

/** Rejects when `time + TTL < now` (± skew); a later time is allowed (no start time). */
export function verifyUtc8Path(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  const token = parsePathForm(input.target, true, '\\d{12}')
  if (!token.ok) return token
  const { time } = token.value
  const issuedAt = parseUtc8Minutes(time)
  if (issuedAt === undefined) return reject('TOKEN_INVALID', 'malformed', 'time')
  return verifyCdnToken(token.value, input, crypto, {
    messages: UTC8_MESSAGES,
    window: { expiresAt: issuedAt + input.ttlSeconds },
  })
}
