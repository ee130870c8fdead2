// GetPlayInfo (aliyun-vod.md §9.2, §11): signed edge URLs of a Normal video's streams, called with
// an access key or, the web player's way, with a PlayAuth's temporary key for its one video.
import type { ActionContext } from '../plugin.ts'
import { playInfoBody, readGetPlayInfo, type GetPlayInfoBody } from '../schemas.ts'

export async function getPlayInfo(ctx: ActionContext): Promise<GetPlayInfoBody> {
  const input = readGetPlayInfo(ctx.params)
  const temporary = ctx.principal.temporary
  const result = await ctx.playback.playInfo({
    ...input,
    tenantId: ctx.principal.tenantId,
    ...(temporary
      ? { onlyVideoId: temporary.credential.videoId, credentialPlayDomain: temporary.playDomain }
      : {}),
  })
  // §14: OutputType defaults to cdn; PlayGate answers both with its edge.
  return playInfoBody(result, input.outputType ?? 'cdn')
}
