// The player page's address: `/watch#…` with the video, its signed URL and expiry in the
// fragment, which browsers never send to a server (so no credential reaches a log or a Referer).
import type { Video } from '../../../src/http/native/schemas.ts'

/** GET /v1/videos/:id/play-urls (declared in its route file, not in schemas.ts). */
export interface PlayUrls {
  videoId: string
  host: string
  expiresAt: string
  items: { streamId: string; format: string; definition: string; url: string }[]
}

export interface WatchParams {
  readonly video: string
  readonly title?: string
  readonly url?: string
  readonly format?: string
  readonly expires?: string
  /** The video asks for a play password before it plays. */
  readonly locked?: boolean
}

export function watchLink(
  video: Pick<Video, 'id' | 'title'>,
  stream: { url: string; format: string },
  expiresAt: string,
): string {
  const params = new URLSearchParams({
    video: video.id,
    title: video.title,
    url: stream.url,
    format: stream.format,
    expires: expiresAt,
  })
  return `${location.origin}/watch#${params.toString()}`
}

export function lockedLink(video: Pick<Video, 'id' | 'title'>): string {
  const params = new URLSearchParams({ video: video.id, title: video.title, locked: '1' })
  return `${location.origin}/watch#${params.toString()}`
}

export function readWatchParams(hash: string): WatchParams | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const video = params.get('video')
  if (!video) return undefined
  return {
    video,
    title: params.get('title') ?? undefined,
    url: params.get('url') ?? undefined,
    format: params.get('format') ?? undefined,
    expires: params.get('expires') ?? undefined,
    locked: params.get('locked') === '1',
  }
}
