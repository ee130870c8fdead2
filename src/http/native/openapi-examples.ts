// Examples for every operation of the OpenAPI document, so the docs page's "Try it out" starts
// from a request that works. They are recorded, not written by hand: test/http/native/
// openapi-examples.test.ts runs each example request against a real server seeded with the demo
// catalog and writes what it sent and what came back to docs/openapi-examples.json (and fails
// when that file no longer matches the server).
import { readFileSync } from 'node:fs'

/** One operation's recorded example: the request sent and the response it got. */
export interface OperationExample {
  readonly method: string
  /** The OpenAPI path (`/v1/videos/{id}`). */
  readonly path: string
  readonly params?: Readonly<Record<string, string>>
  readonly query?: Readonly<Record<string, string>>
  readonly contentType?: string
  readonly body?: unknown
  readonly status: number
  /** Absent for an empty response (204). */
  readonly response?: unknown
}

// The same relative path from src/http/native and dist/http/native.
export const EXAMPLES_FILE = new URL('../../../docs/openapi-examples.json', import.meta.url)

export function readExamples(): OperationExample[] {
  try {
    return JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as OperationExample[]
  } catch {
    // A document without examples still describes the API; the test notices the missing file.
    return []
  }
}

interface Parameter {
  in: string
  name: string
  example?: unknown
}
interface Media {
  schema?: unknown
  example?: unknown
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, Media> }
  responses: Record<string, { description?: string; content?: Record<string, Media> }>
}
interface Document {
  paths?: Record<string, Record<string, Operation>>
}

/** The import route parses its own body (JSON or YAML), so its schema says nothing of it. */
function importBody(example: OperationExample): NonNullable<Operation['requestBody']> {
  const schema = { type: 'object', description: 'The fixture document of docs/import.md.' }
  return {
    required: true,
    content: {
      'application/json': { schema, example: example.body },
      'application/yaml': { schema: { type: 'string' } },
    },
  }
}

function applyExample(op: Operation, example: OperationExample): void {
  for (const parameter of op.parameters ?? []) {
    const values = parameter.in === 'path' ? example.params : example.query
    const value = values?.[parameter.name]
    if (value !== undefined) parameter.example = value
  }
  if (example.body !== undefined) {
    if (!op.requestBody) op.requestBody = importBody(example)
    else {
      const media = op.requestBody.content[example.contentType ?? 'application/json']
      if (media) media.example = example.body
    }
  }
  const media = op.responses[String(example.status)]?.content?.['application/json']
  if (media && example.response !== undefined) media.example = example.response
}

/** Adds the recorded examples to a generated OpenAPI document (in place) and returns it. */
export function withExamples<T>(document: T, examples: readonly OperationExample[]): T {
  const paths = (document as Document).paths ?? {}
  for (const example of examples) {
    const op = paths[example.path]?.[example.method.toLowerCase()]
    if (op) applyExample(op, example)
  }
  return document
}
