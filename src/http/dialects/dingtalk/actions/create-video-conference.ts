// POST /v1.0/conference/videoConferences (dingtalk.md §4.1): the initiator (`userId`, a unionId)
// hosts a new conference with its invitees.
import type { DingtalkAction } from '../dialect.ts'
import { text, textList } from '../schemas.ts'

export const createVideoConference: DingtalkAction = {
  name: 'CreateVideoConference',
  limit: 20,
  route: { method: 'POST', url: '/v1.0/conference/videoConferences' },
  async run({ request, principal, services }) {
    const { body } = request
    const { conference, state } = await services.dingtalkConferences.create(principal.tenantId, {
      unionId: text(body.userId, 'userId'),
      title: text(body.confTitle, 'confTitle'),
      inviteUnionIds: textList(body.inviteUserIds, 'inviteUserIds'),
    })
    return { conferenceId: conference.id, roomCode: state.roomCode ?? '' }
  },
}
