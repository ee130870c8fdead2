// Why a native request part failed its schema, in words an operator can act on: the failing
// field's rule as the schema states it ("must be an integer from 1 to 100", "must be one of
// active, suspended, disabled", "is not a field of this request; the fields are: …"). The
// validator attaches it to each issue; to-app-error.ts puts it in the error's message (#12).

type Schema = Record<string, unknown>

const NO_NUL = '^[^\\u0000]*$'

/** The schema a JSON pointer (`#/properties/tags/items`) names inside `root`. */
function resolvePointer(root: unknown, pointer: string): Schema | undefined {
  let at: unknown = root
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~')
    if (typeof at !== 'object' || at === null) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return typeof at === 'object' && at !== null ? (at as Schema) : undefined
}

const num = (value: unknown) => (typeof value === 'number' ? value : undefined)

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ')

function range(kind: string, min: number | undefined, max: number | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return `${kind} of ${min} to ${max}${unit}`
  if (min !== undefined) return `${kind} of at least ${min}${unit}`
  if (max !== undefined) return `${kind} of at most ${max}${unit}`
  return kind
}

/**
 * A short pattern is the rule itself; a long one (a host name's) reads as noise, and the "no NUL
 * character" pattern of free text says nothing worth reading.
 */
function pattern(text: unknown): string {
  if (typeof text !== 'string' || text === NO_NUL) return ''
  return text.length <= 40 ? ` matching ${text}` : ' in the format /openapi.json gives'
}

/** What a schema allows, after "must be". */
export function describeSchema(schema: Schema): string {
  const anyOf = schema.anyOf as Schema[] | undefined
  if (anyOf) {
    const consts = anyOf.filter((s) => s.const !== undefined).map((s) => s.const)
    if (consts.length === anyOf.length) return `one of ${list(consts)}`
    const others = anyOf.filter((s) => s.type !== 'null')
    const nullable = others.length < anyOf.length ? ' or null' : ''
    return others.map(describeSchema).join(', or ') + nullable
  }
  if (Array.isArray(schema.enum)) return `one of ${list(schema.enum as unknown[])}`
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const kind = schema.type === 'integer' ? 'an integer' : 'a number'
      const min = schema.minimum as number | undefined
      const max = schema.maximum as number | undefined
      if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`
      if (min !== undefined) return `${kind} of at least ${min}`
      if (max !== undefined) return `${kind} of at most ${max}`
      return kind
    }
    case 'boolean':
      return 'true or false'
    case 'string':
      if (schema.format === 'date-time') return 'an ISO 8601 date-time (2026-01-01T00:00:00Z)'
      return (
        range('a string', num(schema.minLength), num(schema.maxLength), ' characters') +
        pattern(schema.pattern)
      )
    case 'array':
      return range('an array', num(schema.minItems), num(schema.maxItems), ' items')
    case 'object':
      return 'an object'
    default:
      return 'a valid value'
  }
}

interface Issue {
  keyword?: string
  schemaPath?: string
  params?: Record<string, unknown>
}

/** The reason of one issue against the route part's schema; undefined when there is none to give. */
export function issueReason(root: unknown, issue: Issue): string | undefined {
  const path = issue.schemaPath ?? ''
  if (issue.keyword === 'required') return undefined
  // An unknown property: TypeBox reports the false `additionalProperties` schema it met.
  const unknownField =
    issue.keyword === 'additionalProperties' ||
    (issue.keyword === 'boolean' && path.endsWith('/additionalProperties'))
  if (unknownField) {
    const owner = resolvePointer(root, path.replace(/\/additionalProperties$/, ''))
    const fields = Object.keys((owner?.properties as Schema | undefined) ?? {})
    return `is not a field of this request${fields.length ? `; the fields are: ${list(fields)}` : ''}`
  }
  // A failed branch of a union (`…/anyOf/1`): describe the union, not one branch.
  const schema = resolvePointer(root, path.replace(/(\/anyOf\/\d+)+$/, ''))
  return schema ? `must be ${describeSchema(schema)}` : undefined
}
