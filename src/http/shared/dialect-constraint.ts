// Several vendor APIs live at `/` (their SDKs only let users change the host). A Fastify route
// constraint tells them apart by the protocol markers each dialect declares (contract.ts
// RootMarkers), so each registers its own `/` route: `constraints: { dialect: '<name>' }`.
import type { IncomingMessage } from 'node:http'
import type { Dialect } from '../dialects/contract.ts'

interface Compiled {
  readonly name: string
  readonly headers: readonly string[]
  readonly authorizationPrefixes: readonly string[]
  readonly unique: RegExp | undefined
  readonly shared: RegExp | undefined
}

function queryPattern(names: readonly string[] | undefined): RegExp | undefined {
  if (!names?.length) return undefined
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`(?:^|[?&])(?:${escaped.join('|')})=`)
}

function compile(dialects: readonly Pick<Dialect, 'name' | 'mount'>[]): Compiled[] {
  return dialects.flatMap(({ name, mount }) => {
    const markers = mount.root?.markers
    if (!markers) return []
    return [
      {
        name,
        headers: (markers.headers ?? []).map((h) => h.toLowerCase()),
        authorizationPrefixes: markers.authorizationPrefixes ?? [],
        unique: queryPattern(markers.uniqueQueryNames),
        shared: queryPattern(markers.sharedQueryNames),
      },
    ]
  })
}

/**
 * Which dialect sent a request to `/`, judged by headers and query names only: header markers
 * beat unique query names, which beat shared ones; ties go to registry order.
 */
export function createDetector(
  dialects: readonly Pick<Dialect, 'name' | 'mount'>[],
): (req: IncomingMessage) => string | undefined {
  const compiled = compile(dialects)
  return (req) => {
    const h = req.headers
    const authorization = typeof h.authorization === 'string' ? h.authorization : undefined
    for (const d of compiled) {
      if (d.headers.some((name) => h[name] !== undefined)) return d.name
      if (authorization && d.authorizationPrefixes.some((p) => authorization.startsWith(p)))
        return d.name
    }
    const url = req.url ?? ''
    const q = url.indexOf('?')
    if (q < 0) return undefined
    const query = url.slice(q)
    for (const d of compiled) if (d.unique?.test(query)) return d.name
    for (const d of compiled) if (d.shared?.test(query)) return d.name
    return undefined
  }
}

/** A Fastify constraint strategy over the dialects' markers. */
export function createDialectConstraint(dialects: readonly Pick<Dialect, 'name' | 'mount'>[]) {
  const detect = createDetector(dialects)
  return {
    name: 'dialect',
    storage() {
      const handlers = new Map<string, unknown>()
      return {
        get: (value: string) => handlers.get(value) ?? null,
        set: (value: string, store: unknown) => void handlers.set(value, store),
      }
    },
    deriveConstraint: (req: IncomingMessage) => detect(req) ?? '',
    mustMatchWhenDerived: false,
    validate(value: unknown) {
      if (typeof value !== 'string') throw new TypeError('dialect constraint must be a string')
    },
  }
}
