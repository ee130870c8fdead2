// POST /v1.0/oauth2/accessToken (dingtalk.md §1.1): `{accessToken, expireIn}` for an app's key and
// secret, the same token renewed while it is valid.
import type { DingtalkAction } from '../dialect.ts'

export const getAccessToken: DingtalkAction = {
  name: 'GetAccessToken',
  limit: 20,
  limitNote: 'DingTalk throttles frequent token requests; apps should cache the token.',
  route: { method: 'POST', url: '/v1.0/oauth2/accessToken' },
  async run({ request, services }) {
    const issued = await services.dingtalkTokens.issue(
      String(request.body.appKey),
      String(request.body.appSecret),
    )
    return { accessToken: issued.accessToken, expireIn: issued.expiresIn }
  },
}
