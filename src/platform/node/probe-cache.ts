// A MediaProbe that remembers results by absolute path, size and modification time, in a small
// JSON file (the data dir's probe-cache.json), so importing the same media again reads no file
// and spawns no ffprobe. A file whose size or mtime changed is probed again. For HLS only the
// playlist's own stat is the key: a segment replaced in place under an unchanged playlist keeps
// the old numbers until the playlist is touched. The file is a cache: unreadable or from another
// version, it is ignored; written atomically (temp file, rename), the last writer wins.
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import type { MediaInfo, MediaProbe } from '../../core/media.ts'

const VERSION = 1

interface Entry {
  readonly size: number
  readonly mtimeMs: number
  readonly info: MediaInfo
}

export interface ProbeCacheOptions {
  /** Where the cache lives; undefined keeps it in memory only. */
  readonly file?: string
}

export function createCachedMediaProbe(
  inner: MediaProbe,
  options: ProbeCacheOptions = {},
): MediaProbe {
  let entries: Promise<Map<string, Entry>> | undefined
  let dirty = false

  const load = () =>
    (entries ??= (async () => {
      if (!options.file) return new Map<string, Entry>()
      try {
        const data = JSON.parse(await readFile(options.file, 'utf8')) as {
          version?: unknown
          entries?: Record<string, Entry>
        }
        if (data.version !== VERSION || typeof data.entries !== 'object' || !data.entries)
          return new Map<string, Entry>()
        return new Map(Object.entries(data.entries))
      } catch {
        return new Map<string, Entry>()
      }
    })())

  return {
    async probe(absolutePath) {
      const [cache, stats] = await Promise.all([load(), stat(absolutePath).catch(() => undefined)])
      // No stat: let the probe word the error (missing file, permissions) as it always does.
      if (!stats) return inner.probe(absolutePath)
      const known = cache.get(absolutePath)
      if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.info
      const info = await inner.probe(absolutePath)
      cache.set(absolutePath, { size: stats.size, mtimeMs: stats.mtimeMs, info })
      dirty = true
      return info
    },
    async flush() {
      await inner.flush?.()
      if (!options.file || !dirty) return
      dirty = false
      const cache = await load()
      const temp = `${options.file}.${randomBytes(4).toString('hex')}.tmp`
      const text = JSON.stringify({ version: VERSION, entries: Object.fromEntries(cache) })
      // A cache that cannot be written (no data dir, read-only disk) only costs the next probe.
      await writeFile(temp, text)
        .then(() => rename(temp, options.file!))
        .catch(() => rm(temp, { force: true }))
    },
  }
}
