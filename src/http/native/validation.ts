// How the native API checks request parts: TypeBox's own checker, with no coercion of bodies
// (JSON has types; `"5"` is not 5, and unknown properties are errors, not silently dropped as with
// Fastify's default AJV) and a strict, shallow conversion of path and query strings.
import { TypeBoxValidatorCompiler, type TSchema } from '@fastify/type-provider-typebox'
import type { FastifySchemaCompiler } from 'fastify'
import { issueReason } from './validation-reason.ts'

const INTEGER = /^-?(0|[1-9][0-9]*)$/
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/

interface FlatSchema {
  properties?: Record<string, { type?: unknown }>
}

/**
 * Turns the query or path strings that are exactly an integer, a decimal or `true`/`false` into
 * the declared type. Anything else is left alone for the checker to reject, unlike TypeBox's
 * Value.Convert, which reads `1.5` and `true` as the integer 1.
 */
export function convertStrings(schema: unknown, value: unknown): unknown {
  const properties = (schema as FlatSchema | undefined)?.properties
  if (!properties || typeof value !== 'object' || value === null || Array.isArray(value))
    return value
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [name, raw] of Object.entries(out)) {
    const type = properties[name]?.type
    if (typeof raw !== 'string') continue
    if (type === 'integer' && INTEGER.test(raw)) out[name] = Number(raw)
    else if (type === 'number' && NUMBER.test(raw)) out[name] = Number(raw)
    else if (type === 'boolean' && (raw === 'true' || raw === 'false')) out[name] = raw === 'true'
  }
  return out
}

type CheckResult = { value?: unknown; error?: Record<string, unknown>[] }

export const nativeValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  // The provider's compiler converts every part but the body; told "body", it only checks.
  const check = TypeBoxValidatorCompiler({ ...route, httpPart: 'body' }) as (
    value: unknown,
  ) => CheckResult
  const withReasons = (result: CheckResult): CheckResult => {
    // Each issue carries why it failed, in words, for the error message.
    for (const issue of result.error ?? []) issue.reason = issueReason(route.schema, issue)
    return result
  }
  const validate =
    route.httpPart === 'body'
      ? (value: unknown) => withReasons(check(value))
      : (value: unknown) => withReasons(check(convertStrings(route.schema, value)))
  return validate as ReturnType<FastifySchemaCompiler<TSchema>>
}
