// set-playsafe (polyv.md §8.5): the account's `encrypt` ("1"/"0", new uploads only) and
// `hlslevel` (open | web | app | wxa_app; anything else is `hlslevel error`).
import type { PolyvAction } from '../dialect.ts'
import { data, optional, readFlag } from '../schemas.ts'

export const setPlaysafe: PolyvAction = {
  name: 'set-playsafe',
  limit: 20,
  route: { method: 'POST', url: '/v2/setting/:userid/set-playsafe' },
  async run({ request, principal, services }) {
    const hlsLevel = optional(request, 'hlslevel')
    const saved = await services.polyvVideos.setPlaysafe(principal.tenantId, {
      encrypt: readFlag(request, 'encrypt'),
      hlsLevel: hlsLevel === '' ? undefined : hlsLevel,
    })
    return data({ encrypt: saved.encrypt ? '1' : '0', hlslevel: saved.hlsLevel })
  },
}
