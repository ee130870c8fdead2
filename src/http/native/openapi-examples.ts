// Examples for every operation of the OpenAPI document, so the docs page's "Try it out" starts
// from a request that works, and every error response shows what the server really answers.
// They are recorded, not written by hand: test/http/native/openapi-examples.test.ts runs each
// example request (and its error variants: no token, an unknown id, a malformed body) against a
// real server seeded with the demo catalog and writes what it sent and what came back to
// docs/openapi-examples.json (and fails when that file no longer matches the server).
import { readFileSync } from 'node:fs'

/** An error response recorded for an operation (or, for 5XX, for every operation). */
export interface ErrorExample {
  /** The key in the response's `examples` map (`unauthenticated`, `notFound`, …). */
  readonly name: string
  /** What the request got wrong, as the docs page shows it. */
  readonly summary: string
  readonly status: number
  readonly response: unknown
}

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
  /** The same request gone wrong, each answered with a 4xx. */
  readonly errors?: readonly ErrorExample[]
}

/** docs/openapi-examples.json. */
export interface RecordedExamples {
  readonly operations: readonly OperationExample[]
  /** A dependency down (the audit log unwritable): the 5XX every operation can answer. */
  readonly serverError?: ErrorExample
}

// The same relative path from src/http/native and dist/http/native.
export const EXAMPLES_FILE = new URL('../../../docs/openapi-examples.json', import.meta.url)

export function readExamples(): RecordedExamples {
  try {
    return JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as RecordedExamples
  } catch {
    // A document without examples still describes the API; the test notices the missing file.
    return { operations: [] }
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
  examples?: Record<string, { summary: string; value: unknown }>
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
  for (const error of example.errors ?? []) showError(op, '4XX', error)
}

/** Under its own status when the operation documents that one (the import's 400), else the range. */
function showError(op: Operation, range: '4XX' | '5XX', error: ErrorExample): void {
  const own = op.responses[String(error.status)]?.content?.['application/json']
  const media = own ?? op.responses[range]?.content?.['application/json']
  if (!media) return
  media.examples = {
    ...media.examples,
    [error.name]: { summary: `${error.status}: ${error.summary}`, value: error.response },
  }
}

/** Adds the recorded examples to a generated OpenAPI document (in place) and returns it. */
export function withExamples<T>(document: T, examples: RecordedExamples): T {
  const paths = (document as Document).paths ?? {}
  for (const example of examples.operations) {
    const op = paths[example.path]?.[example.method.toLowerCase()]
    if (op) applyExample(op, example)
  }
  if (examples.serverError)
    for (const methods of Object.values(paths))
      for (const op of Object.values(methods)) showError(op, '5XX', examples.serverError)
  return document
}
