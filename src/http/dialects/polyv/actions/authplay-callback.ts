// PlayGate as the customer's authorised-playback callback (polyv.md §8.4): the player GETs it with
// `vid`, `code` (here: a viewer token from the token API or the unlock flow) and `t`; the answer is
// `{status, username, sign}` with the documented MD5 sign, JSONP-wrapped when `callback` is given.
import { AppError } from '../../../../core/errors.ts'
import type { PolyvAction } from '../dialect.ts'
import { JSONP_NAME } from '../schemas.ts'

export const authplayCallback: PolyvAction = {
  name: 'authplay-callback',
  limit: 500,
  route: { method: 'GET', url: '/v2/video/:userid/authplay-callback' },
  async run({ request, principal, services }) {
    const p = request.params
    const vid = p.get('vid') ?? ''
    if (vid === '')
      throw new AppError('MISSING_PARAMETER', 'no vid', { details: { parameter: 'vid' } })
    const callback = p.get('callback') || undefined
    if (callback !== undefined && !JSONP_NAME.test(callback))
      throw new AppError('INVALID_PARAMETER', 'callback', { details: { parameter: 'callback' } })
    const answer = await services.polyvVideos.answerCallback({
      tenantId: principal.tenantId,
      secret: principal.secret,
      vid,
      code: p.get('code') ?? '',
      t: p.get('t') ?? '',
      clientIp: request.clientIp,
    })
    return { kind: 'callback', body: answer, jsonp: callback }
  },
}
