// The URL shapes the MD5 CDN schemes share (Aliyun A/B/C/F, Tencent CDN A–D): where the token
// sits, how it is parsed, and the verify pipeline after parsing. The vendor folders supply the
// hashed strings and the time rules.
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { RingKey, VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { assertRing, md5Hex, normaliseHexMac } from './mac.ts'
import { pathVariants } from './path.ts'
import { outsideWindow } from './time.ts'
import type { ValidityWindow } from './time.ts'
import { joinTarget, parseTarget, takeParams } from './target.ts'

/** A parsed CDN token: the resource it covers and the literal fields the MAC was computed over. */
export interface CdnToken {
  /** The resource path, raw, with in-path token segments removed. */
  readonly uri: string
  /** The query without the token's parameters, raw. */
  readonly query: string
  /** Lower-case hex MAC as received. */
  readonly hash: string
  /** The literal time text. */
  readonly time: string
}

export interface AuthKeyToken extends CdnToken {
  /** The decimal timestamp, parsed. */
  readonly at: number
  readonly rand: string
  readonly uid: string
}

const HASH = '[0-9A-Fa-f]{32}'
const DECIMAL_TIME = /^\d{1,12}$/
/** The in-path patterns, compiled once per shape rather than per request. */
const PATH_FORMS = new Map<string, RegExp>()

function pathFormPattern(timeFirst: boolean, timePattern: string): RegExp {
  const name = `${timeFirst ? 't' : 'h'}${timePattern}`
  let pattern = PATH_FORMS.get(name)
  if (!pattern) {
    const source = timeFirst
      ? `^/(${timePattern})/(${HASH})(/.*)$`
      : `^/(${HASH})/(${timePattern})(/.*)$`
    pattern = new RegExp(source, 's')
    PATH_FORMS.set(name, pattern)
  }
  return pattern
}

function hashOf(text: string): UrlVerdict<string> {
  const hash = normaliseHexMac(text)
  return hash === undefined ? reject('TOKEN_INVALID', 'malformed', 'signature') : accept(hash)
}

/** `?{param}={timestamp}-{rand}-{uid}-{md5}` (Aliyun A `auth_key`, Tencent A `sign`). */
export function parseAuthKeyForm(target: string, param: string): UrlVerdict<AuthKeyToken> {
  const raw = parseTarget(target)
  if (!raw.ok) return raw
  const taken = takeParams(raw.value.query, [param])
  if (!taken.ok) return taken
  const value = taken.value.values.get(param)
  if (value === undefined) return reject('TOKEN_INVALID', 'missing', param)
  const parts = value.split('-')
  const [time, rand, uid, mac] = parts
  if (parts.length !== 4 || !DECIMAL_TIME.test(time!) || rand === '' || uid === '')
    return reject('TOKEN_INVALID', 'malformed', param)
  const hash = hashOf(mac!)
  if (!hash.ok) return hash
  return accept({
    uri: raw.value.path,
    query: taken.value.rest,
    hash: hash.value,
    time: time!,
    at: Number(time),
    rand: rand!,
    uid: uid!,
  })
}

/** `?{hashParam}={md5}&{timeParam}={time}` (Aliyun C form 2, Aliyun F, Tencent D). */
export function parseHashTimeQuery(
  target: string,
  hashParam: string,
  timeParam: string,
): UrlVerdict<CdnToken> {
  const raw = parseTarget(target)
  if (!raw.ok) return raw
  const taken = takeParams(raw.value.query, [hashParam, timeParam])
  if (!taken.ok) return taken
  const mac = taken.value.values.get(hashParam)
  const time = taken.value.values.get(timeParam)
  if (mac === undefined) return reject('TOKEN_INVALID', 'missing', hashParam)
  if (time === undefined) return reject('TOKEN_INVALID', 'missing', timeParam)
  const hash = hashOf(mac)
  if (!hash.ok) return hash
  return accept({ uri: raw.value.path, query: taken.value.rest, hash: hash.value, time })
}

/**
 * `/{first}/{second}/{uri…}`, the in-path forms: `/{YYYYMMDDHHMM}/{md5}/…` (type B) and
 * `/{md5}/{hex time}/…` (type C). `timeFirst` says which segment is the time.
 */
export function parsePathForm(
  target: string,
  timeFirst: boolean,
  timePattern: string,
): UrlVerdict<CdnToken> {
  const raw = parseTarget(target)
  if (!raw.ok) return raw
  const m = pathFormPattern(timeFirst, timePattern).exec(raw.value.path)
  if (!m) return reject('TOKEN_INVALID', 'no-path-segments')
  const [time, mac] = timeFirst ? [m[1]!, m[2]!] : [m[2]!, m[1]!]
  return accept({ uri: m[3]!, query: raw.value.query, hash: mac.toLowerCase(), time })
}

/** One string a key may have hashed: a module-level function, so no closure per request. */
export type Md5Message<T extends CdnToken> = (secret: string, uri: string, token: T) => string

export interface Md5Check<T extends CdnToken> {
  /** The strings one key may have hashed for each resource path variant (orders). */
  readonly messages: readonly Md5Message<T>[]
  readonly window: ValidityWindow
}

/**
 * The index of the first ring key (primary first) whose MAC over one of the path variants and
 * messages equals the received one; every comparison through the port's `timingSafeEqual`, and
 * on a miss all of them run (findRingKey's rule, without a closure per request).
 */
function matchingKey<T extends CdnToken>(
  token: T,
  keys: readonly RingKey[],
  crypto: Crypto,
  messages: readonly Md5Message<T>[],
): number | undefined {
  assertRing(keys)
  const uris = pathVariants(token.uri)
  for (let k = 0; k < keys.length; k++) {
    const secret = keys[k]!.secret
    for (let u = 0; u < uris.length; u++)
      for (let m = 0; m < messages.length; m++) {
        const mac = md5Hex(crypto, messages[m]!(secret, uris[u]!, token))
        if (crypto.timingSafeEqual(mac, token.hash)) return k
      }
  }
  return undefined
}

/**
 * The common tail of every MD5 CDN verifier: MAC first (raw path, then decoded, every ring
 * key), then the validity window, so an unauthenticated URL learns nothing about its times.
 */
export function verifyCdnToken<T extends CdnToken>(
  token: T,
  input: VerifyUrlInput,
  crypto: Crypto,
  check: Md5Check<T>,
  restrictions?: VerifiedUrl['restrictions'],
): UrlVerdict<VerifiedUrl> {
  const keyIndex = matchingKey(token, input.keys, crypto, check.messages)
  if (keyIndex === undefined) return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
  const late = outsideWindow(input.now, input.skewSeconds, check.window)
  if (late) return late
  const url: { -readonly [K in keyof VerifiedUrl]: VerifiedUrl[K] } = {
    path: token.uri,
    origin: joinTarget(token.uri, token.query),
    expiresAt: check.window.expiresAt,
    keyIndex,
  }
  if (restrictions) url.restrictions = restrictions
  return accept(url)
}
