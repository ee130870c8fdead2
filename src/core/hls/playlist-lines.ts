// One playlist line at a time: whether it is a tag, a URI, a comment or blank, where each URI in
// it sits, and the small readers (attribute lists, integers, tag values) every tag parser shares.
import { AppError } from '../errors.ts'
import { parseAttributeList, type Attribute } from './attribute-list.ts'
import type { PlaylistLine, UriForm, UriRole, UriSpan } from './playlist.ts'

const URI_ROLE_OF_TAG: Readonly<Record<string, UriRole>> = {
  'EXT-X-KEY': 'key',
  'EXT-X-SESSION-KEY': 'session-key',
  'EXT-X-MAP': 'map',
  'EXT-X-MEDIA': 'rendition',
  'EXT-X-I-FRAME-STREAM-INF': 'i-frame-variant',
  'EXT-X-SESSION-DATA': 'session-data',
  'EXT-X-PART': 'part',
  'EXT-X-PRELOAD-HINT': 'preload-hint',
  'EXT-X-RENDITION-REPORT': 'rendition-report',
  'EXT-X-CONTENT-STEERING': 'steering',
}

/** Attributes whose quoted value is a URI: RFC 8216bis names plus HLS interstitials' `X-ASSET-*`. */
const URI_ATTRIBUTES = new Set(['URI', 'SERVER-URI', 'X-ASSET-URI', 'X-ASSET-LIST'])

const DECIMAL_INTEGER = /^\d{1,16}$/
export const DECIMAL_FLOAT = /^(\d+(\.\d*)?|\.\d+)$/

/** Classifies a URI reference (RFC 3986 §4.1) without resolving it. */
export function uriForm(uri: string): UriForm {
  if (uri.startsWith('//')) return 'network-path'
  if (uri.startsWith('/')) return 'path-absolute'
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return 'absolute'
  return 'relative'
}

export function classify(text: string, index: number): PlaylistLine {
  const trimmed = text.trim()
  if (trimmed === '') return { text, kind: 'blank', tag: null, uris: [] }
  if (trimmed.startsWith('#EXT')) {
    const colon = text.indexOf(':')
    const tag = (colon < 0 ? trimmed : text.slice(0, colon)).slice(1).trim()
    const role = URI_ROLE_OF_TAG[tag] ?? 'other'
    const uris: UriSpan[] = []
    if (colon >= 0 && (role !== 'other' || tag === 'EXT-X-DATERANGE')) {
      for (const a of attributesAt(text, colon + 1, index)) {
        if (!URI_ATTRIBUTES.has(a.name)) continue
        if (!a.quoted) throw lineError(index, `${tag} ${a.name} must be a quoted string`)
        uris.push({ role, attribute: a.name, value: a.value, form: uriForm(a.value), ...span(a) })
      }
    }
    return { text, kind: 'tag', tag, uris }
  }
  if (trimmed.startsWith('#')) return { text, kind: 'comment', tag: null, uris: [] }
  const start = text.indexOf(trimmed)
  // The role of a URI line depends on the tag before it; parseMaster/parseMedia settle it.
  const uri: UriSpan = {
    role: 'other',
    attribute: null,
    value: trimmed,
    form: uriForm(trimmed),
    start,
    end: start + trimmed.length,
  }
  return { text, kind: 'uri', tag: null, uris: [uri] }
}

export function integerOf(value: string, line: number, what: string): number {
  if (!DECIMAL_INTEGER.test(value.trim())) throw lineError(line, `bad ${what} "${value}"`)
  return Number(value.trim())
}

export function tagValue(line: PlaylistLine): string {
  const colon = line.text.indexOf(':')
  return colon < 0 ? '' : line.text.slice(colon + 1).trim()
}

export function withRole(line: PlaylistLine, role: UriRole): PlaylistLine {
  return { ...line, uris: line.uris.map((u) => ({ ...u, role })) }
}

function span(a: Attribute): { start: number; end: number } {
  return { start: a.start, end: a.end }
}

export function attributesAt(text: string, from: number, line: number): Attribute[] {
  try {
    return parseAttributeList(text, from)
  } catch (error) {
    throw lineError(line, error instanceof AppError ? error.message : 'bad attribute list')
  }
}

export function lineError(index: number, reason: string): AppError {
  return new AppError('INVALID_PARAMETER', `HLS playlist line ${index + 1}: ${reason}`)
}
