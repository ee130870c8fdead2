// Serves one file from the media root: single byte ranges (206/416), HEAD, validators (ETag,
// Last-Modified, 304, If-Range) and a Cache-Control chosen by the caller. Streams from an open
// handle, so a large file is never read into memory and a replaced file is never half-mixed.
import type { FileHandle } from 'node:fs/promises'
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import type { Stats } from 'node:fs'
import type { Readable } from 'node:stream'
import type { EdgeRequest, EdgeReply } from './exchange.ts'
import { AppError } from '../core/errors.ts'
import type { MediaFile } from './media-cache.ts'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m3u': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.mp4s': 'video/iso.segment',
  '.cmfv': 'video/mp4',
  '.cmfa': 'audio/mp4',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.mp3': 'audio/mpeg',
  '.flv': 'video/x-flv',
  '.mpd': 'application/dash+xml',
  '.webm': 'video/webm',
  '.key': 'application/octet-stream',
  '.vtt': 'text/vtt; charset=utf-8',
  '.webvtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.json': 'application/json',
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export function isPlaylistPath(path: string): boolean {
  const ext = extname(path).toLowerCase()
  return ext === '.m3u8' || ext === '.m3u'
}

/** What a Range header asks of a representation `size` bytes long (RFC 9110 §14.1.2, §14.2). */
export type RangeRequest =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' }

const RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i

/**
 * One byte range, clamped to the file. Anything else is ignored and the whole file is served,
 * as RFC 9110 allows: another unit, bad syntax, a `last < first` spec, and several ranges
 * (multipart/byteranges is not worth its complexity for players, which ask for one range).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined || size === 0) return { kind: 'full' }
  const m = RANGE.exec(header)
  if (!m) return { kind: 'full' }
  const [, first = '', last = ''] = m
  if (first === '' && last === '') return { kind: 'full' }
  if (first === '') {
    // Suffix range: the last N bytes; N larger than the file means all of it.
    const length = Number(last)
    if (length === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return { kind: 'full' }
  if (!(start < size)) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return { kind: 'partial', start, end }
}

/** A strong validator in nginx's format (`"<mtime hex>-<size hex>"`), so both agree behind a CDN. */
export function etagOf(stat: Pick<Stats, 'mtimeMs' | 'size'>): string {
  return `"${Math.floor(stat.mtimeMs / 1000).toString(16)}-${stat.size.toString(16)}"`
}

export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString()
}

function parseHttpDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/** Weak comparison over a list (`If-None-Match`), `*` included. */
function matchesAny(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)
}

function header(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** RFC 9110 §13.2.2 steps 3–4: whether a GET/HEAD can be answered 304. */
export function isNotModified(request: EdgeRequest, etag: string, mtimeMs: number): boolean {
  const noneMatch = header(request, 'if-none-match')
  if (noneMatch !== undefined) return matchesAny(noneMatch, etag)
  const since = parseHttpDate(header(request, 'if-modified-since'))
  return since !== undefined && Math.floor(mtimeMs / 1000) * 1000 <= since
}

/** If-Range: the range applies only to the exact representation the client already holds. */
function ifRangeHolds(request: EdgeRequest, etag: string, mtimeMs: number): boolean {
  const value = header(request, 'if-range')?.trim()
  if (value === undefined) return true
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag
  const date = parseHttpDate(value)
  return date !== undefined && date === Math.floor(mtimeMs / 1000) * 1000
}

export interface ServeOptions {
  /** From the media cache: metadata, and the bytes of a small file. */
  readonly file: MediaFile
  readonly cacheControl: string
  /** Overrides the type by extension. */
  readonly contentType?: string
}

/**
 * Opens without blocking: O_NONBLOCK makes opening a FIFO return at once instead of holding one
 * of libuv's four file-system threads until a writer appears; it changes nothing for files.
 */
export async function openRegular(path: string): Promise<{ handle: FileHandle; stat: Stats }> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new AppError('NOT_FOUND', 'media file cannot be opened', { cause: error })
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new AppError('NOT_FOUND', 'media path is not a regular file')
    return { handle, stat }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** The whole of a regular file, opened without blocking (see openRegular). */
export async function readRegularFile(path: string): Promise<Buffer> {
  const { handle } = await openRegular(path)
  try {
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

/** What is sent: the held bytes of a small file, or an open handle on a larger one. */
interface Representation {
  readonly size: number
  readonly mtimeMs: number
  readonly etag: string
  readonly lastModified: string
  readonly bytes: Buffer | undefined
  readonly handle: FileHandle | undefined
}

/** The bytes [start, end] as a reply payload. */
function payload(file: Representation, start: number, end: number): Buffer | Readable {
  if (file.bytes) return file.bytes.subarray(start, end + 1)
  return file.handle!.createReadStream({ start, end, autoClose: true })
}

/**
 * Sends an answer without the file's bytes, once an open handle is closed (a held file has none
 * to close, and is answered at once, without a promise).
 */
function sendReleased(file: Representation, send: () => void): Promise<void> | undefined {
  if (!file.handle) {
    send()
    return undefined
  }
  return file.handle.close().then(send)
}

/**
 * Answers GET or HEAD for a file (the reply is sent when the promise settles; callers return
 * `reply` from the route, since a reply is thenable). A file held by the media cache is sent
 * from memory, with the header values the cache worked out; a larger one is streamed from an open
 * handle, so it is never read whole. Throws AppError NOT_FOUND when the file is gone or not a
 * regular file.
 */
export function serveFile(
  request: EdgeRequest,
  reply: EdgeReply,
  options: ServeOptions,
): Promise<void> | undefined {
  // No closures per request: under tsx (how PlayGate runs), each one also gets its name set.
  // A held file is answered without a promise (callers await the result either way).
  const { file } = options
  if (file.body)
    return respond(request, reply, options, {
      size: file.body.length,
      mtimeMs: file.mtimeMs,
      etag: file.headers.etag,
      lastModified: file.headers.lastModified,
      bytes: file.body,
      handle: undefined,
    })
  return serveOpened(request, reply, options)
}

async function serveOpened(
  request: EdgeRequest,
  reply: EdgeReply,
  options: ServeOptions,
): Promise<void> {
  const { handle, stat } = await openRegular(options.file.path)
  return respond(request, reply, options, {
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    etag: etagOf(stat),
    lastModified: httpDate(stat.mtimeMs),
    bytes: undefined,
    handle,
  })
}

/** Sends the answer; the promise, when there is one, settles once an unsent file is released. */
function respond(
  request: EdgeRequest,
  reply: EdgeReply,
  options: ServeOptions,
  file: Representation,
): Promise<void> | undefined {
  const { etag } = file
  void reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', file.lastModified)
    .header('cache-control', options.cacheControl)

  if (isNotModified(request, etag, file.mtimeMs))
    return sendReleased(file, () => void reply.status(304).send())
  const range = ifRangeHolds(request, etag, file.mtimeMs)
    ? parseRange(header(request, 'range'), file.size)
    : ({ kind: 'full' } as const)
  if (range.kind === 'unsatisfiable')
    return sendReleased(
      file,
      () =>
        void reply
          .status(416)
          .header('content-range', `bytes */${file.size}`)
          .header('content-type', 'text/plain; charset=utf-8')
          .send('Range Not Satisfiable\n'),
    )
  const start = range.kind === 'partial' ? range.start : 0
  const end = range.kind === 'partial' ? range.end : file.size - 1
  void reply
    .status(range.kind === 'partial' ? 206 : 200)
    .header('content-type', options.contentType ?? options.file.headers.contentType)
    .header('content-length', String(end - start + 1))
  if (range.kind === 'partial')
    void reply.header('content-range', `bytes ${start}-${end}/${file.size}`)
  if (request.method === 'HEAD' || file.size === 0)
    return sendReleased(file, () => void reply.send())
  void reply.send(payload(file, start, end))
  return undefined
}
