// Whether a write creates, updates or leaves a record unchanged: an import counts each, and a
// service writes (and audits) only what changes.

export type Outcome = 'created' | 'updated' | 'unchanged'

/** Equal as data: key order of maps does not matter. */
export function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b)
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  )
}

export function outcomeOf(stored: unknown, current: unknown, wanted: unknown): Outcome {
  if (stored === undefined) return 'created'
  return same(current, wanted) ? 'unchanged' : 'updated'
}
