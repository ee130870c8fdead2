// The built-in HLS reader: core's playlist parser, the chosen variant's media playlist, and the
// sizes of every file they reference, which must all stay under the media root.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../core/errors.ts'
import {
  parsePlaylist,
  type MediaPlaylist,
  type Playlist,
  type Variant,
} from '../../core/hls/parse-playlist.ts'
import type { MediaInfo } from '../../core/media.ts'
import { resolveUnderRoot } from './media-path.ts'
import { finish, invalid, readAt, withFile } from './media-files.ts'
import { readMp4 } from './media-probe-mp4.ts'

const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024

interface HlsResult {
  info: MediaInfo
  /** The media playlist that holds the segments (the chosen variant of a master). */
  mediaPlaylist: string
}

export async function probeHls(file: string, head: Buffer, root: string): Promise<HlsResult> {
  const top = await readPlaylist(file, head)
  let size = top.bytes
  let media: MediaPlaylist
  let mediaFile = file
  let variant: Variant | null = null
  if (top.playlist.kind === 'master') {
    variant = pickVariant(top.playlist.variants, file)
    mediaFile = await localFile(root, file, variant.uri)
    const nested = await readPlaylist(mediaFile)
    if (nested.playlist.kind !== 'media') throw invalid(file, 'variant is not a media playlist')
    media = nested.playlist
    size += nested.bytes
  } else {
    media = top.playlist
  }
  if (media.segments.length === 0) throw invalid(file, 'has no segments')

  const files = new Set<string>()
  for (const segment of media.segments) {
    files.add(await localFile(root, mediaFile, segment.uri))
    if (segment.map) files.add(await localFile(root, mediaFile, segment.map.uri))
  }
  for (const f of files) size += (await stat(f)).size

  let width = variant?.resolution?.width ?? 0
  let height = variant?.resolution?.height ?? 0
  const init = media.segments[0]?.map
  if (width === 0 && init) {
    // fMP4 renditions carry the picture size in the init segment's moov.
    const initFile = await localFile(root, mediaFile, init.uri)
    const fromInit = await readMp4(initFile, (await stat(initFile)).size).catch(() => null)
    width = fromInit?.width ?? 0
    height = fromInit?.height ?? 0
  }
  const bandwidth = variant ? (variant.averageBandwidth ?? variant.bandwidth) / 1000 : 0
  const info = finish({
    format: 'm3u8',
    size,
    duration: media.duration,
    width,
    height,
    fps: variant?.frameRate ?? 0,
    bitrate: bandwidth || undefined,
  })
  return { info, mediaPlaylist: mediaFile }
}

function pickVariant(variants: readonly Variant[], file: string): Variant {
  let best: Variant | undefined
  for (const v of variants) if (!best || v.bandwidth > best.bandwidth) best = v
  if (!best) throw invalid(file, 'has only I-frame variants')
  return best
}

async function readPlaylist(
  file: string,
  head?: Buffer,
): Promise<{ playlist: Playlist; bytes: number }> {
  return withFile(file, async (fh, size) => {
    if (size > MAX_PLAYLIST_BYTES) throw invalid(file, 'playlist is too large')
    const buf = head && head.length >= size ? head : await readAt(fh, 0, size)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, size))
    } catch (cause) {
      throw new AppError('INVALID_PARAMETER', `${path.basename(file)} is not UTF-8`, { cause })
    }
    return { playlist: parsePlaylist(text), bytes: size }
  })
}

/** Maps a URI from a playlist to a local file under `root`, refusing anything else. */
async function localFile(root: string, playlist: string, uri: string): Promise<string> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:|^\//.test(uri)) {
    throw invalid(playlist, `references ${uri.slice(0, 100)}; only relative URIs are read`)
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(uri.replace(/[?#].*$/s, ''))
  } catch (cause) {
    throw new AppError('INVALID_PARAMETER', `bad percent-encoding in ${uri.slice(0, 100)}`, {
      cause,
    })
  }
  const target = path.resolve(path.dirname(playlist), decoded)
  const verdict = await resolveUnderRoot(root, path.relative(path.resolve(root), target))
  if (!verdict.ok) throw invalid(playlist, `references ${uri.slice(0, 100)}: ${verdict.reason}`)
  return verdict.value
}
