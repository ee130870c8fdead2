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

/** The length of the stream extension `name` ends with (any case), or 0: never the whole name. */
function streamExtensionLength(name: string): number {
  const lower = name.toLowerCase()
  for (const ext of STREAM_EXTENSIONS)
    if (name.length > ext.length && lower.endsWith(ext)) return ext.length
  return 0
}

/**
 * AppName and StreamName of a canonical (decoded, dot-free) path: `/AppName/StreamName[.ext]`,
 * or, PlayGate's extension for HLS, `/AppName/StreamName/…` (segments under the stream's
 * folder), so one txSecret covers a live playlist and its segments.
 */
export function streamOf(path: string): LiveStream | undefined {
  // The segments after the first "/", found by index: on every live verify, so no split array.
  const appStart = path.indexOf('/') + 1
  if (appStart === 0) return undefined
  const appEnd = path.indexOf('/', appStart)
  if (appEnd <= appStart) return undefined
  const nameEnd = path.indexOf('/', appEnd + 1)
  const second = path.slice(appEnd + 1, nameEnd < 0 ? path.length : nameEnd)
  if (!second) return undefined
  const appName = path.slice(appStart, appEnd)
  // The extension is cut only when the stream's segment is the last one.
  const streamName =
    nameEnd < 0 ? second.slice(0, second.length - streamExtensionLength(second)) : second
  return { appName, streamName, scope: '/' + appName + '/' + streamName }
}
