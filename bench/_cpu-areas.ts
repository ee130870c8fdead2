// Where a server thread's CPU goes, by area, from a V8 CPU profile taken in-process (node:inspector)
// over a bench's measured window: each sample's self time is charged to PlayGate's module folders,
// the libraries, Node's HTTP stack, OpenSSL, SQLite, garbage collection or the kernel's socket
// writes. Built-ins without a script (JSON.stringify, base64) are charged to their nearest caller
// that has one, so "core/schemes" includes the JSON its PlayAuth makes. Used by the profiling
// drivers (`PROFILE_AREAS=1`); the shares times the CPU per request give µs per request per area.
import { Session } from 'node:inspector/promises'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
  readonly children?: readonly number[]
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** Starts sampling this thread every 100 µs; the returned stop() gives the profile. */
export async function startProfile(): Promise<() => Promise<CpuProfile>> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    return profile as CpuProfile
  }
}

// Kernel work done inside these native calls: for a server, the socket writes (on loopback the
// sender's write also runs the receiver's TCP path and wakes it).
const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String'])

/** The area of a frame that has a script, or undefined for a built-in. */
function areaOfScript(url: string): string | undefined {
  if (url === '') return undefined
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (dep) {
    const name = dep[1]!
    if (name === 'kysely' || name === 'better-sqlite3' || name === 'pg')
      return 'storage (SQLite/PostgreSQL driver)'
    if (
      name === 'fastify' ||
      name === 'find-my-way' ||
      name.startsWith('@fastify/') ||
      name === 'avvio' ||
      name === 'light-my-request'
    )
      return 'Fastify (routing, hooks, reply)'
    if (name === 'pino' || name === 'sonic-boom') return 'logging (pino)'
    if (name === 'prom-client') return 'metrics (prom-client)'
    return `library ${name}`
  }
  const own = /\/(src|bench)\/((?:[^/]+\/)?[^/.]+)/.exec(url)
  if (own) return own[1] === 'bench' ? 'the bench itself' : own[2]!
  if (url.startsWith('node:internal/crypto') || url === 'node:crypto')
    return 'node:crypto (OpenSSL)'
  if (
    url === 'node:buffer' ||
    url.startsWith('node:internal/buffer') ||
    url === 'node:internal/encoding'
  )
    return 'node:buffer, TextEncoder (bytes ↔ text)'
  if (url.startsWith('node:inspector')) return 'the profiler itself'
  if (url.startsWith('node:')) return 'Node (HTTP, streams, events, ticks)'
  return 'other scripts'
}

/** Share of the profile's busy time (idle excluded) per area, largest first. */
export function cpuAreas(profile: CpuProfile): [area: string, share: number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const areaOf = new Map<number, string>()
  const resolve = (id: number): string => {
    const known = areaOf.get(id)
    if (known !== undefined) return known
    const { functionName, url } = byId.get(id)!.callFrame
    let area: string
    if (functionName === '(garbage collector)') area = 'garbage collection'
    else if (functionName === '(program)') area = 'V8 (unattributed)'
    else if (SOCKET_WRITES.has(functionName) && url === '') area = 'kernel: socket writes'
    else {
      const up = parent.get(id)
      area = areaOfScript(url) ?? (up === undefined ? 'other natives' : resolve(up))
    }
    areaOf.set(id, area)
    return area
  }
  const time = new Map<string, number>()
  let busy = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue
    const dt = profile.timeDeltas[i] ?? 0
    const area = resolve(id)
    time.set(area, (time.get(area) ?? 0) + dt)
    busy += dt
  }
  return [...time]
    .map(([area, t]): [string, number] => [area, busy > 0 ? t / busy : 0])
    .sort((a, b) => b[1] - a[1])
}

/** Rows of `area  share  µs/request` (µs when the CPU per request is known). */
export function formatAreas(areas: [string, number][], cpuMicros: number | undefined): string {
  return areas
    .filter(([, share]) => share >= 0.005)
    .map(
      ([area, share]) =>
        `  ${area.padEnd(40)} ${(share * 100).toFixed(1).padStart(5)} %` +
        (cpuMicros === undefined ? '' : `  ${(share * cpuMicros).toFixed(1).padStart(6)} µs`),
    )
    .join('\n')
}
