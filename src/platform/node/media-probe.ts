// Node implementation of the MediaProbe port: ffprobe when it is installed, otherwise built-in
// readers for MP4 (box tree, read in pieces) and HLS (core's playlist parser plus file sizes).
// It only ever reads local files: HLS references must stay under the playlist's media root.
import path from 'node:path'
import { AppError } from '../../core/errors.ts'
import type { MediaProbe } from '../../core/media.ts'
import type { StreamFormat } from '../../core/model.ts'
import { finish, invalid, readAt, withFile } from './media-files.ts'
import { run, summarize, type FfprobeSummary } from './media-probe-ffprobe.ts'
import { probeHls } from './media-probe-hls.ts'
import { readMp4 } from './media-probe-mp4.ts'

export interface NodeMediaProbeOptions {
  /** `auto` (default): ffprobe when it runs, else the built-in readers. `builtin` never spawns. */
  readonly mode?: 'auto' | 'ffprobe' | 'builtin'
  readonly ffprobePath?: string
  /** Per ffprobe run; default 15 s. */
  readonly timeoutMs?: number
  /** Files a playlist references must resolve under this directory; default: the playlist's. */
  readonly root?: string
}

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
