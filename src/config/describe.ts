// How a configuration problem reads: the setting, the bad value (masked when it is a secret),
// where it came from, and what is allowed. `log.level = "verbose" (PLAYGATE_LOG_LEVEL): must be
// one of fatal, error, warn, info, debug, trace, silent`.
import type { TSchema } from '@sinclair/typebox'

/** Settings whose values never appear in a message. */
const SECRET = /key|token|secret|password/i

/** The value as shown: JSON, secrets as ***, passwords inside URLs masked, long values cut. */
export function shownValue(path: readonly string[], value: unknown): string {
  if (SECRET.test(path[path.length - 1] ?? '')) return '***'
  let text = typeof value === 'string' ? value : JSON.stringify(value)
  text = text.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
  if (text.length > 60) text = text.slice(0, 57) + '...'
  return typeof value === 'string' ? JSON.stringify(text) : text
}

/** What the schema allows, in words. */
export function allowedValues(schema: TSchema): string {
  // A setting whose rule reads badly as a pattern says it in words (`allowed`).
  if (typeof schema.allowed === 'string') return schema.allowed
  const anyOf = schema.anyOf as TSchema[] | undefined
  if (anyOf && anyOf.every((s) => s.const !== undefined))
    return `must be one of ${anyOf.map((s) => String(s.const)).join(', ')}`
  if (schema.type === 'integer' || schema.type === 'number') {
    const kind = schema.type === 'integer' ? 'a whole number' : 'a number'
    const min = schema.minimum as number | undefined
    const max = schema.maximum as number | undefined
    if (min !== undefined && max !== undefined) return `must be ${kind} from ${min} to ${max}`
    if (min !== undefined) return `must be ${kind} of at least ${min}`
    if (max !== undefined) return `must be ${kind} of at most ${max}`
    return `must be ${kind}`
  }
  if (schema.type === 'boolean') return 'must be true or false (also 1/0, yes/no, on/off)'
  if (schema.type === 'string') {
    const parts: string[] = []
    if (schema.minLength !== undefined)
      parts.push(`at least ${String(schema.minLength)} characters`)
    if (schema.maxLength !== undefined) parts.push(`at most ${String(schema.maxLength)} characters`)
    if (schema.pattern !== undefined) parts.push(`matching ${String(schema.pattern)}`)
    return parts.length > 0 ? `must be text of ${parts.join(', ')}` : 'must be text'
  }
  return 'has the wrong type'
}

/** One problem line. `source` is `PLAYGATE_HTTP_PORT`, `--http-port`, `file x.yaml` or `default`. */
export function describeProblem(
  path: readonly string[],
  value: unknown,
  source: string,
  schema: TSchema | undefined,
  fallback: string,
): string {
  const what = schema ? allowedValues(schema) : fallback
  return `${path.join('.')} = ${shownValue(path, value)} (from ${source}): ${what}`
}
