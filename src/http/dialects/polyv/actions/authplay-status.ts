// authplay-status (polyv.md §8.4): GET or POST; `vid` reads a video's authorised-playback switch
// (data 0 or 1), `vids` + `playauth` 0|1 sets it for several (data: how many were updated).
import { PolyvFault } from '../errors.ts'
import type { ActionContext } from '../../contract.ts'
import type { PolyvAction } from '../dialect.ts'
import type { PolyvPrincipal } from '../authenticate.ts'
import type { PolyvRequest } from '../parse.ts'
import { data, readFlag, readVids } from '../schemas.ts'

async function run({ request, principal, services }: ActionContext<PolyvRequest, PolyvPrincipal>) {
  const playauth = readFlag(request, 'playauth')
  if (request.params.has('vids') || playauth !== undefined) {
    if (playauth === undefined) throw new PolyvFault('playauth-missing')
    return data(
      await services.polyvVideos.setAuthplay(principal.tenantId, readVids(request), playauth),
    )
  }
  const vid = request.params.get('vid') ?? ''
  if (vid === '') throw new PolyvFault('vid-empty')
  return data(await services.polyvVideos.authplay(principal.tenantId, vid))
}

const route = '/v2/video/:userid/authplay-status'
export const authplayStatus: PolyvAction = {
  name: 'authplay-status',
  limit: 100,
  route: { method: 'GET', url: route },
  run,
}
/** The same endpoint by POST (its own name: one route per action). */
export const authplayStatusPost: PolyvAction = {
  name: 'authplay-status-post',
  limit: 100,
  route: { method: 'POST', url: route },
  run,
}
