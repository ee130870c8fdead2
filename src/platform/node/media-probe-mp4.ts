// The built-in MP4 reader: finds `moov` wherever it is (walking top-level boxes, never reading
// `mdat`) and reads duration, picture size and frame rate from its tracks.
import type { FileHandle } from 'node:fs/promises'
import type { MediaInfo } from '../../core/media.ts'
import type { FfprobeSummary } from './media-probe-ffprobe.ts'
import { finish, invalid, readAt, withFile } from './media-files.ts'

const MAX_MOOV_BYTES = 64 * 1024 * 1024
const MAX_TOP_LEVEL_BOXES = 200_000

interface Box {
  readonly type: string
  /** Offset of the content (after the header). */
  readonly start: number
  readonly end: number
}

/** Reads MP4 metadata from `moov`, wherever it is, without reading `mdat`. */
export async function readMp4(file: string, size: number): Promise<MediaInfo> {
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
