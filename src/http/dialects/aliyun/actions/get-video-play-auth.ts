// GetVideoPlayAuth (aliyun-vod.md §9.1): a PlayAuth for one Normal video of the caller's account.
import type { AliyunAction } from '../dialect.ts'
import { readGetVideoPlayAuth, videoPlayAuthBody } from '../schemas.ts'

export const getVideoPlayAuth: AliyunAction = {
  name: 'GetVideoPlayAuth',
  limit: 360,
  limitNote: 'Aliyun documents 360.',
  deprecatedLimitSetting: 'aliyunGetVideoPlayAuthQps',
  async run(ctx) {
    const issued = await ctx.services.aliyunPlayback.issuePlayAuth({
      ...readGetVideoPlayAuth(ctx.request.params),
      tenantId: ctx.principal.tenantId,
    })
    return videoPlayAuthBody(issued)
  },
}
