// Playback URLs for a play domain: where a stream is addressed (the domain's own host, or the
// `/play/<host>/` prefix on PlayGate's edge), signing with the domain's scheme and primary key,
// and the per-URL state the edge checks beside a signature (Tencent `rlimit`).
import { toHex } from '../core/encoding/bytes.ts'
import { AppError } from '../core/errors.ts'
import type { PlayDomainWithKeys, Stream } from '../core/model.ts'
import { joinTarget, wireTarget } from '../core/schemes/url-common/target.ts'
import type { RingKey, SignOptions, UrlScheme } from '../core/schemes/url-scheme.ts'
import { urlScheme } from '../core/schemes/url-schemes.ts'
import type { Config } from '../config/schema.ts'
import type { ServiceDeps } from './deps.ts'

/**
 * Hosts that cannot be a public DNS name pointed at the edge (RFC 6761, RFC 6762, RFC 2606):
 * their URLs use the `/play/<host>/` prefix on PlayGate's own address instead.
 */
const LOCAL_ONLY_HOST =
  /(^|\.)(local|localhost|test|invalid|example|internal|lan|home\.arpa)$|(^|\.)example\.(com|net|org)$|^[^.]+$/

export function isLocalOnlyHost(host: string): boolean {
  return LOCAL_ONLY_HOST.test(host)
}

function loopback(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * Where PlayGate's edge is reached from outside: its own listener when `edge.port` is set, else
 * `http.publicUrl`, else the API's host and port. No trailing slash.
 */
export function edgeBaseUrl(config: Config): string {
  if (config.edge.port !== 0) return `http://${loopback(config.edge.host)}:${config.edge.port}`
  if (config.http.publicUrl !== '') return config.http.publicUrl.replace(/\/+$/, '')
  return `http://${loopback(config.http.host)}:${config.http.port}`
}

/** Where a domain's playback URLs start: an origin, and a path prefix ('' for the host form). */
export interface DomainBase {
  /** `http(s)://<domain host>`, or PlayGate's edge base for a local-only host. */
  readonly origin: string
  /** `/play/<host>` for a local-only host, else ''. Signed as part of every path. */
  readonly prefix: string
}

/**
 * `http(s)://<host>` for a real host name; `<edge base>` with the prefix `/play/<host>` for a
 * local-only one (the demo's `demo.playgate.local`).
 */
export function domainBase(domain: Pick<PlayDomainWithKeys, 'host'>, config: Config): DomainBase {
  const edge = edgeBaseUrl(config)
  if (isLocalOnlyHost(domain.host)) return { origin: edge, prefix: `/play/${domain.host}` }
  const protocol = edge.startsWith('https:') ? 'https' : 'http'
  return { origin: `${protocol}://${domain.host}`, prefix: '' }
}

/** The base every playback URL of `domain` starts with (origin and prefix). */
export function domainBaseUrl(domain: Pick<PlayDomainWithKeys, 'host'>, config: Config): string {
  const base = domainBase(domain, config)
  return base.origin + base.prefix
}

export function ringKeys(domain: Pick<PlayDomainWithKeys, 'keys'>): RingKey[] {
  return domain.keys.backup ? [domain.keys.primary, domain.keys.backup] : [domain.keys.primary]
}

export interface SignStreamUrlInput {
  readonly domain: PlayDomainWithKeys
  /** A stream, or a location: a path under the media root, or an http(s) origin URL. */
  readonly stream: Pick<Stream, 'location'> | string
  /** How long the URL stays valid; the domain's TTL by default. */
  readonly ttlSeconds?: number
  readonly options?: SignOptions
}

export interface SignedPlayUrl {
  readonly url: string
  /** The signed target as delivered (path and query, `/play/<host>` prefix included). */
  readonly target: string
  /** Unix seconds. Nominal for a domain with auth disabled, whose URLs never expire. */
  readonly expiresAt: number
}

const ORIGIN_URL = /^(https?:\/\/[^/?#]+)(\/[^#]*)?$/i

/** A location with a scheme (an origin URL) is not a file the edge serves. */
export function isOriginLocation(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(location)
}

/** The query parameter that carries a viewer token (playsafe, unlock) on a media URL. */
export const VIEWER_TOKEN_PARAM = 'playsafe'

/** Signing only (no shared state): what the CLI uses without a catalog. */
export function createPlayUrlSigner(deps: Pick<ServiceDeps, 'crypto' | 'clock' | 'config'>) {
  const nowSeconds = () => Math.floor(deps.clock.now() / 1000)

  /**
   * Signs `target` (path and query under the domain) as it will be delivered: behind `prefix`
   * (`/play/<host>`, or '' under the domain's own host), which a scheme that hashes the path
   * hashes too, so the URL verifies by the vendor's formula as handed out. Returns the whole
   * delivered target, prefix included.
   */
  function signTarget(
    domain: PlayDomainWithKeys,
    target: string,
    ttlSeconds: number,
    options: SignOptions = {},
    prefix = '',
  ): { target: string; expiresAt: number } {
    const now = nowSeconds()
    const expiresAt = options.expiresAt ?? now + ttlSeconds
    try {
      if (!domain.authEnabled) {
        const wire = wireTarget(target)
        return { target: prefix + joinTarget(wire.path, wire.query), expiresAt }
      }
      const scheme: UrlScheme = urlScheme(domain.scheme)
      const mount = scheme.signsPath ? prefix : ''
      const scoped =
        options.pathPrefix !== undefined ? { pathPrefix: mount + options.pathPrefix } : {}
      const signed = scheme.sign(
        {
          target: mount + target,
          key: domain.keys.primary,
          now,
          ttlSeconds: domain.ttlSeconds,
          options: { ...options, ...scoped, expiresAt },
        },
        deps.crypto,
      )
      return { target: (scheme.signsPath ? '' : prefix) + signed, expiresAt }
    } catch (error) {
      if (error instanceof TypeError)
        throw new AppError('INVALID_PARAMETER', `cannot sign ${target}: ${error.message}`, {
          cause: error,
        })
      throw error
    }
  }

  return {
    /**
     * The playback URL of a stream under `domain`, signed with its scheme and primary key (or
     * left unsigned when the domain's auth is off). An http(s) origin location keeps its own
     * host and is signed the same way, for a CDN that verifies the domain's scheme.
     */
    signStreamUrl(input: SignStreamUrlInput): SignedPlayUrl {
      const location = typeof input.stream === 'string' ? input.stream : input.stream.location
      const ttl = input.ttlSeconds ?? input.domain.ttlSeconds
      if (!(ttl > 0)) throw new AppError('INVALID_PARAMETER', 'ttlSeconds must be positive')
      const origin = ORIGIN_URL.exec(location)
      if (origin) {
        const signed = signTarget(input.domain, origin[2] ?? '/', ttl, input.options)
        return { url: origin[1]! + signed.target, ...signed }
      }
      if (isOriginLocation(location) || location.startsWith('/'))
        throw new AppError('INVALID_PARAMETER', 'a stream location must be relative or http(s)', {
          details: { parameter: 'location' },
        })
      const base = domainBase(input.domain, deps.config)
      const signed = signTarget(input.domain, '/' + location, ttl, input.options, base.prefix)
      return { url: base.origin + signed.target, ...signed }
    },
    /**
     * The edge URL of a stream file under `domain` carrying a viewer token instead of a
     * signature (`?playsafe=`): the edge checks the token, whatever the domain's scheme.
     */
    tokenStreamUrl(domain: PlayDomainWithKeys, stream: Pick<Stream, 'location'>, token: string) {
      if (isOriginLocation(stream.location) || stream.location.startsWith('/'))
        throw new AppError('INVALID_PARAMETER', 'a viewer token opens edge media only', {
          details: { parameter: 'location' },
        })
      const wire = wireTarget('/' + stream.location)
      const query = [wire.query, `${VIEWER_TOKEN_PARAM}=${token}`].filter((q) => q !== '')
      return domainBaseUrl(domain, deps.config) + joinTarget(wire.path, query.join('&'))
    },
    /** Signs any target under the domain (`/dir/file.ts?x=1`): the edge's playlist children. */
    signTarget,
  }
}

export function createPlayUrls(deps: Pick<ServiceDeps, 'crypto' | 'clock' | 'config' | 'state'>) {
  const nowSeconds = () => Math.floor(deps.clock.now() / 1000)
  const skew = () => deps.config.edge.skewSeconds

  return {
    ...createPlayUrlSigner(deps),
    /**
     * Tencent VOD key `rlimit`: admits `clientIp` for the URL `link` while at most `max`
     * distinct addresses used it; state lives until the URL expires.
     */
    async admitClient(
      domainId: string,
      link: string,
      clientIp: string,
      max: number,
      expiresAt: number,
    ): Promise<boolean> {
      const ttl = Math.max(1, expiresAt + skew() - nowSeconds())
      const digest = toHex(deps.crypto.hash('sha256', link)).slice(0, 32)
      const ipKey = `edge:rlimit:${domainId}:${digest}:${clientIp}`
      if (!(await deps.state.remember(ipKey, ttl))) return true
      const { count } = await deps.state.increment(`edge:rlimit:${domainId}:${digest}`, ttl)
      if (count <= max) return true
      await deps.state.delete(ipKey)
      return false
    },
  }
}

export type PlayUrls = ReturnType<typeof createPlayUrls>
