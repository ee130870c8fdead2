// Which methods a path has routes for, so a request with another method gets 405 with `Allow`
// instead of looking like an unknown path. Fed by an onRoute hook; catch-alls (`…/*`) are left
// out. Constrained routes (the vendor dialects at `/`, chosen by protocol markers) count: a
// method they take is no 405 when a request of it lacks the markers.
import type { RouteOptions } from 'fastify'

interface Pattern {
  readonly regex: RegExp
  readonly methods: Set<string>
}

export interface RouteMethods {
  add(route: RouteOptions): void
  /** The methods routed for `path` (sorted), or none when no route matches it. */
  allowed(path: string): string[]
}

function toRegex(url: string): RegExp {
  const body = url
    .replace(/\/+$/, '')
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) return '[^/]+'
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${body}/?$`)
}

export function createRouteMethods(): RouteMethods {
  const patterns = new Map<string, Pattern>()
  return {
    add(route) {
      // Catch-alls (the edge's `/*`) say nothing about which methods a path has.
      if (route.url.endsWith('*')) return
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      let pattern = patterns.get(route.url)
      if (!pattern) {
        pattern = { regex: toRegex(route.url), methods: new Set() }
        patterns.set(route.url, pattern)
      }
      for (const method of methods) pattern.methods.add(method)
    },
    allowed(path) {
      const found = new Set<string>()
      for (const pattern of patterns.values())
        if (pattern.regex.test(path)) for (const m of pattern.methods) found.add(m)
      return [...found].sort()
    },
  }
}
