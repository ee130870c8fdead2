// One edge request, after routing has found its domain: CORS, the authorization decision, then
// the file (ranges, validators) or the playlist rewritten so its URIs carry signatures.
import type { EdgeRequest, EdgeReply } from './exchange.ts'
import { AppError, isAppError } from '../core/errors.ts'
import { parseQuery, splitTarget } from '../core/encoding/query.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { isWithinScope } from '../core/schemes/url-common/path.ts'
import type { SignOptions } from '../core/schemes/url-scheme.ts'
import type { Config } from '../config/schema.ts'
import type { Services } from '../services/container.ts'
import type { PlayUrls } from '../services/play-urls.ts'
import { answerOptions, applyCors, effectiveOrigins } from './cors.ts'
import { sendEdgeError } from './errors.ts'
import { rewriteParsedPlaylist, signingQuery, withQuery, type ChildSigner } from './hls.ts'
import type { MediaCache, MediaFile } from './media-cache.ts'
import { MAX_PLAYLIST_BYTES, type PlaylistCache } from './playlist-cache.ts'
import type { EdgeAddress } from './resolve.ts'
import { contentTypeOf, isPlaylistPath, readRegularFile, serveFile } from './serve-file.ts'
import { authorizeRequest, noteRefusal, type AuthorizeDeps, type EdgeGrant } from './verify.ts'
import { countSessionBytes } from './session-bytes.ts'
import { serveWithViewerToken, viewerTokenOf } from './viewer-token.ts'

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** How long an open domain lets clients and proxies keep media; playlists always revalidate. */
const OPEN_MAX_AGE_SECONDS = 3600

export interface EdgeContext {
  readonly services: Services
  readonly config: Config
  readonly playUrls: PlayUrls
  readonly media: MediaCache
  readonly playlists: PlaylistCache
  /** What authorizeRequest needs, built once per edge. */
  readonly authorize: AuthorizeDeps
  /** The client address the edge trusts (edge.trustedProxies). */
  readonly clientIp: (request: EdgeRequest, forwarded?: string) => string
}

export const nowSeconds = (context: EdgeContext) =>
  Math.floor(context.services.deps.clock.now() / 1000)

/** Cache-Control for a response: a signed one may be kept only while its URL is valid. */
export function cacheControlFor(grant: EdgeGrant, now: number, playlist: boolean): string {
  if (!grant.signed) return playlist ? 'no-cache' : `public, max-age=${OPEN_MAX_AGE_SECONDS}`
  return `private, max-age=${Math.max(0, grant.signed.url.expiresAt - now)}`
}

const domainOrigins = new WeakMap<EdgeContext, WeakMap<PlayDomainWithKeys, readonly string[]>>()

/**
 * The origins CORS allows for `domain`, worked out once per loaded copy of the domain (the
 * domain cache hands out the same object until it reloads it).
 */
export function originsOf(context: EdgeContext, domain: PlayDomainWithKeys): readonly string[] {
  let byDomain = domainOrigins.get(context)
  if (!byDomain) domainOrigins.set(context, (byDomain = new WeakMap()))
  let origins = byDomain.get(domain)
  if (!origins) {
    origins = effectiveOrigins(domain.allowedOrigins, context.config.edge.corsOrigins)
    byDomain.set(domain, origins)
  }
  return origins
}

/**
 * The file at `relative` (decoded) under the media root, or NOT_FOUND (escapes included: nothing
 * to tell a prober).
 */
export async function mediaFileAt(context: EdgeContext, relative: string): Promise<MediaFile> {
  if (relative === '' || relative.endsWith('/')) throw new AppError('NOT_FOUND', 'not a file')
  let path: string
  try {
    path = await context.media.locate(relative)
  } catch (error) {
    throw new AppError('NOT_FOUND', 'media path not found or outside the root', { cause: error })
  }
  return context.media.file(path)
}

/** The file a grant names. */
export function mediaFile(context: EdgeContext, grant: EdgeGrant): Promise<MediaFile> {
  return mediaFileAt(context, grant.canonical.slice(1))
}

/**
 * What a re-signed child inherits from the URL that reached the playlist: its expiry (children
 * never outlive it), Tencent VOD limits, and the native scheme's IP binding and not-before.
 */
function childOptions(grant: EdgeGrant, target: string, clientIp: string): SignOptions {
  const { url, scheme } = grant.signed!
  const r = url.restrictions
  const options: { -readonly [K in keyof SignOptions]: SignOptions[K] } = {
    expiresAt: url.expiresAt,
  }
  if (r?.linkId !== undefined) options.linkId = r.linkId
  if (r?.previewSeconds !== undefined) options.previewSeconds = r.previewSeconds
  if (r?.maxClientIps !== undefined) options.maxClientIps = r.maxClientIps
  // Children keep the credential's random field and viewer: one credential, one session.
  if (r?.nonce !== undefined) options.rand = r.nonce
  if (r?.viewerId !== undefined) options.uid = r.viewerId
  if (scheme.name === 'nginx-secure-link') options.clientIp = clientIp
  if (scheme.name === 'native') {
    const params = new Map(parseQuery(signingQuery(target, url.origin)) ?? [])
    if (params.has('pg_ip')) options.clientIp = params.get('pg_ip')
    if (params.has('pg_nbf')) options.notBefore = Number(params.get('pg_nbf'))
  }
  return options
}

function childSigner(
  context: EdgeContext,
  domain: PlayDomainWithKeys,
  address: EdgeAddress,
  grant: EdgeGrant,
  clientIp: string,
): ChildSigner | undefined {
  const signed = grant.signed
  if (!signed) return undefined
  const { url, scheme } = signed
  const { target, prefix } = address
  const options = childOptions(grant, target, clientIp)
  const resign: ChildSigner = (child) => {
    try {
      return context.playUrls.signTarget(domain, child, domain.ttlSeconds, options, prefix).target
    } catch {
      return undefined
    }
  }
  const scope = url.scope
  const token = signingQuery(target, url.origin)
  if (scheme.propagation !== 'directory' || scope === undefined || token === '') return resign
  return (child) =>
    isWithinScope(splitTarget(child).path, scope) ? prefix + withQuery(child, token) : resign(child)
}

async function servePlaylist(
  context: EdgeContext,
  request: EdgeRequest,
  reply: EdgeReply,
  input: { domain: PlayDomainWithKeys; address: EdgeAddress; grant: EdgeGrant; file: MediaFile },
): Promise<boolean> {
  const { domain, address, grant, file } = input
  if (file.size > MAX_PLAYLIST_BYTES) return false
  const read = async () => (file.body ?? (await readRegularFile(file.path))).toString('utf8')
  let body: string
  try {
    body = rewriteParsedPlaylist(await context.playlists.parsed(file, read), {
      playlistPath: grant.path,
      prefix: address.prefix,
      sign:
        childSigner(context, domain, address, grant, context.clientIp(request)) ??
        (() => undefined),
      ...(grant.signed?.url.restrictions?.previewSeconds !== undefined
        ? { previewSeconds: grant.signed.url.restrictions.previewSeconds }
        : {}),
    })
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_PARAMETER') {
      request.log.warn({ err: error }, 'playlist not rewritable; served as stored')
      return false
    }
    throw error
  }
  const bytes = Buffer.from(body, 'utf8')
  void reply
    .status(200)
    .header('content-type', contentTypeOf(file.path))
    .header('content-length', String(bytes.length))
    .header('cache-control', cacheControlFor(grant, nowSeconds(context), true))
  void reply.send(request.method === 'HEAD' ? undefined : bytes)
  return true
}

/**
 * Answers a GET, HEAD or OPTIONS for `domain` (sent when the promise settles). Throws AppError
 * for NOT_FOUND and failures.
 */
export async function serveEdgeRequest(
  context: EdgeContext,
  request: EdgeRequest,
  reply: EdgeReply,
  domain: PlayDomainWithKeys,
  address: EdgeAddress,
): Promise<void> {
  const origins = originsOf(context, domain)
  if (request.method === 'OPTIONS') {
    answerOptions(request, reply, origins)
    return
  }
  applyCors(request, reply, origins)

  // A viewer token (Polyv playsafe, play-password unlock) instead of a signed URL.
  const token = viewerTokenOf(address.target)
  if (token !== undefined) {
    await serveWithViewerToken(context, request, reply, { domain, address, token })
    return
  }
  const now = nowSeconds(context)
  const clientIp = context.clientIp(request)
  const verdict = await authorizeRequest(
    {
      domain,
      address,
      now,
      clientIp,
      referer: single(request.headers.referer),
      userAgent: request.headers['user-agent'],
    },
    context.authorize,
  )
  if (!verdict.ok) {
    noteRefusal(request, reply, verdict, domain.host)
    sendEdgeError(reply, verdict.code)
    return
  }
  const grant = verdict.value
  if (grant.session)
    countSessionBytes(context.services.viewerSessions, request, reply, grant.session)
  if (!grant.refund) return serveGranted(context, request, reply, { domain, address, grant, now })
  // A usage-limited credential: a request that fails (404, 416, an error) uses nothing up.
  try {
    await serveGranted(context, request, reply, { domain, address, grant, now })
  } catch (error) {
    await grant.refund()
    throw error
  }
  if (reply.statusCode >= 400) await grant.refund()
}

/** Serves what a grant allows: the file, or a playlist rewritten with signed URIs. */
export async function serveGranted(
  context: EdgeContext,
  request: EdgeRequest,
  reply: EdgeReply,
  input: { domain: PlayDomainWithKeys; address: EdgeAddress; grant: EdgeGrant; now: number },
): Promise<void> {
  const { domain, address, grant, now } = input
  const file = context.media.cached(grant.canonical.slice(1)) ?? (await mediaFile(context, grant))
  const playlist = isPlaylistPath(file.path)
  if (playlist && (grant.signed !== null || address.prefix !== '')) {
    if (await servePlaylist(context, request, reply, { domain, address, grant, file })) return
  }
  await serveFile(request, reply, { file, cacheControl: cacheControlFor(grant, now, playlist) })
}
