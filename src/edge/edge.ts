// The edge's state, built once per listener (media and playlist caches, what authorization
// needs), and the step every edge route shares once routing has picked the candidate addresses:
// find the play domain, then serve it (a live stream, else a file or a rewritten playlist).
import type { Config } from '../config/schema.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import type { Services } from '../services/container.ts'
import { clientIpResolver } from './client-ip.ts'
import type { EdgeReply, EdgeRequest } from './exchange.ts'
import { createLiveEdge } from './live.ts'
import { createMediaCache } from './media-cache.ts'
import { createPlaylistCache } from './playlist-cache.ts'
import type { EdgeAddress } from './resolve.ts'
import { serveEdgeRequest, type EdgeContext } from './serve-request.ts'

export interface Edge {
  readonly context: EdgeContext
  /**
   * Serves the request for the first candidate address that names a play domain; false, with
   * nothing sent, when neither does.
   */
  serve(
    request: EdgeRequest,
    reply: EdgeReply,
    first: EdgeAddress | undefined,
    second: EdgeAddress | undefined,
  ): Promise<boolean>
  /** Serves the request for `domain`, found at `address` (a live stream, else a file). */
  serveDomain(
    request: EdgeRequest,
    reply: EdgeReply,
    domain: PlayDomainWithKeys,
    address: EdgeAddress,
  ): Promise<void>
}

export function createEdge(services: Services, config: Config): Edge {
  const context: EdgeContext = {
    services,
    config,
    playUrls: services.playUrls,
    media: createMediaCache(services.deps.resolveMedia),
    playlists: createPlaylistCache(),
    authorize: {
      crypto: services.deps.crypto,
      playUrls: services.playUrls,
      skewSeconds: config.edge.skewSeconds,
      decided: services.edgeControls.metrics,
      viewer: {
        crypto: services.deps.crypto,
        controls: services.edgeControls,
        sessions: services.viewerSessions,
        callbacks: services.authCallbacks,
        denied: (reason) => services.edgeControls.metrics.viewerDenied(reason),
      },
    },
    clientIp: clientIpResolver(config),
  }
  const live = createLiveEdge(context)

  async function serve(
    request: EdgeRequest,
    reply: EdgeReply,
    first: EdgeAddress | undefined,
    second: EdgeAddress | undefined,
  ): Promise<boolean> {
    let address = first
    let domain = first && (await services.playDomains.resolveHost(first.host))
    if (!domain && second) {
      address = second
      domain = await services.playDomains.resolveHost(second.host)
    }
    if (!domain || !address) return false
    await serveDomain(request, reply, domain, address)
    return true
  }

  async function serveDomain(
    request: EdgeRequest,
    reply: EdgeReply,
    domain: PlayDomainWithKeys,
    address: EdgeAddress,
  ): Promise<void> {
    const liveAnswer = live.serve(request, reply, domain, address)
    if (liveAnswer !== false && (await liveAnswer)) return
    await serveEdgeRequest(context, request, reply, domain, address)
  }

  return { context, serve, serveDomain }
}
