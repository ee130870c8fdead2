// Query-string parsing that keeps order and duplicates, and reports malformed escapes.

import { formDecode } from './percent.ts'

export type QueryPair = readonly [name: string, value: string]

/** Parses `a=1&b=2` (no leading '?'); undefined when an escape is malformed. */
export function parseQuery(query: string): QueryPair[] | undefined {
  const pairs: QueryPair[] = []
  if (query === '') return pairs
  for (const part of query.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = formDecode(eq < 0 ? part : part.slice(0, eq))
    const value = formDecode(eq < 0 ? '' : part.slice(eq + 1))
    if (name === undefined || value === undefined) return undefined
    pairs.push([name, value])
  }
  return pairs
}

/** Splits a request target into path and raw query (without '?'). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?')
  return q < 0
    ? { path: target, query: '' }
    : { path: target.slice(0, q), query: target.slice(q + 1) }
}
