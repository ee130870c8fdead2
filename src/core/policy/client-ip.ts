// The client address the edge trusts: the socket's peer, unless that peer is a configured
// trusted proxy, in which case X-Forwarded-For is read from the right, skipping trusted hops.
// Without a trusted-proxy list the header is never read (Emby's CVE-2021-25827 trusted it).
import { parseIp, parseIpRange, rangeContains, type IpRange } from '../schemes/url-common/ip.ts'

/** Parses a trusted-proxy list; throws TypeError naming the first invalid entry. */
export function parseTrustedProxies(entries: readonly string[]): IpRange[] {
  return entries.map((entry) => {
    const range = parseIpRange(entry.trim().toLowerCase())
    if (!range) throw new TypeError(`not an IP address or CIDR range: ${entry}`)
    return range
  })
}

function isTrusted(proxies: readonly IpRange[], address: string): boolean {
  const bytes = parseIp(address)
  return bytes !== undefined && proxies.some((range) => rangeContains(range, bytes))
}

/**
 * The client of a request whose socket peer is `peer`: `peer` itself unless it is trusted;
 * otherwise the right-most X-Forwarded-For entry that is not a trusted proxy (a malformed entry
 * stops the walk there: nothing left of it can be believed).
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  proxies: readonly IpRange[],
): string {
  if (proxies.length === 0 || forwardedFor === undefined || !isTrusted(proxies, peer)) return peer
  const hops = forwardedFor.split(',')
  let client = peer
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!.trim().toLowerCase()
    if (parseIp(hop) === undefined) return client
    client = hop
    if (!isTrusted(proxies, hop)) return hop
  }
  return client
}
