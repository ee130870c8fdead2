// The media-probe port: what services need to know about a media file to register a stream.
// core only declares the shape; platform/node/media-probe.ts reads files (ffprobe or its own readers).
import type { StreamFormat } from './model.ts'

/** Technical metadata of one playable rendition; every number is 0 where it is unknown. */
export interface MediaInfo {
  readonly format: StreamFormat
  /** Seconds. */
  readonly duration: number
  /** Bytes. For HLS: the playlist(s) read plus every distinct file they reference (segments, init map). */
  readonly size: number
  readonly width: number
  readonly height: number
  /** kbit/s. */
  readonly bitrate: number
  /** Frames per second. */
  readonly fps: number
}

export interface MediaProbe {
  /**
   * Reads the metadata of the file at an absolute path the caller has already confined to the
   * media root. Throws AppError('INVALID_PARAMETER') for unreadable or unsupported media.
   */
  probe(absolutePath: string): Promise<MediaInfo>
  /** Persists what a caching probe learnt (platform/node/probe-cache.ts); a no-op otherwise. */
  flush?(): Promise<void>
}
