// GetVideoPlayAuth (aliyun-vod.md §9.1): a PlayAuth for one Normal video of the caller's account.
import type { ActionContext } from '../plugin.ts'
import { readGetVideoPlayAuth, videoPlayAuthBody, type GetVideoPlayAuthBody } from '../schemas.ts'

export async function getVideoPlayAuth(ctx: ActionContext): Promise<GetVideoPlayAuthBody> {
  const issued = await ctx.playback.issuePlayAuth({
    ...readGetVideoPlayAuth(ctx.params),
    tenantId: ctx.principal.tenantId,
  })
  return videoPlayAuthBody(issued)
}
