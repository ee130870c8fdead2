// Checks made before anything is written at start-up: can the data directory be written, is the
// port free. Each answers with the errno and a plain reason; main.ts names the setting.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'

export type Preflight = { ok: true } | { ok: false; errno: string; reason: string }

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  ENOSPC: 'the disk is full',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'that address is not one of this machine’s',
  ENOTFOUND: 'the host name does not resolve',
}

export function reasonOf(error: unknown): { errno: string; reason: string } {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? 'ERROR'
  return { errno, reason: REASONS[errno] ?? (error as Error).message }
}

/** Creates `dir` if needed and writes (then removes) a probe file in it. */
export function checkWritableDir(dir: string): Preflight {
  try {
    mkdirSync(dir, { recursive: true })
    const probe = join(dir, `.playgate-write-check-${process.pid}`)
    writeFileSync(probe, '')
    rmSync(probe)
    return { ok: true }
  } catch (error) {
    return { ok: false, ...reasonOf(error) }
  }
}

/**
 * Binds host:port and lets it go again, answering the port it got: for port 0, a free one the OS
 * chose, which the server then listens on (see main.ts).
 */
export function checkCanListen(
  host: string,
  port: number,
): Promise<{ ok: true; port: number } | Extract<Preflight, { ok: false }>> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (error) => resolve({ ok: false, ...reasonOf(error) }))
    server.listen({ host, port, exclusive: true }, () => {
      const bound = (server.address() as AddressInfo).port
      server.close(() => resolve({ ok: true, port: bound }))
    })
  })
}
