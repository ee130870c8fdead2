// The playsafe token API (polyv.md §8.2), MD5-signed: a credential for one video, viewer and
// viewer IP (the caller's by default) that the edge accepts as `?playsafe=` on that video's media.
import { AppError } from '../../../../core/errors.ts'
import type { PolyvAction } from '../dialect.ts'
import { data, readFlag, tokenData } from '../schemas.ts'

const INTEGER = /^\d{1,9}$/

export const token: PolyvAction = {
  name: 'token',
  limit: 200,
  route: { method: 'POST', url: '/service/v1/token' },
  async run({ request, principal, services, clock }) {
    const p = request.params
    const vid = p.get('videoId') ?? ''
    if (vid === '')
      throw new AppError('MISSING_PARAMETER', 'no videoId', { details: { parameter: 'videoId' } })
    const expires = p.get('expires') || undefined
    if (expires !== undefined && !INTEGER.test(expires))
      throw new AppError('INVALID_PARAMETER', 'expires', { details: { parameter: 'expires' } })
    const iswxa = readFlag(request, 'iswxa')
    const type = p.get('type') || 'WEB'
    if (type !== 'WEB' && type !== 'NATIVE')
      throw new AppError('INVALID_PARAMETER', 'type', { details: { parameter: 'type' } })
    const video = await services.polyvVideos.resolveVid(principal.tenantId, vid)
    const issued = await services.playsafeTokens.issue({
      tenantId: principal.tenantId,
      videoId: video.id,
      viewerId: p.get('viewerId') ?? '',
      viewerIp: p.get('viewerIp') || request.clientIp,
      viewerName: p.get('viewerName') ?? '',
      extraParams: p.get('extraParams') ?? '',
      ...(expires !== undefined ? { expires: Number(expires) } : {}),
      disposable: readFlag(request, 'disposable') ?? false,
      iswxa: iswxa ? 1 : 0,
      type,
    })
    return data(tokenData(issued, principal.userid, vid, clock.now()))
  },
}
