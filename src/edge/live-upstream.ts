// A live stream's upstream origin (MediaMTX, SRS, any HLS server): playlists fetched with a short
// cache and in-flight requests shared, so a viewer burst is one upstream fetch; segments streamed
// through. Bounded in time and size; failures are NOT_FOUND (not live yet) or UNAVAILABLE.
import { Readable } from 'node:stream'
import { AppError } from '../core/errors.ts'

export interface UpstreamOptions {
  /** How long a fetched playlist is reused; well under any target duration. */
  readonly playlistFreshMs: number
  readonly timeoutMs: number
  /** Whole-transfer bound for a segment (a slow player slows the upstream read down too). */
  readonly segmentTimeoutMs: number
  readonly maxPlaylistBytes: number
  readonly fetch: typeof fetch
  readonly now: () => number
}

export const DEFAULT_UPSTREAM: UpstreamOptions = {
  playlistFreshMs: 500,
  timeoutMs: 5000,
  segmentTimeoutMs: 60_000,
  maxPlaylistBytes: 8 * 1024 * 1024,
  fetch: (input, init) => fetch(input, init),
  now: () => performance.now(),
}

export interface UpstreamBody {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Readable | undefined
}

/** Response headers worth passing on to a player. */
const PASSED = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'last-modified',
  'etag',
]

function failure(url: string, status: number): AppError {
  return status === 404 || status === 410
    ? new AppError('NOT_FOUND', `upstream has no ${new URL(url).pathname} (${status})`)
    : new AppError('UNAVAILABLE', `upstream answered ${status}`)
}

function unreachable(error: unknown): AppError {
  return new AppError('UNAVAILABLE', 'upstream unreachable', { cause: error })
}

export function createUpstream(options: UpstreamOptions = DEFAULT_UPSTREAM) {
  const playlists = new Map<string, { text: string; at: number }>()
  const pending = new Map<string, Promise<string>>()

  async function load(url: string): Promise<string> {
    let response: Response
    try {
      response = await options.fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'follow',
      })
    } catch (error) {
      throw unreachable(error)
    }
    if (response.status !== 200) {
      await response.body?.cancel()
      throw failure(url, response.status)
    }
    const declared = Number(response.headers.get('content-length') ?? 0)
    if (declared > options.maxPlaylistBytes) {
      await response.body?.cancel()
      throw new AppError('UNAVAILABLE', 'upstream playlist too large')
    }
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      throw unreachable(error)
    }
    if (text.length > options.maxPlaylistBytes)
      throw new AppError('UNAVAILABLE', 'upstream playlist too large')
    return text
  }

  return {
    /** The playlist text at `url`, at most `playlistFreshMs` old. */
    async playlist(url: string): Promise<string> {
      const hit = playlists.get(url)
      if (hit && options.now() - hit.at < options.playlistFreshMs) return hit.text
      const inFlight = pending.get(url)
      if (inFlight) return inFlight
      const promise = load(url)
        .then((text) => {
          if (playlists.size >= 1000) playlists.clear()
          playlists.set(url, { text, at: options.now() })
          return text
        })
        .finally(() => pending.delete(url))
      pending.set(url, promise)
      return promise
    },

    /** A segment (or any non-playlist file) at `url`, streamed; a Range header is passed on. */
    async segment(url: string, range: string | undefined, head: boolean): Promise<UpstreamBody> {
      let response: Response
      try {
        response = await options.fetch(url, {
          method: head ? 'HEAD' : 'GET',
          headers: range === undefined ? {} : { range },
          signal: AbortSignal.timeout(options.segmentTimeoutMs),
          redirect: 'follow',
        })
      } catch (error) {
        throw unreachable(error)
      }
      if (response.status !== 200 && response.status !== 206) {
        await response.body?.cancel()
        throw failure(url, response.status)
      }
      const headers: Record<string, string> = {}
      for (const name of PASSED) {
        const value = response.headers.get(name)
        if (value !== null) headers[name] = value
      }
      const body = head || response.body === null ? undefined : Readable.fromWeb(response.body)
      return { status: response.status, headers, body }
    },
  }
}

export type Upstream = ReturnType<typeof createUpstream>
