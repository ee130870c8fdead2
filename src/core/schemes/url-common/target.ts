// Request-target plumbing shared by the playback-URL schemes: put a target in wire form, and add
// or take query parameters without re-encoding the parameters a scheme does not own.
import { reject, accept } from '../../errors.ts'
import type { UrlVerdict } from '../url-scheme.ts'
import { toBytes } from '../../encoding/bytes.ts'
import { formDecode, percentEncode } from '../../encoding/percent.ts'
import { splitTarget } from '../../encoding/query.ts'

export interface RawTarget {
  readonly path: string
  readonly query: string
}

// RFC 3986 pchar plus "/" (path) and "/" "?" (query); everything else is percent-encoded.
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/
const QUERY_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/
const ESCAPE = /^%[0-9A-Fa-f]{2}/

function wireEncode(text: string, safe: RegExp): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    if (ESCAPE.test(text.slice(i, i + 3))) {
      out += text.slice(i, i + 3)
      i += 3
      continue
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!)
    i += ch.length
    if (safe.test(ch)) out += ch
    // TextEncoder turns a lone surrogate into U+FFFD, so any string has a wire form.
    else for (const b of toBytes(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

/** Splits a received target; TOKEN_INVALID unless it is origin-form (starts with "/"). */
export function parseTarget(target: string): UrlVerdict<RawTarget> {
  if (!target.startsWith('/')) return reject('TOKEN_INVALID', 'not-origin-form')
  return accept(splitTarget(target))
}

/**
 * A target to sign, in the form a client will send it: existing escapes are kept, anything a
 * path or query may not hold is percent-encoded (UTF-8, upper-case hex).
 */
export function wireTarget(target: string): RawTarget {
  if (!target.startsWith('/')) throw new TypeError('a target to sign must start with "/"')
  const { path, query } = splitTarget(target)
  return { path: wireEncode(path, PATH_SAFE), query: wireEncode(query, QUERY_SAFE) }
}

export function joinTarget(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`
}

/** Appends `name=value` pairs (values already URL-safe) after the existing query. */
export function appendParams(query: string, pairs: readonly (readonly [string, string])[]): string {
  const parts = pairs.map(([name, value]) => `${name}=${value}`)
  return (query === '' ? parts : [query, ...parts]).join('&')
}

/** The query without empty `&&` parts, the form the scheme that signs the query compares. */
export function compactQuery(query: string): string {
  return query
    .split('&')
    .filter((part) => part !== '')
    .join('&')
}

/** Percent-encodes a query value, keeping "/" and ":" readable (both are legal in a query). */
export function encodeQueryValue(value: string): string {
  return percentEncode(value).replace(/%2F/g, '/').replace(/%3A/g, ':')
}

export interface TakenParams {
  /** Decoded values of the taken parameters. */
  readonly values: ReadonlyMap<string, string>
  /** Taken names in the order they appeared. */
  readonly order: readonly string[]
  /** The other parameters, raw, in their order. */
  readonly rest: string
}

/**
 * Removes the scheme's parameters from a raw query. A repeated one or a bad escape in one is
 * malformed (a second value could otherwise smuggle a different meaning past the MAC).
 */
export function takeParams(
  query: string,
  owns: readonly string[] | ((name: string) => boolean),
): UrlVerdict<TakenParams> {
  const values = new Map<string, string>()
  const order: string[] = []
  let rest = ''
  // Part by part with indexOf, not split: no array of every part on each verify.
  for (let start = 0; start <= query.length;) {
    let end = query.indexOf('&', start)
    if (end < 0) end = query.length
    const part = query.slice(start, end)
    start = end + 1
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = formDecode(eq < 0 ? part : part.slice(0, eq))
    // A list of names is the hot path's form: no closure made per request.
    if (name === undefined || !(typeof owns === 'function' ? owns(name) : owns.includes(name))) {
      rest = rest === '' ? part : rest + '&' + part
      continue
    }
    const value = formDecode(eq < 0 ? '' : part.slice(eq + 1))
    if (value === undefined) return reject('TOKEN_INVALID', 'malformed', name)
    if (values.has(name)) return reject('TOKEN_INVALID', 'repeated', name)
    values.set(name, value)
    order.push(name)
  }
  return accept({ values, order, rest })
}

/** Whether a raw query already holds one of the names (signing refuses to add a second one). */
export function hasParam(
  query: string,
  owns: readonly string[] | ((name: string) => boolean),
): boolean {
  const taken = takeParams(query, owns)
  return !taken.ok || taken.value.order.length > 0
}

/** Throws when a target to sign already carries a parameter the scheme is about to add. */
export function assertFreeParams(query: string, names: readonly string[]): void {
  if (hasParam(query, (name) => names.includes(name)))
    throw new TypeError(`the target already carries one of ${names.join(', ')}`)
}
