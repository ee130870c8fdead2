// Viewer-control tests' HTTP helpers: a GET that reports status, error code and deny reason,
// and a video issued through the native API with `maxUses`.
import { TENANT, type EdgeTestApp } from './edge-app.ts'

const MP4 = 'demo/mp4/demo.mp4'

export async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  return {
    status: res.status,
    code: res.headers.get('x-error-code'),
    reason: res.headers.get('x-deny-reason'),
  }
}

/** A video with an MP4 stream on the tenant's default domain, and its URL issued with maxUses. */
export async function issue(edge: EdgeTestApp, maxUses: number | string) {
  const domain = await edge.domain('aliyun-a', { isDefault: true })
  const video = await edge.services.videos.create({ tenantId: TENANT, title: 'clip' })
  await edge.services.videos.addStream({ videoId: video.id, location: MP4 })
  const res = await fetch(`${edge.base}/v1/videos/${video.id}/play-urls?maxUses=${maxUses}`, {
    headers: edge.admin,
  })
  const body = (await res.json()) as { maxUses?: number; items?: { url: string }[] }
  // Issued for the configured public base; the test reaches the listener directly.
  const url = body.items?.[0]?.url.replace(/^https?:\/\/[^/]+/, edge.base) ?? ''
  return { status: res.status, body, domain, url }
}
