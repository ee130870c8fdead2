// Config files: YAML (.yaml, .yml) or JSON (.json; any other name is tried as JSON, then YAML),
// holding sections of settings. A key that is no setting is a problem, as an unknown PLAYGATE_*
// variable is, so a typo in a file never passes in silence.
import type { TObject, TSchema } from '@sinclair/typebox'
import { parse as parseYaml } from 'yaml'

export interface FileSettings {
  /** Every leaf found, by its path (`["http", "port"]`). */
  readonly values: { path: string[]; value: unknown }[]
}

function parseText(path: string, text: string): unknown {
  if (/\.ya?ml$/i.test(path)) return parseYaml(text) as unknown
  if (/\.json$/i.test(path)) return JSON.parse(text) as unknown
  try {
    return JSON.parse(text) as unknown
  } catch {
    return parseYaml(text) as unknown
  }
}

/** A section's setting, or the schema of any key (limits.<dialect>, a record of actions). */
function childSchema(shape: TSchema | undefined, key: string): TSchema | undefined {
  const properties = shape?.properties as Record<string, TSchema> | undefined
  if (properties?.[key]) return properties[key]
  const additional = shape?.additionalProperties as TSchema | boolean | undefined
  if (typeof additional === 'object') return additional
  const patterns = shape?.patternProperties as Record<string, TSchema> | undefined
  return patterns ? Object.values(patterns)[0] : undefined
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads a config file into setting values. `schema` is the config schema: its sections and their
 * settings are the keys allowed; a section with `additionalProperties` (limits) takes any name.
 */
export function readConfigFile(
  path: string,
  text: string,
  schema: TObject,
  problems: string[],
): FileSettings {
  const values: FileSettings['values'] = []
  let parsed: unknown
  try {
    parsed = parseText(path, text)
  } catch (error) {
    problems.push(`config file ${path}: ${(error as Error).message.split('\n')[0]}`)
    return { values }
  }
  if (parsed === null || parsed === undefined) return { values }
  if (!isObject(parsed)) {
    problems.push(`config file ${path}: must hold an object of sections (http:, data:, …)`)
    return { values }
  }
  const walk = (node: Record<string, unknown>, at: string[], shape: TSchema | undefined) => {
    for (const [key, value] of Object.entries(node)) {
      const properties = shape?.properties as Record<string, TSchema> | undefined
      const child = childSchema(shape, key)
      const here = [...at, key]
      if (!child) {
        const known = Object.keys(properties ?? {})
        problems.push(
          `config file ${path}: unknown setting ${here.join('.')}` +
            (known.length > 0
              ? ` (${at.length === 0 ? 'sections' : at.join('.') + ' has'}: ${known.join(', ')})`
              : ''),
        )
        continue
      }
      if (child.type === 'object' && isObject(value)) walk(value, here, child)
      else values.push({ path: here, value })
    }
  }
  walk(parsed, [], schema)
  return { values }
}
