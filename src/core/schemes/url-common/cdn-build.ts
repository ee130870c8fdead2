// Building the CDN URL shapes when signing (the inverse of cdn-forms.ts): the vendor folders
// choose the hashed string and the time text, this file places the token.
import { toHex } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import type { SignUrlInput } from '../url-scheme.ts'
import { appendParams, assertFreeParams, joinTarget, wireTarget } from './target.ts'
import type { RawTarget } from './target.ts'

/** The target in wire form, refusing one that already carries the scheme's parameters. */
export function targetToSign(input: SignUrlInput, params: readonly string[]): RawTarget {
  const target = wireTarget(input.target)
  assertFreeParams(target.query, params)
  return target
}

const AUTH_FIELD = /^[A-Za-z0-9._~]+$/

/** Aliyun A / Tencent A `rand` and `uid`: defaults, and no "-" (the field separator). */
export function authKeyFields(input: SignUrlInput, crypto: Crypto): { rand: string; uid: string } {
  const rand = input.options?.rand ?? toHex(crypto.randomBytes(16))
  const uid = input.options?.uid ?? '0'
  if (!AUTH_FIELD.test(rand) || !AUTH_FIELD.test(uid))
    throw new TypeError('rand and uid must be non-empty and use only A-Z a-z 0-9 . _ ~')
  return { rand, uid }
}

/** `?{param}={time}-{rand}-{uid}-{md5}`. */
export function buildAuthKeyForm(
  target: RawTarget,
  param: string,
  fields: { time: string; rand: string; uid: string; hash: string },
): string {
  const value = `${fields.time}-${fields.rand}-${fields.uid}-${fields.hash}`
  return joinTarget(target.path, appendParams(target.query, [[param, value]]))
}

/** `?{hashParam}={md5}&{timeParam}={time}`. */
export function buildHashTimeQuery(
  target: RawTarget,
  names: { hashParam: string; timeParam: string },
  fields: { time: string; hash: string },
): string {
  const pairs = [
    [names.hashParam, fields.hash],
    [names.timeParam, fields.time],
  ] as const
  return joinTarget(target.path, appendParams(target.query, pairs))
}

/** `/{first}/{second}{uri}`: type B puts the time first, type C the hash. */
export function buildPathForm(target: RawTarget, first: string, second: string): string {
  return joinTarget(`/${first}/${second}${target.path}`, target.query)
}
