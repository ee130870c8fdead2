// POST …/videoConferences/{conferenceId}/cloudRecords/start and …/stop (dingtalk.md §4.2): the
// host starts or stops the conference's cloud recording; `mode` and `smallWindowPosition` are
// kept as given (their allowed values are UNCONFIRMED).
import type { DingtalkAction } from '../dialect.ts'
import { optionalText, text } from '../schemas.ts'

export const startCloudRecord: DingtalkAction = {
  name: 'StartCloudRecord',
  limit: 20,
  route: {
    method: 'POST',
    url: '/v1.0/conference/videoConferences/:conferenceId/cloudRecords/start',
  },
  async run({ request, principal, services }) {
    const { body } = request
    await services.dingtalkConferences.startRecording(principal.tenantId, request.conferenceId, {
      unionId: text(body.unionId, 'unionId'),
      mode: optionalText(body.mode, 'mode'),
      smallWindowPosition: optionalText(body.smallWindowPosition, 'smallWindowPosition'),
    })
    return { code: '0' }
  },
}

export const stopCloudRecord: DingtalkAction = {
  name: 'StopCloudRecord',
  limit: 20,
  route: {
    method: 'POST',
    url: '/v1.0/conference/videoConferences/:conferenceId/cloudRecords/stop',
  },
  async run({ request, principal, services }) {
    await services.dingtalkConferences.stopRecording(
      principal.tenantId,
      request.conferenceId,
      text(request.body.unionId, 'unionId'),
    )
    return { code: '0' }
  },
}
