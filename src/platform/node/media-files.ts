// Small pieces every built-in media reader shares: opening a regular file without blocking,
// reading at an offset, the INVALID_PARAMETER a reader throws, and the finished MediaInfo.
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../core/errors.ts'
import type { MediaInfo } from '../../core/media.ts'
import type { StreamFormat } from '../../core/model.ts'

export function finish(v: {
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

export async function withFile<T>(
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

export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await fh.read(buf, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buf.subarray(0, filled)
}

export function invalid(file: string, reason: string): AppError {
  return new AppError('INVALID_PARAMETER', `${path.basename(file)} ${reason}`)
}
