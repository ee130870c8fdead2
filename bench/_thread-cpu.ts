// On-CPU time of a thread or process from Linux's schedstat, for "CPU per request" columns:
// unlike requests per second, it barely moves when other work on a shared machine takes turns
// on the same cores. Undefined where /proc is not there (the columns then show "-").
import { readFileSync } from 'node:fs'

function schedstatMs(path: string): number | undefined {
  try {
    const ns = Number(readFileSync(path, 'utf8').split(' ')[0])
    return Number.isFinite(ns) ? ns / 1e6 : undefined
  } catch {
    return undefined
  }
}

/** Milliseconds the calling thread has run on a CPU. */
export const threadCpuMs = (): number | undefined => schedstatMs('/proc/thread-self/schedstat')

/** Milliseconds the main thread of process `pid` has run on a CPU (nginx workers have one). */
export const processCpuMs = (pid: number): number | undefined =>
  schedstatMs(`/proc/${pid}/schedstat`)

/** `after - before` per request in microseconds, or undefined when either reading is missing. */
export function cpuMicrosPerRequest(
  before: number | undefined,
  after: number | undefined,
  requests: number,
): number | undefined {
  if (before === undefined || after === undefined || requests <= 0) return undefined
  return ((after - before) * 1000) / requests
}
