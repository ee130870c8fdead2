// GetVideoInfo (aliyun-vod.md §9.3): a video's catalog entry, whatever its status.
import type { AliyunAction } from '../dialect.ts'
import { readGetVideoInfo, regionIdOf, videoInfoBody } from '../schemas.ts'

export const getVideoInfo: AliyunAction = {
  name: 'GetVideoInfo',
  limit: 360,
  deprecatedLimitSetting: 'aliyunGetVideoInfoQps',
  async run(ctx) {
    const params = ctx.request.params
    const video = await ctx.services.aliyunPlayback.videoInfo(
      ctx.principal.tenantId,
      readGetVideoInfo(params),
    )
    return videoInfoBody(video, regionIdOf(params))
  },
}
