// GET …/{conferenceId}/cloudRecords/videos/getPlayInfos?mediaId&regionId&unionId (dingtalk.md
// §4.4, seed 003): the recording's HLS playlist and MP4 URLs, signed by the playback service for
// no longer than the access token has left, with `fileSize` and `duration` (ms) as numbers.
import { AppError } from '../../../../core/errors.ts'
import type { DingtalkAction } from '../dialect.ts'
import { text } from '../schemas.ts'

/** `status` is "not currently used" by DingTalk; its example answers 1. */
const STATUS = 1

export const queryCloudRecordVideoPlayInfo: DingtalkAction = {
  name: 'QueryCloudRecordVideoPlayInfo',
  limit: 40,
  route: {
    method: 'GET',
    url: '/v1.0/conference/videoConferences/:conferenceId/cloudRecords/videos/getPlayInfos',
  },
  async run({ request, principal, services, clock }) {
    const q = request.query
    const recording = await services.dingtalkConferences.recording(
      principal.tenantId,
      request.conferenceId,
      {
        unionId: text(q.unionId, 'unionId'),
        mediaId: text(q.mediaId, 'mediaId'),
        regionId: text(q.regionId, 'regionId'),
      },
    )
    // A URL never outlives the token that asked for it (§4.6).
    const tokenLeft = Math.floor(((principal.tokenExpiresAt ?? 0) - clock.now()) / 1000)
    if (tokenLeft < 1) throw new AppError('TOKEN_EXPIRED', 'access token expired meanwhile')
    const video = await services.videos.getForTenant(principal.tenantId, recording.videoId)
    const played = await services.playback.play({
      video,
      filter: { formats: ['m3u8', 'mp4'] },
      maxTtlSeconds: tokenLeft,
    })
    await services.playback.recordIssued(video, {
      dialect: 'dingtalk',
      appKey: principal.appKey,
      conferenceId: request.conferenceId,
      mediaId: recording.mediaId,
      expiresAt: Math.min(...played.items.map((i) => i.expiresAt)),
    })
    // Sorted up the definition ladder: the last of each format is the best one.
    const best = (format: string) => played.items.findLast((i) => i.stream.format === format)?.url
    const playUrl = best('m3u8')
    const mp4FileUrl = best('mp4')
    return {
      ...(playUrl !== undefined ? { playUrl } : {}),
      ...(mp4FileUrl !== undefined ? { mp4FileUrl } : {}),
      fileSize: recording.fileSize,
      duration: recording.durationMs,
      status: STATUS,
    }
  },
}
