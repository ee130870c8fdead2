// video-setting-save (polyv.md §6): set, change or clear (empty) the play password and the
// metadata of several vids at once; `data` is how many videos were updated. Unknown vids change
// nothing.
import type { PolyvAction } from '../dialect.ts'
import { data, optional, readVids } from '../schemas.ts'

export const videoSettingSave: PolyvAction = {
  name: 'video-setting-save',
  limit: 50,
  route: { method: 'POST', url: '/v2/video/:userid/video-setting-save' },
  async run({ request, principal, services }) {
    const vids = readVids(request)
    const updated = await services.polyvVideos.save(principal.tenantId, vids, {
      password: optional(request, 'password'),
      title: optional(request, 'title'),
      tag: optional(request, 'tag'),
      describ: optional(request, 'describ'),
      publishUrl: optional(request, 'publishUrl'),
    })
    return data(updated)
  },
}
