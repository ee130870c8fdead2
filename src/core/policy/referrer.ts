// Referrer host patterns for binding rules: `example.com` (that host), `*.example.com` (its
// subdomains, not the apex) and the explicit `none` (a request without a Referer header).

/** The pattern that matches a request with no Referer (players and apps often send none). */
export const NO_REFERRER = 'none'

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const HOST_PATTERN = new RegExp(`^(\\*\\.)?(${LABEL})(\\.${LABEL})*$`)

/** Whether `pattern` is a valid referrer pattern (lower case, at most 253 characters). */
export function isReferrerPattern(pattern: string): boolean {
  if (pattern === NO_REFERRER) return true
  return pattern.length <= 253 && HOST_PATTERN.test(pattern)
}

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i

/**
 * The host of a Referer header, lower case, without port or trailing dot; '' for a header that
 * is present but names no host (so it matches neither a host pattern nor `none`); undefined
 * when there is no header at all.
 */
export function referrerHost(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = URL_HOST.exec(header.trim())
  if (!match) return ''
  return match[1]!.toLowerCase().replace(/\.$/, '')
}

/** Whether a referrer host (from `referrerHost`) matches `pattern`. */
export function referrerMatches(pattern: string, host: string | undefined): boolean {
  if (pattern === NO_REFERRER) return host === undefined
  if (host === undefined || host === '') return false
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(1)
    return host.length > base.length && host.endsWith(base)
  }
  return host === pattern
}
