// Parsed playlists, kept per file version (size + mtime) like nginx keeps open files: a playlist
// is parsed once, then each request only re-signs and serializes it. Also the size cap.
import { parsePlaylist, type Playlist } from '../core/hls/parse-playlist.ts'
import type { MediaFile } from './media-cache.ts'

/**
 * Playlists are rewritten in memory; a larger file is served as stored. 2 MiB holds a media
 * playlist of about 30,000 segments (16 hours at 2 s), more than any player loads.
 */
export const MAX_PLAYLIST_BYTES = 2 * 1024 * 1024

interface Entry {
  readonly size: number
  readonly mtimeMs: number
  readonly playlist?: Playlist
  readonly error?: Error
}

export function createPlaylistCache(limits: { maxEntries: number } = { maxEntries: 64 }) {
  const entries = new Map<string, Entry>()
  let parses = 0

  return {
    /** The parsed playlist of `file`, read with `read` only when this version is not known. */
    async parsed(file: MediaFile, read: () => Promise<string>): Promise<Playlist> {
      let entry = entries.get(file.path)
      if (!entry || entry.size !== file.size || entry.mtimeMs !== file.mtimeMs) {
        const text = await read()
        parses++
        try {
          entry = { size: file.size, mtimeMs: file.mtimeMs, playlist: parsePlaylist(text) }
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error))
          entry = { size: file.size, mtimeMs: file.mtimeMs, error: failure }
        }
        entries.delete(file.path)
        entries.set(file.path, entry)
        if (entries.size > limits.maxEntries) entries.delete(entries.keys().next().value!)
      }
      if (entry.error !== undefined) throw entry.error
      return entry.playlist!
    },
    /** How many times a playlist was parsed (for tests and metrics). */
    parses: () => parses,
  }
}

export type PlaylistCache = ReturnType<typeof createPlaylistCache>
