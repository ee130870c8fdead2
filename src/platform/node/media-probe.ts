// Node implementation of the MediaProbe port: ffprobe when it is installed, otherwise built-in
// readers for MP4 (box tree, read in pieces) and HLS (core's playlist parser plus file sizes).
// It only ever reads local files: HLS references must stay under the playlist's media root.
import { execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../core/errors.ts'
import {
  parsePlaylist,
  type MediaPlaylist,
  type Playlist,
  type Variant,
} from '../../core/hls/parse-playlist.ts'
import type { MediaInfo, MediaProbe } from '../../core/media.ts'
import type { StreamFormat } from '../../core/model.ts'
import { resolveUnderRoot } from './media-path.ts'

export interface NodeMediaProbeOptions {
  /** `auto` (default): ffprobe when it runs, else the built-in readers. `builtin` never spawns. */
  readonly mode?: 'auto' | 'ffprobe' | 'builtin'
  readonly ffprobePath?: string
  /** Per ffprobe run; default 15 s. */
  readonly timeoutMs?: number
  /** Files a playlist references must resolve under this directory; default: the playlist's. */
  readonly root?: string
}

const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024
const MAX_MOOV_BYTES = 64 * 1024 * 1024
const MAX_TOP_LEVEL_BOXES = 200_000
const MP4_FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide'])

/** Creates a probe; with `mode: 'builtin'` it never spawns a process. */
export function createMediaProbe(options: NodeMediaProbeOptions = {}): MediaProbe {
  const mode = options.mode ?? 'auto'
  const ffprobe = options.ffprobePath ?? 'ffprobe'
  const timeout = options.timeoutMs ?? 15_000
  let available: Promise<boolean> | undefined

  async function useFfprobe(): Promise<boolean> {
    if (mode === 'builtin') return false
    available ??= run(ffprobe, ['-version'], timeout).then(
      () => true,
      () => false,
    )
    const ok = await available
    if (!ok && mode === 'ffprobe') throw new AppError('UNAVAILABLE', `${ffprobe} does not run`)
    return ok
  }

  async function ffprobeInfo(file: string): Promise<FfprobeSummary> {
    const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams']
    // `file,crypto` keeps ffprobe off the network whatever a playlist says.
    args.push('-protocol_whitelist', 'file,crypto', '-i', `file:${file}`)
    return summarize(await run(ffprobe, args, timeout))
  }

  return {
    async probe(absolutePath) {
      if (!path.isAbsolute(absolutePath)) throw new TypeError('probe() needs an absolute path')
      const { format, size, head } = await sniff(absolutePath)
      const withFfprobe = await useFfprobe()
      if (format === 'm3u8') {
        const root = options.root ?? path.dirname(absolutePath)
        const hls = await probeHls(absolutePath, head, root)
        if (!withFfprobe) return hls.info
        // The playlist itself says nothing about fps; ffprobe reads the chosen media playlist.
        const fromSegments = await ffprobeInfo(hls.mediaPlaylist).catch(() => null)
        if (!fromSegments) return hls.info
        return {
          ...hls.info,
          width: fromSegments.width || hls.info.width,
          height: fromSegments.height || hls.info.height,
          fps: fromSegments.fps || hls.info.fps,
        }
      }
      if (format === 'mp4') {
        const mp4 = await readMp4(absolutePath, size)
        if (!withFfprobe) return mp4
        // The box walk above still runs: it refuses truncated files ffprobe would accept.
        return finish({ format, size, ...(await ffprobeInfo(absolutePath)) })
      }
      if (!withFfprobe) return finish({ format, size, duration: 0, width: 0, height: 0, fps: 0 })
      return finish({ format, size, ...(await ffprobeInfo(absolutePath)) })
    },
  }
}

// ---- format sniffing -------------------------------------------------------------------------

async function sniff(file: string): Promise<{ format: StreamFormat; size: number; head: Buffer }> {
  return withFile(file, async (fh, size) => {
    const head = await readAt(fh, 0, 4096)
    const format = formatOf(head)
    if (!format) throw invalid(file, 'is not MP4, HLS, MP3, FLV or DASH media')
    return { format, size, head }
  })
}

function formatOf(head: Buffer): StreamFormat | null {
  const text = head.toString('latin1').replace(/^\xEF\xBB\xBF/, '')
  if (text.startsWith('#EXTM3U')) return 'm3u8'
  if (head.length >= 8 && MP4_FIRST_BOXES.has(head.toString('latin1', 4, 8))) return 'mp4'
  if (text.startsWith('FLV\x01')) return 'flv'
  const b1 = head[1] ?? 0
  if (text.startsWith('ID3') || (head[0] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0)) {
    return 'mp3'
  }
  if (/^\s*(<\?xml|<MPD)/.test(text) && text.includes('<MPD')) return 'mpd'
  return null
}

// ---- ffprobe ----------------------------------------------------------------------------------

interface FfprobeSummary {
  duration: number
  width: number
  height: number
  fps: number
}

function run(file: string, args: string[], timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout)
        if (error.code === 'ENOENT') {
          return reject(new AppError('UNAVAILABLE', `${file} is not installed`, { cause: error }))
        }
        if (error.killed) {
          return reject(new AppError('UNAVAILABLE', `ffprobe timed out after ${timeout} ms`))
        }
        const why = stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''
        reject(new AppError('INVALID_PARAMETER', `ffprobe cannot read the media: ${why}`))
      },
    )
  })
}

function summarize(json: string): FfprobeSummary {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (cause) {
    throw new AppError('INVALID_PARAMETER', 'ffprobe printed no JSON', { cause })
  }
  const root = record(data)
  const streams = Array.isArray(root.streams) ? root.streams.map(record) : []
  const video = streams.find(
    (s) => s.codec_type === 'video' && record(s.disposition).attached_pic !== 1,
  )
  const durations = [record(root.format).duration, ...streams.map((s) => s.duration)]
  return {
    duration: durations.map(num).find((d) => d > 0) ?? 0,
    width: num(video?.width),
    height: num(video?.height),
    fps: rate(video?.avg_frame_rate) || rate(video?.r_frame_rate),
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(n) && n > 0 ? n : 0
}

function rate(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 0
}

// ---- MP4 --------------------------------------------------------------------------------------

interface Box {
  readonly type: string
  /** Offset of the content (after the header). */
  readonly start: number
  readonly end: number
}

/** Reads MP4 metadata from `moov`, wherever it is, without reading `mdat`. */
async function readMp4(file: string, size: number): Promise<MediaInfo> {
  return withFile(file, async (fh) => {
    const moov = await findMoov(fh, size, file)
    const buf = await readAt(fh, moov.start, moov.end - moov.start)
    if (buf.length !== moov.end - moov.start) throw invalid(file, 'moov box is cut short')
    const info = parseMoov(buf, file)
    return finish({ format: 'mp4', size, ...info })
  })
}

async function findMoov(fh: FileHandle, size: number, file: string): Promise<Box> {
  let moov: Box | null = null
  let offset = 0
  for (let count = 0; offset < size; count++) {
    if (count >= MAX_TOP_LEVEL_BOXES) throw invalid(file, 'has too many top-level boxes')
    const box = boxAt(await readAt(fh, offset, 16), 0, size - offset, file)
    if (box.type === 'moov') {
      if (moov) throw invalid(file, 'has two moov boxes')
      if (box.end - box.start > MAX_MOOV_BYTES) throw invalid(file, 'moov box is too large')
      moov = { type: box.type, start: offset + box.start, end: offset + box.end }
    }
    offset += box.end
  }
  if (!moov) throw invalid(file, 'has no moov box')
  return moov
}

/**
 * Decodes the box header at `at` in `buf`; `limit` is how many bytes the box may span (to the end
 * of its parent or the file). Sizes of 1 (64-bit) and 0 (to the end) are handled.
 */
function boxAt(buf: Buffer, at: number, limit: number, file: string): Box {
  if (limit < 8 || buf.length < at + 8) throw invalid(file, 'ends inside a box header')
  let size = buf.readUInt32BE(at)
  const type = buf.toString('latin1', at + 4, at + 8)
  let header = 8
  if (size === 1) {
    if (buf.length < at + 16) throw invalid(file, `ends inside the header of ${type}`)
    const large = buf.readBigUInt64BE(at + 8)
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(file, `${type} box is too large`)
    size = Number(large)
    header = 16
  } else if (size === 0) {
    size = limit
  }
  if (size < header) throw invalid(file, `${type} box has an impossible size ${size}`)
  if (size > limit) throw invalid(file, `${type} box runs past the end of its container`)
  return { type, start: at + header, end: at + size }
}

function children(buf: Buffer, parent: Box, file: string): Box[] {
  const out: Box[] = []
  for (let at = parent.start; at < parent.end;) {
    const box = boxAt(buf, at, parent.end - at, file)
    out.push(box)
    at = box.end
  }
  return out
}

function child(buf: Buffer, parent: Box | undefined, type: string, file: string): Box | undefined {
  return parent ? children(buf, parent, file).find((b) => b.type === type) : undefined
}

function parseMoov(buf: Buffer, file: string): FfprobeSummary {
  const u32 = (at: number) => {
    if (at + 4 > buf.length) throw invalid(file, 'has a truncated box inside moov')
    return buf.readUInt32BE(at)
  }
  const u64 = (at: number) => u32(at) * 2 ** 32 + u32(at + 4)
  /** Timescale and duration of an mvhd or mdhd box (same layout up to there). */
  const times = (box: Box) => {
    const v1 = buf[box.start] === 1
    const timescale = u32(box.start + (v1 ? 20 : 12))
    const duration = v1 ? u64(box.start + 24) : u32(box.start + 16)
    return { timescale, duration: timescale > 0 ? duration / timescale : 0 }
  }

  const moov: Box = { type: 'moov', start: 0, end: buf.length }
  const mvhd = child(buf, moov, 'mvhd', file)
  if (!mvhd) throw invalid(file, 'has no mvhd box')
  const movie = times(mvhd)
  let duration = movie.duration
  const mehd = child(buf, child(buf, moov, 'mvex', file), 'mehd', file)
  if (duration === 0 && mehd && movie.timescale > 0) {
    duration = (buf[mehd.start] === 1 ? u64(mehd.start + 4) : u32(mehd.start + 4)) / movie.timescale
  }

  let longestTrack = 0
  let width = 0
  let height = 0
  let fps = 0
  for (const trak of children(buf, moov, file).filter((b) => b.type === 'trak')) {
    const mdia = child(buf, trak, 'mdia', file)
    const hdlr = child(buf, mdia, 'hdlr', file)
    const mdhd = child(buf, mdia, 'mdhd', file)
    if (!hdlr || !mdhd) continue
    const media = times(mdhd)
    longestTrack = Math.max(longestTrack, media.duration)
    if (buf.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide' || width > 0) continue

    const stbl = child(buf, child(buf, mdia, 'minf', file), 'stbl', file)
    const stsd = child(buf, stbl, 'stsd', file)
    if (stsd && u32(stsd.start + 4) > 0) {
      // VisualSampleEntry: 8 header + 6 reserved + 2 ref index + 16 predefined, then width/height.
      const entry = stsd.start + 8
      width = u32(entry + 32) >>> 16
      height = u32(entry + 32) & 0xffff
    }
    const tkhd = child(buf, trak, 'tkhd', file)
    if ((width === 0 || height === 0) && tkhd) {
      const at = tkhd.start + (buf[tkhd.start] === 1 ? 88 : 76)
      width = u32(at) >>> 16
      height = u32(at + 4) >>> 16
    }
    const stts = child(buf, stbl, 'stts', file)
    if (stts) {
      let frames = 0
      let ticks = 0
      const entries = u32(stts.start + 4)
      if (stts.start + 8 + entries * 8 > stts.end) throw invalid(file, 'has a truncated stts box')
      for (let i = 0; i < entries; i++) {
        const count = u32(stts.start + 8 + i * 8)
        frames += count
        ticks += count * u32(stts.start + 12 + i * 8)
      }
      if (ticks > 0) fps = (frames * media.timescale) / ticks
    }
  }
  return { duration: duration || longestTrack, width, height, fps }
}

// ---- HLS --------------------------------------------------------------------------------------

interface HlsResult {
  info: MediaInfo
  /** The media playlist that holds the segments (the chosen variant of a master). */
  mediaPlaylist: string
}

async function probeHls(file: string, head: Buffer, root: string): Promise<HlsResult> {
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

// ---- shared -----------------------------------------------------------------------------------

function finish(v: {
  format: StreamFormat
  size: number
  duration: number
  width: number
  height: number
  fps: number
  bitrate?: number | undefined
}): MediaInfo {
  const average = v.duration > 0 ? (v.size * 8) / v.duration / 1000 : 0
  return {
    format: v.format,
    duration: v.duration,
    size: v.size,
    width: v.width,
    height: v.height,
    bitrate: round3(v.bitrate ?? average),
    fps: round3(v.fps),
  }
}

function round3(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : 0
}

async function withFile<T>(
  file: string,
  use: (fh: FileHandle, size: number) => Promise<T>,
): Promise<T> {
  let fh: FileHandle
  try {
    // O_NONBLOCK: a FIFO named by a playlist must not hold a file-system thread (see edge).
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (cause) {
    throw new AppError('INVALID_PARAMETER', `${path.basename(file)} cannot be opened`, { cause })
  }
  try {
    const info = await fh.stat()
    if (!info.isFile()) throw invalid(file, 'is not a regular file')
    return await use(fh, info.size)
  } finally {
    await fh.close()
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await fh.read(buf, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buf.subarray(0, filled)
}

function invalid(file: string, reason: string): AppError {
  return new AppError('INVALID_PARAMETER', `${path.basename(file)} ${reason}`)
}
