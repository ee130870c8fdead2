// Path canonicalisation for the schemes that compare paths by meaning (nginx `$uri`, directory and
// prefix scopes): decode once, then remove dot segments, so `..` cannot climb out of a scope.
import { percentDecode } from '../../encoding/percent.ts'

/**
 * RFC 3986 §5.2.4 remove_dot_segments for a path starting with "/"; `..` at the root stays at the
 * root. A final `.` or `..` leaves a trailing slash.
 */
export function removeDotSegments(path: string): string {
  // A dot segment follows a "/": without "/." there is none (nearly every request's path).
  if (path.startsWith('/') && !path.includes('/.')) return path
  const segments = path.split('/')
  const out: string[] = []
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!
    if (segment === '.' || segment === '..') {
      if (segment === '..') out.pop()
      if (i === segments.length - 1) out.push('')
    } else {
      out.push(segment)
    }
  }
  return '/' + out.join('/')
}

/**
 * The decoded, dot-free form of a raw path; undefined for a bad escape or invalid UTF-8.
 * The whole path is decoded before it is split, so `%2F` counts as a separator: the strict
 * reading, because it is the one under which `..%2F` could escape a scope.
 */
export function canonicalPath(
  raw: string,
  options: { mergeSlashes?: boolean } = {},
): string | undefined {
  const decoded = percentDecode(raw)
  if (decoded === undefined || !decoded.startsWith('/')) return undefined
  const merge = options.mergeSlashes === true && decoded.includes('//')
  return removeDotSegments(merge ? decoded.replace(/\/{2,}/g, '/') : decoded)
}

/** The directory of a path: everything up to and including its last "/". */
export function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1)
}

/** Whether a canonical path lies in a canonical scope ("/a/" holds "/a/x"; "/a" holds "/a" and "/a/x"). */
export function isWithin(path: string, scope: string): boolean {
  if (scope.endsWith('/')) return path.startsWith(scope)
  return path === scope || path.startsWith(scope + '/')
}

/**
 * Whether a raw request path lies in a `VerifiedUrl.scope`: what the edge asks before it passes
 * a directory-scoped token on to a sibling URI.
 */
export function isWithinScope(rawPath: string, scope: string): boolean {
  const path = canonicalPath(rawPath)
  return path !== undefined && isWithin(path, scope)
}

/**
 * The raw path, then its decoded form when that differs, decodes and holds no "%": the order the
 * MD5 schemes try them (url-signing.md §2). A decoded form with a "%" is left out, because it
 * could equal some other raw path: the token for raw `/%2541` (file `%41`) would otherwise also
 * verify raw `/%252541` (file `%2541`).
 */
export function pathVariants(raw: string): string[] {
  const decoded = percentDecode(raw)
  return decoded === undefined || decoded === raw || decoded.includes('%') ? [raw] : [raw, decoded]
}
