// get-playsafe (polyv.md §8.5): the account's `encrypt` and `hlslevel` ("0" and open until set).
import type { PolyvAction } from '../dialect.ts'
import { data } from '../schemas.ts'

export const getPlaysafe: PolyvAction = {
  name: 'get-playsafe',
  limit: 100,
  route: { method: 'GET', url: '/v2/setting/:userid/get-playsafe' },
  async run({ principal, services }) {
    const settings = await services.polyvVideos.playsafe(principal.tenantId)
    return data({ encrypt: settings.encrypt ? '1' : '0', hlslevel: settings.hlsLevel })
  },
}
