// A tenant with a default play domain (`demo.playgate.local`, local-only so URLs use the edge's
// `/play/<host>/` prefix) and a Normal video with the demo MP4 and HLS streams: the world the
// unlock, playsafe and edge tests share.
import type { TestContext } from 'node:test'
import { buildTestServices } from '../helpers/services.ts'

export const MP4 = 'demo/mp4/demo.mp4'
export const HLS = 'demo/hls/master.m3u8'

export async function protectedWorld(t: Pick<TestContext, 'after'>, env?: Record<string, string>) {
  const built = await buildTestServices(t, { env })
  const { services } = built
  await services.tenants.create({ id: 'tn_a', name: 'A' })
  await services.tenants.create({ id: 'tn_b', name: 'B' })
  const domain = await services.playDomains.create({
    tenantId: 'tn_a',
    host: 'demo.playgate.local',
    scheme: 'aliyun-a',
    isDefault: true,
  })
  const video = await services.videos.create({
    tenantId: 'tn_a',
    title: 'Lesson',
    status: 'Normal',
  })
  const mp4 = await services.videos.addStream({ videoId: video.id, location: MP4 })
  const hls = await services.videos.addStream({
    videoId: video.id,
    location: HLS,
    definition: 'SD',
  })
  return { ...built, domain, video, mp4, hls }
}
