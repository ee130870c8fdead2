// Reading an import document: JSON or YAML text (shape limits measured first, the first syntax
// error with its line), and every schema violation worded as a Problem with its path.
import type { TSchema } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import { Composer, LineCounter, Parser, YAMLParseError, type CST, type Document } from 'yaml'
import { ImportDocumentSchema, type Problem } from './import-document.ts'
import {
  IMPORT_LIMITS,
  jsonShapeProblem,
  yamlShapeProblem,
  type ImportLimits,
} from './import-limits.ts'

/** `/tenants/0/videos/2/title` → `tenants[0].videos[2].title`. */
export function toProblemPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => {
      if (/^\d+$/.test(part)) return `${out}[${part}]`
      if (!/^[A-Za-z_$][\w$]*$/.test(part)) return `${out}[${JSON.stringify(part)}]`
      return out === '' ? part : `${out}.${part}`
    }, '')
}

/** Every schema violation, one per path, worded for the person who wrote the file. */
export function schemaProblems(schema: TSchema, value: unknown, prefix = ''): Problem[] {
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of Value.Errors(schema, value)) {
    const path = join(prefix, toProblemPath(error.path))
    if (seen.has(path)) continue
    seen.add(path)
    problems.push({ path, message: describe(error) })
  }
  return problems
}

function join(prefix: string, path: string): string {
  if (prefix === '') return path
  if (path === '') return prefix
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`
}

type Schema = Record<string, unknown>

const WORDING: Partial<Record<ValueErrorType, (schema: Schema) => string>> = {
  [ValueErrorType.ObjectRequiredProperty]: () => 'is required',
  [ValueErrorType.ObjectAdditionalProperties]: () => 'is not a known field',
  [ValueErrorType.Union]: (schema) => {
    const anyOf = (schema.anyOf ?? []) as Schema[]
    const consts = anyOf.filter((s) => 'const' in s).map((s) => String(s.const))
    if (consts.length === anyOf.length) return `must be one of: ${consts.join(', ')}`
    if (anyOf.some((s) => s.type === 'null')) return 'must be a non-empty string or null'
    return 'has the wrong type'
  },
  [ValueErrorType.Literal]: (schema) => `must be ${JSON.stringify(schema.const)}`,
  [ValueErrorType.String]: () => 'must be a string',
  [ValueErrorType.StringMinLength]: (schema) =>
    schema.minLength === 1 ? 'must not be empty' : `is shorter than ${String(schema.minLength)}`,
  [ValueErrorType.StringMaxLength]: (schema) =>
    `must be at most ${String(schema.maxLength)} characters`,
  [ValueErrorType.StringPattern]: (schema) =>
    typeof schema.problem === 'string' ? schema.problem : `must match ${String(schema.pattern)}`,
  [ValueErrorType.Integer]: () => 'must be an integer',
  [ValueErrorType.IntegerMinimum]: (schema) => `must be at least ${String(schema.minimum)}`,
  [ValueErrorType.IntegerMaximum]: (schema) => `must be at most ${String(schema.maximum)}`,
  [ValueErrorType.Number]: () => 'must be a number',
  [ValueErrorType.NumberMinimum]: (schema) => `must be at least ${String(schema.minimum)}`,
  [ValueErrorType.NumberMaximum]: (schema) => `must be at most ${String(schema.maximum)}`,
  [ValueErrorType.Boolean]: () => 'must be true or false',
  [ValueErrorType.Array]: () => 'must be a list',
  [ValueErrorType.ArrayMinItems]: (schema) => `must have at least ${String(schema.minItems)} items`,
  [ValueErrorType.ArrayMaxItems]: (schema) => `must have at most ${String(schema.maxItems)} items`,
  [ValueErrorType.ObjectMaxProperties]: (schema) =>
    `must have at most ${String(schema.maxProperties)} entries`,
  [ValueErrorType.Object]: () => 'must be a mapping of fields',
}

function describe(error: ValueError): string {
  const wording = WORDING[error.type]
  if (wording) return wording(error.schema)
  return error.message.charAt(0).toLowerCase() + error.message.slice(1)
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; problems: Problem[] }

/**
 * Parses an import file. JSON is read as JSON (exact error positions); anything else as YAML 1.2,
 * whose core schema keeps `2026-01-05T09:00:00Z` a string; duplicate keys are refused. The shape
 * is measured against `limits` before anything is built (import-limits.ts).
 */
export function parseImportText(
  text: string,
  syntax: 'json' | 'yaml',
  limits: ImportLimits = IMPORT_LIMITS,
): ParsedText {
  if (syntax === 'json') {
    const over = jsonShapeProblem(text, limits)
    if (over) return { ok: false, problems: [{ path: '', message: over.message }] }
    try {
      return { ok: true, value: JSON.parse(text) as unknown }
    } catch (error) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${messageOf(error)}` }] }
    }
  }
  const lines = new LineCounter()
  const tokens = [...new Parser(lines.addNewLine).parse(text)]
  const over = yamlShapeProblem(tokens, limits)
  if (over) {
    if (over.offset === undefined)
      return { ok: false, problems: [{ path: '', message: over.message }] }
    const at = lines.linePos(over.offset)
    const where = `line ${at.line}, column ${at.col}: `
    return {
      ok: false,
      problems: [{ path: '', message: `not valid YAML: ${where}${over.message}` }],
    }
  }
  const doc = firstDocument(tokens, text.length)
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0])
        const where = `line ${at.line}, column ${at.col}: `
        return { path: '', message: `not valid YAML: ${where}${firstLine(e.message)}` }
      }),
    }
  }
  try {
    // Aliases are capped so a small file cannot expand into a huge one.
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown }
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `not valid YAML: ${messageOf(error)}` }] }
  }
}

/** yaml's parseDocument from tokens already measured; keys were checked for duplicates. */
function firstDocument(tokens: CST.Token[], end: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: false })
  let first: Document.Parsed | undefined
  for (const doc of composer.compose(tokens, true, end)) {
    if (!first) first = doc
    else {
      first.errors.push(
        new YAMLParseError(
          doc.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      )
      break
    }
  }
  return first!
}

/** The syntax a file name or content type implies: JSON for `.json` / `application/json`. */
export function syntaxOf(nameOrType: string): 'json' | 'yaml' {
  return /(\.json$|[/+]json\b)/i.test(nameOrType.trim()) ? 'json' : 'yaml'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error)
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
}

/** Field names in the order the format declares them, to sort problems the way files read. */
// Built on first use: import-document.ts re-exports this module, so its schema is not ready yet
// while this module loads.
let fieldOrder: Map<string, number> | undefined
const FIELD_ORDER = () =>
  (fieldOrder ??= (() => {
    const names: string[] = []
    const walk = (schema: TSchema) => {
      const inner = (schema.items ?? schema) as TSchema
      for (const [name, child] of Object.entries(
        (inner.properties ?? {}) as Record<string, TSchema>,
      )) {
        if (!names.includes(name)) names.push(name)
        walk(child)
      }
    }
    walk(ImportDocumentSchema)
    return new Map(names.map((n, i) => [n, i]))
  })())

/** In file order: list indexes as numbers, fields as the format declares them, unknown ones last. */
export function sortProblems(problems: Problem[]): Problem[] {
  const key = (path: string) =>
    (path.match(/\[\d+\]|[^.[\]]+/g) ?? []).map((part) =>
      part.startsWith('[') ? Number(part.slice(1, -1)) : (FIELD_ORDER().get(part) ?? 1e6),
    )
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
    return a.length - b.length
  }
  return problems
    .map((p, i) => ({ p, i, k: key(p.path) }))
    .sort((a, b) => compare(a.k, b.k) || a.i - b.i)
    .map((x) => x.p)
}
