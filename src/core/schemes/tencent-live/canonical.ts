// Tencent live playback-URL authentication (url-signing.md §3, tencent-live.md §7): the hashed
// string, and where the StreamName comes from in a request path.

/**
 * `KEY + StreamName + txTime`, MD5 to lower-case hex, txTime exactly as written in the URL.
 * @see https://tencentcloud.com/document/product/267/31560
 */
export function canonicalLive(parts: { key: string; streamName: string; txTime: string }): string {
  return parts.key + parts.streamName + parts.txTime
}

// Only these are cut from a two-segment path; a bare RTMP/WebRTC StreamName may contain dots.
const STREAM_EXTENSIONS = ['.flv', '.m3u8', '.mpd', '.mp4']

export interface LiveStream {
  readonly appName: string
  readonly streamName: string
  /** `/AppName/StreamName`: the URIs of this stream are it and everything under it. */
  readonly scope: string
}

/**
 * AppName and StreamName of a canonical (decoded, dot-free) path: `/AppName/StreamName[.ext]`,
 * or, PlayGate's extension for HLS, `/AppName/StreamName/…` (segments under the stream's
 * folder), so one txSecret covers a live playlist and its segments.
 */
export function streamOf(path: string): LiveStream | undefined {
  const segments = path.split('/').slice(1)
  const [appName, second] = segments
  if (!appName || !second) return undefined
  const ext =
    segments.length === 2
      ? STREAM_EXTENSIONS.find((e) => second.length > e.length && second.toLowerCase().endsWith(e))
      : undefined
  const streamName = ext ? second.slice(0, -ext.length) : second
  return { appName, streamName, scope: `/${appName}/${streamName}` }
}
