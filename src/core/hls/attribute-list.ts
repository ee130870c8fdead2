// HLS attribute lists (RFC 8216 §4.2): `NAME=value,NAME="quoted"`, with each value's position in
// the line kept so a rewriter can replace one value without touching the rest of the tag.
import { AppError } from '../errors.ts'

export interface Attribute {
  readonly name: string
  /** The value as written, without surrounding quotes. */
  readonly value: string
  readonly quoted: boolean
  /** [start, end) of `value` in the text that was parsed, quotes excluded. */
  readonly start: number
  readonly end: number
}

const NAME = /^[A-Z0-9-]+$/

/**
 * Parses the attribute list that starts at `from` in `text` (a whole tag line). Tolerates spaces
 * after commas, which some packagers write; rejects unterminated quotes and nameless values.
 */
export function parseAttributeList(text: string, from: number): Attribute[] {
  const attributes: Attribute[] = []
  let i = from
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++
    if (i >= text.length) break
    const eq = text.indexOf('=', i)
    if (eq < 0) throw malformed(`attribute without "=" at column ${i + 1}`)
    const name = text.slice(i, eq).trim()
    if (!NAME.test(name)) throw malformed(`bad attribute name "${name}" at column ${i + 1}`)
    let start = eq + 1
    let end: number
    let next: number
    const quoted = text[start] === '"'
    if (quoted) {
      start++
      end = text.indexOf('"', start)
      if (end < 0) throw malformed(`unterminated quoted value for ${name}`)
      next = end + 1
      while (text[next] === ' ' || text[next] === '\t') next++
      if (next < text.length && text[next] !== ',') {
        throw malformed(`unexpected text after the quoted value of ${name}`)
      }
    } else {
      const comma = text.indexOf(',', start)
      end = comma < 0 ? text.length : comma
      while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--
      next = comma < 0 ? text.length : comma
    }
    attributes.push({ name, value: text.slice(start, end), quoted, start, end })
    i = next + 1
  }
  return attributes
}

/** The value of the first attribute called `name`, or null. */
export function attributeValue(attributes: readonly Attribute[], name: string): string | null {
  return attributes.find((a) => a.name === name)?.value ?? null
}

function malformed(reason: string): AppError {
  return new AppError('INVALID_PARAMETER', `HLS attribute list: ${reason}`)
}
