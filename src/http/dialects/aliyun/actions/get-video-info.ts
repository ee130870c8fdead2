// GetVideoInfo (aliyun-vod.md §9.3): a video's catalog entry, whatever its status.
import type { ActionContext } from '../plugin.ts'
import { readGetVideoInfo, videoInfoBody, type GetVideoInfoBody } from '../schemas.ts'

export async function getVideoInfo(ctx: ActionContext): Promise<GetVideoInfoBody> {
  const video = await ctx.playback.videoInfo(ctx.principal.tenantId, readGetVideoInfo(ctx.params))
  return videoInfoBody(video, ctx.regionId)
}
