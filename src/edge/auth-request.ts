// `GET /edge/auth` for nginx `auth_request` (and any data plane that asks before serving):
// verifies `X-Original-URI` for its host with the domain's scheme. 204 allows; every refusal is
// 403, because nginx turns any other status into a 500 for its client.
import type { EdgeRequest, EdgeReply } from './exchange.ts'
import type { ErrorCode } from '../core/errors.ts'
import { prefixAddress, hostAddress } from './resolve.ts'
import { nowSeconds, type EdgeContext } from './serve-request.ts'
import { authorizeRequest, noteRefusal } from './verify.ts'

export const AUTH_REQUEST_PATH = '/edge/auth'

function single(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function refuse(reply: EdgeReply, code: ErrorCode): void {
  void reply
    .status(403)
    .header('x-error-code', code)
    .header('cache-control', 'no-store')
    .header('content-type', 'text/plain; charset=utf-8')
    .send('Forbidden\n')
}

/**
 * Headers read: `X-Original-URI` (nginx `$request_uri`), `X-Original-Host` (else `Host`), and
 * `X-Original-Remote-Addr` (for IP-bound URLs; else the caller's address). On success the 204
 * carries `X-Media-Path` (the decoded path without in-path signing segments, for
 * `auth_request_set`) and a Cache-Control bounded by the URL's validity.
 */
export async function answerAuthRequest(
  context: EdgeContext,
  request: EdgeRequest,
  reply: EdgeReply,
): Promise<void> {
  const uri = single(request, 'x-original-uri')
  if (uri === undefined || uri === '') return refuse(reply, 'MISSING_PARAMETER')
  const address =
    prefixAddress(uri) ??
    hostAddress(uri, single(request, 'x-original-host') ?? single(request, 'host'))
  if (!address) return refuse(reply, 'INVALID_PARAMETER')
  const domain = await context.services.playDomains.resolveHost(address.host)
  if (!domain) return refuse(reply, 'NOT_FOUND')

  const now = nowSeconds(context)
  const forwarded = single(request, 'x-original-remote-addr')
  const verdict = await authorizeRequest(
    {
      domain,
      address,
      now,
      clientIp: context.clientIp(request, forwarded),
      referer: single(request, 'x-original-referer'),
      userAgent: single(request, 'x-original-user-agent'),
    },
    context.authorize,
  )
  if (!verdict.ok) {
    noteRefusal(request, reply, verdict, domain.host)
    return refuse(reply, verdict.code)
  }
  const signed = verdict.value.signed
  const maxAge = signed ? Math.max(0, signed.url.expiresAt - now) : 0
  void reply
    .status(204)
    .header('x-media-path', encodeURI(verdict.value.canonical))
    .header('cache-control', signed ? `private, max-age=${maxAge}` : 'no-cache')
    .send()
}
