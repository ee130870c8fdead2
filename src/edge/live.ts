// Live streams at the edge: `/{App}/{Stream}.m3u8` and everything under `/{App}/{Stream}/`, from
// the folder a live origin writes or from an upstream origin. Playlists are read fresh (the media
// cache re-checks a file every second; upstream ones are reused for half a second) and rewritten so
// each URI they name is served under the stream with the same credential.
import { readFile } from 'node:fs/promises'
import type { EdgeRequest, EdgeReply } from './exchange.ts'
import { AppError } from '../core/errors.ts'
import { splitTarget } from '../core/encoding/query.ts'
import { parsePlaylist, type UriSpan } from '../core/hls/parse-playlist.ts'
import { serializePlaylist } from '../core/hls/serialize-playlist.ts'
import type { LiveStream, PlayDomainWithKeys } from '../core/model.ts'
import { canonicalPath, isWithinScope } from '../core/schemes/url-common/path.ts'
import { applyCors } from './cors.ts'
import { sendEdgeError } from './errors.ts'
import { signingQuery, withQuery } from './hls.ts'
import type { EdgeAddress } from './resolve.ts'
import { contentTypeOf, serveFile } from './serve-file.ts'
import { mediaFileAt, nowSeconds, originsOf, type EdgeContext } from './serve-request.ts'
import { createUpstream, type Upstream } from './live-upstream.ts'
import { countSessionBytes } from './session-bytes.ts'
import { authorizeRequest, noteRefusal, type EdgeGrant } from './verify.ts'

/** Where local locations are resolved as URLs, so local and upstream follow one rule. */
const LOCAL = 'http://media.invalid/'
const MAX_PLAYLIST_BYTES = 8 * 1024 * 1024
const PLAYLIST = /\.m3u8?$/i

export interface LiveRoute {
  readonly appName: string
  readonly streamName: string
  /** `playlist`: `/{App}/{Stream}.m3u8`; `flv`: `.flv`; `child`: `/{App}/{Stream}/{rest}`. */
  readonly kind: 'playlist' | 'flv' | 'child'
  /** For `child`: the decoded path under the stream. */
  readonly rest: string
}

/** The live stream a canonical (decoded, dot-free) path names, if it has a live shape. */
export function liveRouteOf(canonical: string): LiveRoute | undefined {
  const segments = canonical.split('/')
  const [, appName, second] = segments
  if (!appName || !second) return undefined
  if (segments.length === 3) {
    const m = /^(.+)\.(m3u8|flv)$/i.exec(second)
    if (!m) return undefined
    const kind = m[2]!.toLowerCase() === 'flv' ? 'flv' : 'playlist'
    return { appName, streamName: m[1]!, kind, rest: '' }
  }
  const rest = segments.slice(3).join('/')
  if (rest === '' || rest.endsWith('/')) return undefined
  return { appName, streamName: second, kind: 'child', rest }
}

/** Whether the request target has a live stream's shape (a path the live edge would look up). */
export function hasLiveShape(target: string): boolean {
  const canonical = canonicalPath(splitTarget(target).path)
  return canonical !== undefined && liveRouteOf(canonical) !== undefined
}

/** The playlist's URL: the upstream URL, or the local path under a stand-in origin. */
function locationUrl(stream: LiveStream): URL {
  return new URL(stream.location, LOCAL)
}

/**
 * A folder shared by several streams (nginx-rtmp without `hls_nested`, SRS's default
 * `[app]/[stream].m3u8`): the playlist is named after the stream, so a credential for one stream
 * reaches only files named `<Stream>-…`, `<Stream>_…` or `<Stream>.…` there.
 */
function allowedChild(stream: LiveStream, rest: string): boolean {
  const base = locationUrl(stream).pathname.split('/').pop() ?? ''
  const shared = base.replace(PLAYLIST, '') === stream.streamName
  if (!shared) return true
  const first = rest.split('/')[0] ?? ''
  return ['-', '_', '.'].some((c) => first.startsWith(stream.streamName + c))
}

export function createLiveEdge(context: EdgeContext, upstream: Upstream = createUpstream()) {
  const { services } = context

  /** The URI to emit for a playlist entry, or undefined to leave it as written. */
  function rewriteUri(
    span: UriSpan,
    resource: URL,
    folder: URL,
    base: string,
    sign: (target: string) => string | undefined,
  ): string | undefined {
    let child: URL
    try {
      child = new URL(span.value, resource)
    } catch {
      return undefined
    }
    if (child.origin !== folder.origin || !child.pathname.startsWith(folder.pathname))
      return undefined
    return sign(base + child.pathname.slice(folder.pathname.length) + child.search)
  }

  /** Signs a child under the domain, as delivered (prefix included). */
  function signer(
    domain: PlayDomainWithKeys,
    grant: EdgeGrant,
    address: EdgeAddress,
  ): (child: string) => string | undefined {
    const { prefix } = address
    const signed = grant.signed
    if (!signed) return (child) => prefix + child
    const { url, scheme } = signed
    const token = signingQuery(address.target, url.origin)
    if (scheme.propagation === 'directory' && url.scope !== undefined && token !== '')
      return (child) =>
        isWithinScope(splitTarget(child).path, url.scope!)
          ? prefix + withQuery(child, token)
          : undefined
    return (child) => {
      try {
        const options = { expiresAt: url.expiresAt }
        return services.playUrls.signTarget(domain, child, domain.ttlSeconds, options, prefix)
          .target
      } catch {
        return undefined
      }
    }
  }

  async function playlistText(stream: LiveStream, resource: URL): Promise<string> {
    if (resource.origin !== new URL(LOCAL).origin) return upstream.playlist(resource.href)
    const file = await localFile(resource)
    if (file.size > MAX_PLAYLIST_BYTES) throw new AppError('NOT_FOUND', 'playlist too large')
    return file.body ? file.body.toString('utf8') : readFile(file.path, 'utf8')
  }

  const localFile = (resource: URL) =>
    mediaFileAt(context, decodeURIComponent(resource.pathname.slice(1)))

  /**
   * Serves a live stream's request; false when the request is not one. A path without a live
   * shape (most files) is told at once, without a promise.
   */
  function serve(
    request: EdgeRequest,
    reply: EdgeReply,
    domain: PlayDomainWithKeys,
    address: EdgeAddress,
  ): false | Promise<boolean> {
    if (request.method === 'OPTIONS') return false
    const { path, query } = splitTarget(address.target)
    const canonical = canonicalPath(path)
    const route = canonical === undefined ? undefined : liveRouteOf(canonical)
    if (!route) return false
    return serveRoute(request, reply, { domain, address, route, query })
  }

  async function serveRoute(
    request: EdgeRequest,
    reply: EdgeReply,
    input: { domain: PlayDomainWithKeys; address: EdgeAddress; route: LiveRoute; query: string },
  ): Promise<boolean> {
    const { domain, address, route, query } = input
    if (!(await services.liveStreams.hasStreams(domain.id))) return false
    const stream = await services.liveStreams.resolve(domain.id, route.appName, route.streamName)
    if (!stream) return false

    applyCors(request, reply, originsOf(context, domain))
    const now = nowSeconds(context)
    const verdict = await authorizeRequest(
      {
        domain,
        address,
        now,
        clientIp: context.clientIp(request),
        referer: request.headers.referer,
        userAgent: request.headers['user-agent'],
      },
      context.authorize,
    )
    if (!verdict.ok) {
      noteRefusal(request, reply, verdict, domain.host)
      sendEdgeError(reply, verdict.code)
      return true
    }
    const grant = verdict.value
    if (grant.session) countSessionBytes(services.viewerSessions, request, reply, grant.session)
    if (!stream.enabled) throw new AppError('FORBIDDEN', 'live stream is disabled')
    // HTTP-FLV is the origin's own business (SRS, nginx-http-flv); the edge serves HLS.
    if (route.kind === 'flv') throw new AppError('NOT_FOUND', 'the edge serves live HLS only')
    if (route.kind === 'child' && !allowedChild(stream, route.rest))
      throw new AppError('NOT_FOUND', 'not a file of this stream')

    const playlist = locationUrl(stream)
    const folder = new URL('.', playlist)
    const originQuery = grant.signed ? splitTarget(grant.signed.url.origin).query : query
    const resource =
      route.kind === 'playlist'
        ? playlist
        : new URL(
            route.rest.split('/').map(encodeURIComponent).join('/') +
              (originQuery ? `?${originQuery}` : ''),
            folder,
          )
    const base = `/${stream.appName}/${stream.streamName}/`

    if (route.kind === 'playlist' || PLAYLIST.test(resource.pathname)) {
      const text = await playlistText(stream, resource)
      const sign = signer(domain, grant, address)
      let body: string
      try {
        body = serializePlaylist(parsePlaylist(text), (span) =>
          rewriteUri(span, resource, folder, base, sign),
        )
      } catch (error) {
        throw new AppError('UNAVAILABLE', 'live playlist could not be rewritten', { cause: error })
      }
      const bytes = Buffer.from(body, 'utf8')
      void reply
        .status(200)
        .header('content-type', 'application/vnd.apple.mpegurl')
        .header('content-length', String(bytes.length))
        // A live playlist changes every target duration: players and proxies must ask again.
        .header('cache-control', 'no-cache')
        .send(request.method === 'HEAD' ? undefined : bytes)
      return true
    }

    const cacheControl = grant.signed
      ? `private, max-age=${Math.max(0, Math.min(grant.signed.url.expiresAt - now, 86_400))}`
      : 'public, max-age=3600'
    if (resource.origin === new URL(LOCAL).origin) {
      await serveFile(request, reply, { file: await localFile(resource), cacheControl })
      return true
    }
    const range = request.headers.range
    const answer = await upstream.segment(resource.href, range, request.method === 'HEAD')
    void reply.status(answer.status)
    for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value)
    void reply.header('cache-control', cacheControl)
    if (answer.headers['content-type'] === undefined)
      void reply.header('content-type', contentTypeOf(resource.pathname))
    await reply.send(answer.body)
    return true
  }

  return { serve, upstream }
}

export type LiveEdge = ReturnType<typeof createLiveEdge>
