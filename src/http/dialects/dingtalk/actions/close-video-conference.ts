// DELETE /v1.0/conference/videoConferences/{conferenceId}?unionId= (dingtalk.md §4): the host
// ends the conference; `{cause, code}` with `code` a number.
import type { DingtalkAction } from '../dialect.ts'
import { text } from '../schemas.ts'

export const closeVideoConference: DingtalkAction = {
  name: 'CloseVideoConference',
  limit: 20,
  route: { method: 'DELETE', url: '/v1.0/conference/videoConferences/:conferenceId' },
  async run({ request, principal, services }) {
    await services.dingtalkConferences.close(
      principal.tenantId,
      request.conferenceId,
      text(request.query.unionId, 'unionId'),
    )
    return { cause: 'success', code: 0 }
  },
}
