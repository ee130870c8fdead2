// Confines paths taken from requests, stream records and playlists to the media root: no `..`
// escapes, no absolute paths, no symlinks that lead outside. Callers percent-decode first.
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { accept, reject, type Verdict } from '../../core/errors.ts'

/**
 * The lexical half of the check: joins `relative` under `root` without touching the disk.
 * `a/../b` is fine (it stays inside); `../x`, `/etc/passwd`, NUL bytes and backslashes are not.
 */
export function joinUnderRoot(root: string, relative: string): Verdict<string> {
  if (relative === '') return reject('INVALID_PARAMETER', 'media path is empty')
  if (relative.includes('\0') || relative.includes('\\')) {
    return reject('INVALID_PARAMETER', 'media path contains a NUL byte or a backslash')
  }
  if (path.isAbsolute(relative)) {
    return reject('INVALID_PARAMETER', 'media path must be relative to the media root')
  }
  const base = path.resolve(root)
  const joined = path.resolve(base, relative)
  if (!isInside(base, joined)) {
    return reject('INVALID_PARAMETER', `media path escapes the media root: ${relative}`)
  }
  return accept(joined)
}

/**
 * Resolves `relative` under `root` to the real path that will be opened, following symlinks.
 * Escapes give INVALID_PARAMETER; a path that does not exist gives NOT_FOUND, so the edge can
 * answer 404; an inaccessible root gives UNAVAILABLE.
 */
export async function resolveUnderRoot(root: string, relative: string): Promise<Verdict<string>> {
  const joined = joinUnderRoot(root, relative)
  if (!joined.ok) return joined
  let realRoot: string
  try {
    realRoot = await realpath(root)
  } catch (error) {
    return reject('UNAVAILABLE', `media root is not accessible (${errnoOf(error)})`)
  }
  let real: string
  try {
    real = await realpath(joined.value)
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return reject('NOT_FOUND', `media path does not exist: ${relative}`)
    }
    return reject('INVALID_PARAMETER', `media path cannot be resolved (${code}): ${relative}`)
  }
  // Checked again on the real path: a symlink inside the root may point anywhere.
  if (!isInside(realRoot, real)) {
    return reject(
      'INVALID_PARAMETER',
      `media path leaves the media root via a symlink: ${relative}`,
    )
  }
  // A FIFO, socket or device would block (or never end) when opened or probed.
  const kind = await stat(real).catch(() => undefined)
  if (!kind?.isFile() && !kind?.isDirectory())
    return reject('INVALID_PARAMETER', `media path is not a regular file or directory: ${relative}`)
  return accept(real)
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)
}

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'unknown error'
}
