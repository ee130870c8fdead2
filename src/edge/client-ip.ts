// Which address the edge believes a request comes from: the socket's peer, or with
// `edge.trustedProxies` the last untrusted X-Forwarded-For hop (core/policy/client-ip.ts).
import type { EdgeRequest } from './exchange.ts'
import type { Config } from '../config/schema.ts'
import { splitList } from '../config/load.ts'
import { clientAddress, parseTrustedProxies } from '../core/policy/client-ip.ts'

/**
 * `forwarded` is an address a trusted data plane states for its client (nginx's
 * `X-Original-Remote-Addr`); it counts only from a trusted proxy when a list is configured.
 */
export function clientIpResolver(
  config: Config,
): (request: EdgeRequest, forwarded?: string) => string {
  const proxies = parseTrustedProxies(splitList(config.edge.trustedProxies))
  if (proxies.length === 0) return (request, forwarded) => forwarded ?? request.ip
  return (request, forwarded) => {
    const peer = request.socket.remoteAddress ?? request.ip
    const header = forwarded ?? request.headers['x-forwarded-for']
    return clientAddress(peer, Array.isArray(header) ? header.join(',') : header, proxies)
  }
}
