// Which play domain a request is for: the `/play/<host>/…` prefix (one host for local use, no
// DNS), else the Host header (the domain's own name pointed at the edge).
import type { PlayDomainWithKeys } from '../core/model.ts'
import { normalizeHost } from '../services/play-domains.ts'

/** Path prefix of the shared-host form: `<base>/play/<domain host>/<path under the domain>`. */
export const PLAY_PREFIX = '/play/'

export interface EdgeAddress {
  /** The domain host as the request named it (prefix segment or Host header), normalised. */
  readonly host: string
  /** What precedes the domain-relative target in this request: `/play/<host>` or ''. */
  readonly prefix: string
  /** The request target under the domain: path (still percent-encoded) and query. */
  readonly target: string
}

const HOST_SEGMENT = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/

/** The prefix form, or undefined when `url` does not start with `/play/<host>/`. */
export function prefixAddress(url: string): EdgeAddress | undefined {
  if (!url.startsWith(PLAY_PREFIX)) return undefined
  const slash = url.indexOf('/', PLAY_PREFIX.length)
  if (slash < 0) return undefined
  const segment = url.slice(PLAY_PREFIX.length, slash)
  if (!HOST_SEGMENT.test(segment)) return undefined
  return { host: normalizeHost(segment), prefix: url.slice(0, slash), target: url.slice(slash) }
}

/** The Host-header form. */
export function hostAddress(url: string, hostHeader: string | undefined): EdgeAddress | undefined {
  if (hostHeader === undefined || hostHeader === '' || !url.startsWith('/')) return undefined
  return { host: normalizeHost(hostHeader), prefix: '', target: url }
}

export interface DomainLookup {
  resolveHost(host: string): Promise<PlayDomainWithKeys | undefined>
}
