// GetPlayInfo (aliyun-vod.md §9.2, §11): signed edge URLs of a Normal video's streams, called with
// an access key or, the web player's way, with a PlayAuth's temporary key for its one video.
import type { AliyunAction } from '../dialect.ts'
import { playInfoBody, readGetPlayInfo } from '../schemas.ts'

export const getPlayInfo: AliyunAction = {
  name: 'GetPlayInfo',
  limit: 360,
  limitNote: 'Aliyun documents 360.',
  deprecatedLimitSetting: 'aliyunGetPlayInfoQps',
  async run(ctx) {
    const input = readGetPlayInfo(ctx.request.params)
    const temporary = ctx.principal.temporary
    const result = await ctx.services.aliyunPlayback.playInfo({
      ...input,
      tenantId: ctx.principal.tenantId,
      ...(temporary
        ? { onlyVideoId: temporary.credential.videoId, credentialPlayDomain: temporary.playDomain }
        : {}),
    })
    // §14: OutputType defaults to cdn; PlayGate answers both with its edge.
    return playInfoBody(result, input.outputType ?? 'cdn')
  },
}
