// An edge request decided from memory, within node:http's 'request' event and without a promise,
// when all it needs is held: the play domain, the tenant's viewer controls (none for the domain)
// and, to answer it here too, the file's bytes. The general path (Edge.serve) awaits each of
// those, about ten async steps a request, which over sockets cost more than the work itself.
// What this path does not cover it leaves to the general path before anything is decided or
// counted, so the signature is checked once, after which the viewer controls (known empty) admit
// it as checkViewer would; every answer, header, log line and metric is the general path's.
import type { Refusal } from '../core/errors.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import type { LeanRequest } from './exchange.ts'
import { hasLiveShape } from './live.ts'
import type { MediaFile } from './media-cache.ts'
import type { EdgeAddress } from './resolve.ts'
import { isPlaylistPath } from './serve-file.ts'
import { cacheControlFor, nowSeconds, type EdgeContext } from './serve-request.ts'
import { authorizeWithoutControls, type EdgeGrant, type EdgeRefusal } from './verify.ts'
import { viewerTokenOf } from './viewer-token.ts'

/** What the memory path decided, or where the general path takes over. */
export type FromMemory =
  /** Nothing held for the request's host: the general path from the start. */
  | undefined
  /** The domain is held; the general path goes on from there (Edge.serveDomain). */
  | { readonly kind: 'domain'; readonly domain: PlayDomainWithKeys; readonly address: EdgeAddress }
  | {
      readonly kind: 'refused'
      readonly domain: PlayDomainWithKeys
      readonly refusal: Refusal<EdgeRefusal>
    }
  /** Allowed, but the file is not held (or is a playlist to rewrite): serveGranted sends it. */
  | {
      readonly kind: 'granted'
      readonly domain: PlayDomainWithKeys
      readonly address: EdgeAddress
      readonly grant: EdgeGrant
      readonly now: number
    }
  /** Allowed, and the held bytes of `file` are the whole answer (200). */
  | {
      readonly kind: 'file'
      readonly domain: PlayDomainWithKeys
      readonly file: MediaFile
      readonly cacheControl: string
    }

/** Request fields that make an answer depend on more than the file (304, 206, 416). */
function isConditional(request: LeanRequest): boolean {
  const { headers } = request
  return (
    headers.range !== undefined ||
    headers['if-none-match'] !== undefined ||
    headers['if-modified-since'] !== undefined
  )
}

/**
 * Decides a GET or HEAD for the domain `address` names from memory where it can. Only the first
 * candidate address is tried (a request whose first names no held domain takes the general path).
 */
export function decideFromMemory(
  context: EdgeContext,
  request: LeanRequest,
  address: EdgeAddress | undefined,
): FromMemory {
  if (!address) return undefined
  const { services } = context
  const domain = services.playDomains.cachedHost(address.host)
  if (!domain) return undefined
  const { target } = address
  const held =
    (request.method === 'GET' || request.method === 'HEAD') &&
    !isConditional(request) &&
    !(hasLiveShape(target) && !services.liveStreams.knownWithoutStreams(domain.id)) &&
    viewerTokenOf(target) === undefined &&
    services.edgeControls.cachedForDomain(domain)?.empty === true
  if (!held) return { kind: 'domain', domain, address }

  const now = nowSeconds(context)
  const verdict = authorizeWithoutControls(
    {
      domain,
      address,
      now,
      clientIp: context.clientIp(request),
      referer: undefined,
      userAgent: undefined,
    },
    context.authorize,
  )
  if (verdict === undefined) return { kind: 'domain', domain, address }
  if (!verdict.ok) return { kind: 'refused', domain, refusal: verdict }
  const grant = verdict.value
  const file = context.media.cached(grant.canonical.slice(1))
  const playlist = file !== undefined && isPlaylistPath(file.path)
  // A playlist is rewritten (its URIs signed) unless the domain is open and not under a prefix.
  if (!file?.body || (playlist && (grant.signed !== null || address.prefix !== '')))
    return { kind: 'granted', domain, address, grant, now }
  return { kind: 'file', domain, file, cacheControl: cacheControlFor(grant, now, playlist) }
}
