// The import's media phase: every stream of the file probed (the slow part of an import), a few at
// a time, with results used in file order whatever order the probes finish in, so problems and
// plans never depend on the pool size.
import { isAppError } from '../core/errors.ts'
import type { MediaInfo } from '../core/media.ts'
import type { StreamFormat } from '../core/model.ts'
import type { StreamDoc } from './import-document.ts'

/** Probes in flight when the caller names no number (the CLI passes the machine's CPUs). */
export const DEFAULT_PROBE_CONCURRENCY = 4

export interface ProbeJob {
  /** Where in the document, e.g. `tenants[0].videos[2].streams[0]`. */
  readonly path: string
  readonly doc: StreamDoc
}

export type ProbeOutcome =
  | { readonly ok: true; readonly info: MediaInfo }
  | { readonly ok: false; readonly path: string; readonly message: string }

/** Why a stream location is refused before touching the disk, if it is. */
export function locationProblem(location: string): string | undefined {
  if (/^https?:\/\//i.test(location)) {
    return URL.canParse(location) ? undefined : 'is not a valid URL'
  }
  const outside = 'must be a path under the media root'
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location)) return `${outside} or an http(s) URL`
  if (location.startsWith('/') || location.includes('\\') || location.includes('\0')) return outside
  let depth = 0
  for (const segment of location.split('/')) {
    if (segment === '..') depth--
    else if (segment !== '.' && segment !== '') depth++
    if (depth < 0) return outside
  }
  return undefined
}

/**
 * Runs `probe` over `jobs` with at most `concurrency` in flight; the outcomes come back in the
 * order of `jobs`. `onProgress` counts finished probes.
 */
export async function probeAll(
  jobs: readonly ProbeJob[],
  probe: (location: string, format?: StreamFormat) => Promise<MediaInfo>,
  options: { concurrency?: number; onProgress?: (p: { done: number; total: number }) => void },
): Promise<ProbeOutcome[]> {
  const total = jobs.length
  const outcomes: ProbeOutcome[] = new Array<ProbeOutcome>(total)
  const limit = Math.max(1, Math.min(options.concurrency ?? DEFAULT_PROBE_CONCURRENCY, total))
  let next = 0
  let done = 0
  if (total > 0) options.onProgress?.({ done, total })
  const worker = async () => {
    while (next < total) {
      const n = next++
      const job = jobs[n]!
      try {
        outcomes[n] = { ok: true, info: await probe(job.doc.location, job.doc.format) }
      } catch (error) {
        if (!isAppError(error)) throw error
        const field = error.details.parameter === 'format' ? 'format' : 'location'
        outcomes[n] = {
          ok: false,
          path: `${job.path}.${field}`,
          message: mediaMessage(error.message),
        }
      }
      options.onProgress?.({ done: ++done, total })
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return outcomes
}

/** The probe and the media-root guard word their errors for logs; say it for a file's author. */
function mediaMessage(internal: string): string {
  if (/does not exist/.test(internal)) return 'no such file under the media root'
  if (/escapes|leaves the media root|relative to the media root/.test(internal))
    return 'must be a path under the media root'
  return internal
}
