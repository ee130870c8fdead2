// GET …/{conferenceId}/cloudRecords/getVideos?unionId= (dingtalk.md §4.3): the recordings of a
// conference the user hosts or joined, with the mediaId and regionId getPlayInfos takes.
import type { DingtalkAction } from '../dialect.ts'
import { text, videoEntry } from '../schemas.ts'

export const queryCloudRecordVideo: DingtalkAction = {
  name: 'QueryCloudRecordVideo',
  limit: 40,
  route: {
    method: 'GET',
    url: '/v1.0/conference/videoConferences/:conferenceId/cloudRecords/getVideos',
  },
  async run({ request, principal, services }) {
    const recordings = await services.dingtalkConferences.recordings(
      principal.tenantId,
      request.conferenceId,
      text(request.query.unionId, 'unionId'),
    )
    return { videoList: recordings.map(videoEntry) }
  },
}
