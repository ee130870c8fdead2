// A dialect request's body as its contract asks for it (raw bytes, JSON or form pairs). Decoding
// problems are INVALID_PARAMETER `body`, answered in the dialect's shape, never a 500.
import { AppError } from '../../core/errors.ts'
import { parseQuery, type QueryPair } from '../../core/encoding/query.ts'
import type { BodyKind } from './contract.ts'

const EMPTY = Buffer.alloc(0)
const UTF8 = new TextDecoder('utf-8', { fatal: true })

function badBody(why: string): AppError {
  return new AppError('INVALID_PARAMETER', `body: ${why}`, { details: { parameter: 'body' } })
}

/** True when a decoded JSON value holds NUL in any string (PostgreSQL text cannot store it). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (Array.isArray(value)) return value.some(holdsNul)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([k, v]) => k.includes('\0') || holdsNul(v))
  return false
}

/** The bytes as UTF-8 text, or undefined when they are not UTF-8 (never a lossy decode). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

function text(bytes: Buffer): string {
  const decoded = utf8Text(bytes)
  if (decoded === undefined) throw badBody('not UTF-8')
  return decoded
}

export function decodeBody(
  kind: BodyKind,
  body: unknown,
): { bytes: Buffer; json?: unknown; form?: readonly QueryPair[] } {
  const bytes = Buffer.isBuffer(body) ? body : EMPTY
  if (kind === 'raw' || bytes.length === 0) return kind === 'form' ? { bytes, form: [] } : { bytes }
  if (kind === 'json') {
    let json: unknown
    try {
      json = JSON.parse(text(bytes))
    } catch (error) {
      if (error instanceof AppError) throw error
      throw badBody('not JSON')
    }
    if (holdsNul(json)) throw badBody('holds NUL')
    return { bytes, json }
  }
  const form = parseQuery(text(bytes))
  if (!form) throw badBody('malformed escape')
  if (form.some(([name, value]) => name.includes('\0') || value.includes('\0')))
    throw badBody('holds NUL')
  return { bytes, form }
}
