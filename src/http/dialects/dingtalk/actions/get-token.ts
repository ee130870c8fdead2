// GET /gettoken?appkey&appsecret, the legacy `oapi` token API (dingtalk.md §1.2): the same token
// as the v1.0 API, answered with `errcode: 0` under HTTP 200.
import type { DingtalkAction } from '../dialect.ts'

export const getToken: DingtalkAction = {
  name: 'gettoken',
  limit: 20,
  limitNote: 'The legacy oapi token API.',
  route: { method: 'GET', url: '/gettoken' },
  async run({ request, services }) {
    const issued = await services.dingtalkTokens.issue(
      request.query.appkey ?? '',
      request.query.appsecret ?? '',
    )
    return {
      errcode: 0,
      access_token: issued.accessToken,
      errmsg: 'ok',
      expires_in: issued.expiresIn,
    }
  },
}
