// video-setting-page (polyv.md §5): each vid's play password, isShowPassword, qid and metadata.
// One vid answers an object as documented; several answer an array of them (PlayGate's reading).
import type { PolyvAction } from '../dialect.ts'
import { data, readVids, settingPageData } from '../schemas.ts'

export const videoSettingPage: PolyvAction = {
  name: 'video-setting-page',
  limit: 100,
  route: { method: 'GET', url: '/v2/video/:userid/video-setting-page' },
  async run({ request, principal, services }) {
    const vids = readVids(request)
    const settings = await services.polyvVideos.settings(principal.tenantId, vids)
    const items = settings.map(settingPageData)
    return data(items.length === 1 ? items[0] : items)
  },
}
