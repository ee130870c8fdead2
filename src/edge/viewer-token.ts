// Media requests that carry a viewer token (`?playsafe=<token>`: a Polyv playsafe token or a
// play-password unlock): the token must be valid for this client IP, this tenant's domain and its
// video's paths; a single-use one is used up only once the response is sure to be served.
// Playlists are rewritten so every child carries the token (or, single use, the domain's own
// signature until the token would have expired).
import { readFile } from 'node:fs/promises'
import type { EdgeRequest, EdgeReply } from './exchange.ts'
import { parseQuery, splitTarget } from '../core/encoding/query.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { canonicalPath } from '../core/schemes/url-common/path.ts'
import { isRevokedBy } from '../services/edge-controls.ts'
import { VIEWER_TOKEN_PARAM } from '../services/play-urls.ts'
import type { ViewerTokenRefusal } from '../services/viewer-tokens.ts'
import { sendEdgeError } from './errors.ts'
import { rewritePlaylist, withQuery, type ChildSigner } from './hls.ts'
import type { EdgeAddress } from './resolve.ts'
import { contentTypeOf, isPlaylistPath, parseRange, serveFile } from './serve-file.ts'
import { mediaFile, type EdgeContext } from './serve-request.ts'

/** The viewer token a target carries, if any (the first `playsafe` value). */
export function viewerTokenOf(target: string): string | undefined {
  const query = splitTarget(target).query
  if (!query.includes(VIEWER_TOKEN_PARAM + '=')) return undefined
  return parseQuery(query)?.find(([name]) => name === VIEWER_TOKEN_PARAM)?.[1]
}

export async function serveWithViewerToken(
  context: EdgeContext,
  request: EdgeRequest,
  reply: EdgeReply,
  input: { domain: PlayDomainWithKeys; address: EdgeAddress; token: string },
): Promise<void> {
  const { domain, address, token } = input
  const deny = (
    code: Parameters<typeof sendEdgeError>[1],
    reason: ViewerTokenRefusal | 'malformed-path' | 'revoked',
  ) => {
    request.log.info({ code, reason, host: domain.host }, 'denied')
    sendEdgeError(reply, code)
  }
  const rawPath = splitTarget(address.target).path
  const canonical = canonicalPath(rawPath)
  if (canonical === undefined) return deny('INVALID_PARAMETER', 'malformed-path')
  const tokens = context.services.viewerTokens
  const verdict = await tokens.check(token, {
    tenantId: domain.tenantId,
    path: canonical,
    clientIp: context.clientIp(request),
  })
  if (!verdict.ok) return deny(verdict.code, verdict.reason)
  const controls = await context.services.edgeControls.forDomain(domain)
  const probe = { canonical, credentialId: undefined, viewerId: undefined, keyId: undefined }
  if (!controls.empty && isRevokedBy(controls, probe, context.services.deps.clock.now()))
    return deny('TOKEN_REVOKED', 'revoked')
  const record = verdict.value
  const file = await mediaFile(context, { path: rawPath, canonical, signed: null })

  let playlistBody: Buffer | undefined
  if (isPlaylistPath(file.path)) {
    const text = file.body ? file.body.toString('utf8') : await readFile(file.path, 'utf8')
    const expiresAt = Math.floor(record.expiresAt / 1000)
    const sign: ChildSigner = record.disposable
      ? (child) =>
          domain.authEnabled
            ? context.playUrls.signTarget(
                domain,
                child,
                domain.ttlSeconds,
                { expiresAt },
                address.prefix,
              ).target
            : undefined
      : (child) => address.prefix + withQuery(child, `${VIEWER_TOKEN_PARAM}=${token}`)
    playlistBody = Buffer.from(
      rewritePlaylist(text, { playlistPath: rawPath, prefix: address.prefix, sign }),
      'utf8',
    )
  } else if (parseRange(request.headers.range, file.size).kind === 'unsatisfiable') {
    // Answered 416 by serveFile: a failing request does not use a single-use token up.
    await serveFile(request, reply, { file, cacheControl: 'private, no-store' })
    return
  }
  if (!(await tokens.consume(record))) return deny('TOKEN_REVOKED', 'token-used-up')
  if (playlistBody === undefined) {
    await serveFile(request, reply, { file, cacheControl: 'private, no-store' })
    return
  }
  void reply
    .status(200)
    .header('content-type', contentTypeOf(file.path))
    .header('content-length', String(playlistBody.length))
    .header('cache-control', 'private, no-store')
  void reply.send(request.method === 'HEAD' ? undefined : playlistBody)
}
