// What the edge knows about media files between requests, like nginx's open_file_cache: resolved
// real paths and file metadata for a second, and the bytes of small files (segments, playlists,
// keys) within a fixed memory budget. Large files are never held; they are streamed per request.
import { stat } from 'node:fs/promises'
import { AppError } from '../core/errors.ts'
import { contentTypeOf, etagOf, httpDate, readRegularFile } from './serve-file.ts'

export interface MediaFile {
  /** Absolute real path, inside the media root. */
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
  /** The whole file, for files up to `maxFileBytes`; undefined for larger ones. */
  readonly body: Buffer | undefined
  /**
   * Header values, worked out once per version of the file rather than on every request (the
   * date formatting alone was a few percent of a small file's response).
   */
  readonly headers: {
    readonly etag: string
    readonly lastModified: string
    readonly contentType: string
  }
}

function mediaFile(
  path: string,
  size: number,
  mtimeMs: number,
  body: Buffer | undefined,
): MediaFile {
  const headers = {
    etag: etagOf({ size, mtimeMs }),
    lastModified: httpDate(mtimeMs),
    contentType: contentTypeOf(path),
  }
  return { path, size, mtimeMs, body, headers }
}

export interface MediaCacheLimits {
  /** How long a path or a file's metadata is trusted without asking the file system again. */
  readonly freshMs: number
  /** Largest file kept in memory. */
  readonly maxFileBytes: number
  /** Bytes of all kept files together. */
  readonly maxTotalBytes: number
  /** Paths and files remembered. */
  readonly maxEntries: number
}

export const DEFAULT_MEDIA_CACHE: MediaCacheLimits = {
  freshMs: 1000,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 10_000,
}

interface Entry<T> {
  value: T
  checkedAt: number
}

export function createMediaCache(
  resolveMedia: (relative: string) => Promise<string>,
  limits: MediaCacheLimits = DEFAULT_MEDIA_CACHE,
  now: () => number = () => performance.now(),
) {
  const paths = new Map<string, Entry<string>>()
  const files = new Map<string, Entry<MediaFile>>()
  const loading = new Map<string, Promise<MediaFile>>()
  let heldBytes = 0

  const fresh = (entry: { checkedAt: number }) => now() - entry.checkedAt < limits.freshMs

  function keepPath(relative: string, path: string): void {
    paths.delete(relative)
    paths.set(relative, { value: path, checkedAt: now() })
    if (paths.size > limits.maxEntries) paths.delete(paths.keys().next().value!)
  }

  function dropFile(path: string): void {
    const body = files.get(path)?.value.body
    if (body) heldBytes -= body.length
    files.delete(path)
  }

  /** Oldest entries go first when the count or the byte budget is exceeded. */
  function keepFile(path: string, file: MediaFile): void {
    dropFile(path)
    files.set(path, { value: file, checkedAt: now() })
    if (file.body) heldBytes += file.body.length
    while (files.size > 1 && (files.size > limits.maxEntries || heldBytes > limits.maxTotalBytes))
      dropFile(files.keys().next().value!)
  }

  async function load(path: string, previous: MediaFile | undefined): Promise<MediaFile> {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      throw new AppError('NOT_FOUND', 'media file cannot be read', { cause: error })
    }
    if (!info.isFile()) throw new AppError('NOT_FOUND', 'media path is not a regular file')
    if (previous && previous.size === info.size && previous.mtimeMs === info.mtimeMs)
      return previous
    if (info.size > limits.maxFileBytes) return mediaFile(path, info.size, info.mtimeMs, undefined)
    const body = await readRegularFile(path)
    // A file rewritten between stat and read: keep what was read, with a fresh validator.
    return mediaFile(path, body.length, info.mtimeMs, body)
  }

  return {
    /** The real path of `relative` under the media root (resolveMedia, remembered briefly). */
    async locate(relative: string): Promise<string> {
      const hit = paths.get(relative)
      if (hit && fresh(hit)) return hit.value
      const path = await resolveMedia(relative)
      keepPath(relative, path)
      return path
    },

    /** The file's metadata, and its bytes when it is small; NOT_FOUND when it is not a file. */
    async file(path: string): Promise<MediaFile> {
      const hit = files.get(path)
      if (hit && fresh(hit)) return hit.value
      const pending = loading.get(path)
      if (pending) return pending
      const promise = load(path, hit?.value)
        .then((file) => {
          keepFile(path, file)
          return file
        })
        .catch((error: unknown) => {
          dropFile(path)
          throw error
        })
        .finally(() => loading.delete(path))
      loading.set(path, promise)
      return promise
    },

    /** The file for `relative` when both its path and its metadata are fresh: no await needed. */
    cached(relative: string): MediaFile | undefined {
      const path = paths.get(relative)
      if (!path || !fresh(path)) return undefined
      const file = files.get(path.value)
      return file && fresh(file) ? file.value : undefined
    },

    /** Bytes currently held (for tests and metrics). */
    heldBytes: () => heldBytes,
  }
}

export type MediaCache = ReturnType<typeof createMediaCache>
