// The auth-key URL type Aliyun (type A, `auth_key`) and Tencent CDN (TypeA, `sign`) define the
// same way: `?{param}={timestamp}-{rand}-{uid}-{md5}`. Only the parameter name is the vendor's.
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { authKeyFields, buildAuthKeyForm, targetToSign } from './cdn-build.ts'
import { parseAuthKeyForm, verifyCdnToken, type AuthKeyToken } from './cdn-forms.ts'
import { md5Hex } from './mac.ts'
import { issuedAtOf } from './time.ts'

/** `{uri}-{timestamp}-{rand}-{uid}-{key}`, MD5-hashed to 32 lower-case hex. */
export function canonicalAuthKey(parts: {
  uri: string
  timestamp: string
  rand: string
  uid: string
  key: string
}): string {
  return `${parts.uri}-${parts.timestamp}-${parts.rand}-${parts.uid}-${parts.key}`
}

/** `…?{param}={timestamp}-{rand}-{uid}-{md5}`; rand defaults to 32 random hex, uid to "0". */
export function signAuthKey(input: SignUrlInput, crypto: Crypto, param: string): string {
  const target = targetToSign(input, [param])
  const { rand, uid } = authKeyFields(input, crypto)
  const time = String(issuedAtOf(input))
  const hash = md5Hex(
    crypto,
    canonicalAuthKey({ uri: target.path, timestamp: time, rand, uid, key: input.key.secret }),
  )
  return buildAuthKeyForm(target, param, { time, rand, uid, hash })
}

const authKeyMessage = (secret: string, uri: string, token: AuthKeyToken) =>
  canonicalAuthKey({
    uri,
    timestamp: token.time,
    rand: token.rand,
    uid: token.uid,
    key: secret,
  })
const AUTH_KEY_MESSAGES = [authKeyMessage]

/** Rejects when `timestamp + TTL < now` (± skew); a later timestamp is allowed (no start time). */
export function verifyAuthKey(
  input: VerifyUrlInput,
  crypto: Crypto,
  param: string,
): UrlVerdict<VerifiedUrl> {
  const token = parseAuthKeyForm(input.target, param)
  if (!token.ok) return token
  const { at, rand, uid } = token.value
  // Viewer controls key sessions and revocations on these signed fields.
  const restrictions = uid === '0' ? { nonce: rand } : { nonce: rand, viewerId: uid }
  return verifyCdnToken(
    token.value,
    input,
    crypto,
    { messages: AUTH_KEY_MESSAGES, window: { expiresAt: at + input.ttlSeconds } },
    restrictions,
  )
}
