// GET …/{conferenceId}/cloudRecords/getTexts (dingtalk.md §4.5): a page of the transcript; each
// paragraph's `nextTtoken` is the `nextToken` of the page after it.
import type { DingtalkAction } from '../dialect.ts'
import { integer, optionalText, paragraphEntry, text } from '../schemas.ts'

export const queryCloudRecordText: DingtalkAction = {
  name: 'QueryCloudRecordText',
  limit: 40,
  route: {
    method: 'GET',
    url: '/v1.0/conference/videoConferences/:conferenceId/cloudRecords/getTexts',
  },
  async run({ request, principal, services }) {
    const q = request.query
    const page = await services.dingtalkConferences.texts(
      principal.tenantId,
      request.conferenceId,
      {
        unionId: text(q.unionId, 'unionId'),
        startTime: integer(q.startTime, 'startTime'),
        direction: optionalText(q.direction, 'direction'),
        maxResults: integer(q.maxResults, 'maxResults'),
        nextToken: integer(q.nextToken, 'nextToken'),
      },
    )
    return { hasMore: page.hasMore, paragraphList: page.paragraphs.map(paragraphEntry) }
  },
}
