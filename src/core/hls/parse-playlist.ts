// Parses HLS master and media playlists (RFC 8216) into typed data while keeping every original
// line and the exact position of every URI in it, so the edge can rewrite URIs and re-serialize
// the playlist byte for byte otherwise (see serialize-playlist.ts). Throws INVALID_PARAMETER.
import { AppError } from '../errors.ts'
import { attributeValue, parseAttributeList, type Attribute } from './attribute-list.ts'

/** `absolute` has a scheme (`https:`, `skd:`, `data:`); `network-path` starts with `//`. */
export type UriForm = 'absolute' | 'network-path' | 'path-absolute' | 'relative'

/** What a URI points at, from the tag (or line) that carries it. */
export type UriRole =
  | 'segment'
  | 'variant'
  | 'i-frame-variant'
  | 'rendition'
  | 'map'
  | 'key'
  | 'session-key'
  | 'session-data'
  | 'part'
  | 'preload-hint'
  | 'rendition-report'
  | 'steering'
  | 'other'

export interface UriSpan {
  readonly role: UriRole
  /** The attribute that holds it (`URI`, `SERVER-URI`), or null for a URI line. */
  readonly attribute: string | null
  readonly value: string
  readonly form: UriForm
  /** [start, end) of `value` in the line's text; quotes are outside the span. */
  readonly start: number
  readonly end: number
}

export interface PlaylistLine {
  /** The line as written, without its line break. */
  readonly text: string
  readonly kind: 'tag' | 'uri' | 'comment' | 'blank'
  /** Tag name without `#` (`EXT-X-KEY`), for tag lines only. */
  readonly tag: string | null
  readonly uris: readonly UriSpan[]
}

export interface ByteRange {
  readonly length: number
  /** null: continues where the previous sub-range of the same resource ended. */
  readonly offset: number | null
}

export interface Key {
  /** `NONE`, `AES-128`, `SAMPLE-AES`, `SAMPLE-AES-CTR`, … as written. */
  readonly method: string
  readonly uri: string | null
  readonly iv: string | null
  readonly keyFormat: string | null
  readonly keyFormatVersions: string | null
}

export interface MediaMap {
  readonly uri: string
  readonly byteRange: ByteRange | null
}

export interface Segment {
  readonly uri: string
  /** Index into `lines` of the URI line. */
  readonly line: number
  readonly duration: number
  readonly title: string
  readonly sequence: number
  readonly byteRange: ByteRange | null
  readonly discontinuity: boolean
  /** The keys in force (one per KEYFORMAT); empty when unencrypted. */
  readonly keys: readonly Key[]
  readonly map: MediaMap | null
}

export interface Resolution {
  readonly width: number
  readonly height: number
}

export interface Variant {
  readonly uri: string
  readonly line: number
  /** bits/s, peak. */
  readonly bandwidth: number
  readonly averageBandwidth: number | null
  readonly codecs: string | null
  readonly resolution: Resolution | null
  readonly frameRate: number | null
  readonly audio: string | null
  readonly video: string | null
  readonly subtitles: string | null
}

export interface Rendition {
  readonly type: string
  readonly groupId: string
  readonly name: string
  readonly language: string | null
  readonly uri: string | null
  readonly isDefault: boolean
  readonly line: number
}

interface PlaylistBase {
  readonly lines: readonly PlaylistLine[]
  readonly version: number | null
  /** The line break the input used first; serialization reuses it. */
  readonly lineBreak: '\n' | '\r\n'
  readonly finalLineBreak: boolean
  readonly bom: boolean
}

export interface MasterPlaylist extends PlaylistBase {
  readonly kind: 'master'
  readonly variants: readonly Variant[]
  readonly iFrameVariants: readonly Variant[]
  readonly renditions: readonly Rendition[]
  readonly sessionKeys: readonly Key[]
}

export interface MediaPlaylist extends PlaylistBase {
  readonly kind: 'media'
  readonly targetDuration: number | null
  readonly mediaSequence: number
  readonly playlistType: 'VOD' | 'EVENT' | null
  readonly endList: boolean
  readonly segments: readonly Segment[]
  /** Sum of the segments' #EXTINF durations, seconds. */
  readonly duration: number
}

export type Playlist = MasterPlaylist | MediaPlaylist

const MASTER_TAGS = new Set([
  'EXT-X-STREAM-INF',
  'EXT-X-I-FRAME-STREAM-INF',
  'EXT-X-MEDIA',
  'EXT-X-SESSION-DATA',
  'EXT-X-SESSION-KEY',
  'EXT-X-CONTENT-STEERING',
])

const MEDIA_TAGS = new Set([
  'EXTINF',
  'EXT-X-TARGETDURATION',
  'EXT-X-MEDIA-SEQUENCE',
  'EXT-X-DISCONTINUITY-SEQUENCE',
  'EXT-X-ENDLIST',
  'EXT-X-PLAYLIST-TYPE',
  'EXT-X-I-FRAMES-ONLY',
  'EXT-X-BYTERANGE',
  'EXT-X-DISCONTINUITY',
  'EXT-X-KEY',
  'EXT-X-MAP',
  'EXT-X-PROGRAM-DATE-TIME',
  'EXT-X-GAP',
  'EXT-X-PART',
  'EXT-X-PART-INF',
  'EXT-X-SERVER-CONTROL',
  'EXT-X-PRELOAD-HINT',
  'EXT-X-RENDITION-REPORT',
  'EXT-X-SKIP',
])

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
const DECIMAL_FLOAT = /^(\d+(\.\d*)?|\.\d+)$/

/** Classifies a URI reference (RFC 3986 §4.1) without resolving it. */
export function uriForm(uri: string): UriForm {
  if (uri.startsWith('//')) return 'network-path'
  if (uri.startsWith('/')) return 'path-absolute'
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) return 'absolute'
  return 'relative'
}

/**
 * Parses a master or a media playlist. Unknown tags and comments are kept as lines; anything that
 * would make a player or the rewriter misread the playlist is refused with INVALID_PARAMETER.
 * @see https://www.rfc-editor.org/rfc/rfc8216
 */
export function parsePlaylist(text: string): Playlist {
  const bom = text.startsWith('\uFEFF')
  const body = bom ? text.slice(1) : text
  const crlf = /\r?\n/.exec(body)
  const lineBreak = crlf?.[0] === '\r\n' ? '\r\n' : '\n'
  const finalLineBreak = body.endsWith('\n')
  const rawLines = (finalLineBreak ? body.slice(0, body.endsWith('\r\n') ? -2 : -1) : body).split(
    /\r?\n/,
  )
  if (rawLines[0]?.trimEnd() !== '#EXTM3U') {
    throw new AppError('INVALID_PARAMETER', 'HLS playlist: the first line is not #EXTM3U')
  }

  const lines = rawLines.map(classify)
  const tags = new Set(lines.map((l) => l.tag).filter((t): t is string => t !== null))
  const isMaster = [...tags].some((t) => MASTER_TAGS.has(t))
  const isMedia = [...tags].some((t) => MEDIA_TAGS.has(t))
  if (isMaster && isMedia) {
    throw new AppError('INVALID_PARAMETER', 'HLS playlist mixes master and media playlist tags')
  }
  if (!isMaster && !isMedia) {
    throw new AppError('INVALID_PARAMETER', 'HLS playlist has neither variants nor segments')
  }
  const base: PlaylistBase = { lines, version: null, lineBreak, finalLineBreak, bom }
  return isMaster ? parseMaster(base) : parseMedia(base)
}

function classify(text: string, index: number): PlaylistLine {
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

function parseMaster(base: PlaylistBase): MasterPlaylist {
  const lines = [...base.lines]
  const variants: Variant[] = []
  const iFrameVariants: Variant[] = []
  const renditions: Rendition[] = []
  const sessionKeys: Key[] = []
  let version: number | null = null
  let pending: { attributes: Attribute[]; line: number } | null = null

  for (const [i, line] of base.lines.entries()) {
    if (line.kind === 'uri') {
      if (!pending) throw lineError(i, 'URI line without a preceding #EXT-X-STREAM-INF')
      const uri = withRole(line, 'variant')
      lines[i] = uri
      variants.push(variantOf(pending.attributes, uri.uris[0]?.value ?? '', pending.line, i))
      pending = null
      continue
    }
    if (line.kind !== 'tag') continue
    if (pending) throw lineError(i, 'expected the variant URI after #EXT-X-STREAM-INF')
    const attributes = () => attributesAt(line.text, line.text.indexOf(':') + 1, i)
    switch (line.tag ?? '') {
      case 'EXT-X-VERSION':
        version = integerOf(tagValue(line), i, 'EXT-X-VERSION')
        break
      case 'EXT-X-STREAM-INF':
        pending = { attributes: attributes(), line: i }
        break
      case 'EXT-X-I-FRAME-STREAM-INF': {
        const attrs = attributes()
        const uri = attributeValue(attrs, 'URI')
        if (uri === null) throw lineError(i, 'EXT-X-I-FRAME-STREAM-INF without URI')
        iFrameVariants.push(variantOf(attrs, uri, i, i))
        break
      }
      case 'EXT-X-MEDIA':
        renditions.push(renditionOf(attributes(), i))
        break
      case 'EXT-X-SESSION-KEY':
        sessionKeys.push(keyOf(attributes(), i))
        break
      default:
        // Every other tag stays as a line, untouched.
        break
    }
  }
  if (pending) throw lineError(lines.length - 1, 'playlist ends after #EXT-X-STREAM-INF')
  if (variants.length === 0 && iFrameVariants.length === 0) {
    throw new AppError('INVALID_PARAMETER', 'HLS master playlist has no variants')
  }
  return {
    ...base,
    lines,
    version,
    kind: 'master',
    variants,
    iFrameVariants,
    renditions,
    sessionKeys,
  }
}

interface PendingSegment {
  duration: number
  title: string
  byteRange: ByteRange | null
  discontinuity: boolean
}

function parseMedia(base: PlaylistBase): MediaPlaylist {
  const lines = [...base.lines]
  const segments: Segment[] = []
  let version: number | null = null
  let targetDuration: number | null = null
  let mediaSequence = 0
  let playlistType: 'VOD' | 'EVENT' | null = null
  let endList = false
  let keys: Key[] = []
  let map: MediaMap | null = null
  let next: PendingSegment | null = null
  let byteRange: ByteRange | null = null
  let discontinuity = false

  for (const [i, line] of base.lines.entries()) {
    if (line.kind === 'uri') {
      if (!next) throw lineError(i, 'segment URI without a preceding #EXTINF')
      const uri = withRole(line, 'segment')
      lines[i] = uri
      segments.push({
        uri: uri.uris[0]?.value ?? '',
        line: i,
        ...next,
        sequence: mediaSequence + segments.length,
        keys,
        map,
      })
      next = null
      continue
    }
    if (line.kind !== 'tag') continue
    const attributes = () => attributesAt(line.text, line.text.indexOf(':') + 1, i)
    switch (line.tag ?? '') {
      case 'EXT-X-VERSION':
        version = integerOf(tagValue(line), i, 'EXT-X-VERSION')
        break
      case 'EXT-X-TARGETDURATION':
        targetDuration = integerOf(tagValue(line), i, 'EXT-X-TARGETDURATION')
        break
      case 'EXT-X-MEDIA-SEQUENCE':
        if (segments.length > 0) throw lineError(i, 'EXT-X-MEDIA-SEQUENCE after the first segment')
        mediaSequence = integerOf(tagValue(line), i, 'EXT-X-MEDIA-SEQUENCE')
        break
      case 'EXT-X-PLAYLIST-TYPE': {
        const type = tagValue(line)
        if (type !== 'VOD' && type !== 'EVENT')
          throw lineError(i, `bad EXT-X-PLAYLIST-TYPE "${type}"`)
        playlistType = type
        break
      }
      case 'EXT-X-ENDLIST':
        endList = true
        break
      case 'EXTINF': {
        if (next) throw lineError(i, '#EXTINF follows #EXTINF without a segment URI')
        const value = tagValue(line)
        const comma = value.indexOf(',')
        const duration = (comma < 0 ? value : value.slice(0, comma)).trim()
        if (!DECIMAL_FLOAT.test(duration)) throw lineError(i, `bad #EXTINF duration "${duration}"`)
        const title = comma < 0 ? '' : value.slice(comma + 1)
        next = { duration: Number(duration), title, byteRange, discontinuity }
        byteRange = null
        discontinuity = false
        break
      }
      // Media segment tags apply to the next URI, whether they come before or after its #EXTINF.
      case 'EXT-X-BYTERANGE':
        if (next) next.byteRange = byteRangeOf(tagValue(line), i)
        else byteRange = byteRangeOf(tagValue(line), i)
        break
      case 'EXT-X-DISCONTINUITY':
        if (next) next.discontinuity = true
        else discontinuity = true
        break
      case 'EXT-X-KEY': {
        const key = keyOf(attributes(), i)
        keys =
          key.method === 'NONE' ? [] : [...keys.filter((k) => k.keyFormat !== key.keyFormat), key]
        break
      }
      case 'EXT-X-MAP': {
        const attrs = attributes()
        const uri = attributeValue(attrs, 'URI')
        if (uri === null) throw lineError(i, 'EXT-X-MAP without URI')
        const range = attributeValue(attrs, 'BYTERANGE')
        map = { uri, byteRange: range === null ? null : byteRangeOf(range, i) }
        break
      }
      default:
        break
    }
  }
  if (next) throw lineError(lines.length - 1, 'playlist ends after #EXTINF without a segment URI')
  const duration = segments.reduce((sum, s) => sum + s.duration, 0)
  return {
    ...base,
    lines,
    version,
    kind: 'media',
    targetDuration,
    mediaSequence,
    playlistType,
    endList,
    segments,
    duration,
  }
}

function variantOf(attrs: Attribute[], uri: string, tagLine: number, uriLine: number): Variant {
  const bandwidth = attributeValue(attrs, 'BANDWIDTH')
  if (bandwidth === null) throw lineError(tagLine, 'variant without BANDWIDTH')
  const average = attributeValue(attrs, 'AVERAGE-BANDWIDTH')
  const resolution = attributeValue(attrs, 'RESOLUTION')
  const frameRate = attributeValue(attrs, 'FRAME-RATE')
  let size: Resolution | null = null
  if (resolution !== null) {
    const m = /^(\d{1,5})x(\d{1,5})$/.exec(resolution)
    if (!m) throw lineError(tagLine, `bad RESOLUTION "${resolution}"`)
    size = { width: Number(m[1]), height: Number(m[2]) }
  }
  if (frameRate !== null && !DECIMAL_FLOAT.test(frameRate)) {
    throw lineError(tagLine, `bad FRAME-RATE "${frameRate}"`)
  }
  return {
    uri,
    line: uriLine,
    bandwidth: integerOf(bandwidth, tagLine, 'BANDWIDTH'),
    averageBandwidth: average === null ? null : integerOf(average, tagLine, 'AVERAGE-BANDWIDTH'),
    codecs: attributeValue(attrs, 'CODECS'),
    resolution: size,
    frameRate: frameRate === null ? null : Number(frameRate),
    audio: attributeValue(attrs, 'AUDIO'),
    video: attributeValue(attrs, 'VIDEO'),
    subtitles: attributeValue(attrs, 'SUBTITLES'),
  }
}

function renditionOf(attrs: Attribute[], line: number): Rendition {
  const type = attributeValue(attrs, 'TYPE')
  const groupId = attributeValue(attrs, 'GROUP-ID')
  const name = attributeValue(attrs, 'NAME')
  if (type === null || groupId === null || name === null) {
    throw lineError(line, 'EXT-X-MEDIA needs TYPE, GROUP-ID and NAME')
  }
  return {
    type,
    groupId,
    name,
    language: attributeValue(attrs, 'LANGUAGE'),
    uri: attributeValue(attrs, 'URI'),
    isDefault: attributeValue(attrs, 'DEFAULT') === 'YES',
    line,
  }
}

function keyOf(attrs: Attribute[], line: number): Key {
  const method = attributeValue(attrs, 'METHOD')
  if (method === null) throw lineError(line, 'key tag without METHOD')
  const uri = attributeValue(attrs, 'URI')
  if (method !== 'NONE' && uri === null) throw lineError(line, `key METHOD=${method} without URI`)
  return {
    method,
    uri,
    iv: attributeValue(attrs, 'IV'),
    keyFormat: attributeValue(attrs, 'KEYFORMAT'),
    keyFormatVersions: attributeValue(attrs, 'KEYFORMATVERSIONS'),
  }
}

function byteRangeOf(value: string, line: number): ByteRange {
  const m = /^(\d{1,16})(?:@(\d{1,16}))?$/.exec(value.trim())
  if (!m) throw lineError(line, `bad byte range "${value}"`)
  return { length: Number(m[1]), offset: m[2] === undefined ? null : Number(m[2]) }
}

function integerOf(value: string, line: number, what: string): number {
  if (!DECIMAL_INTEGER.test(value.trim())) throw lineError(line, `bad ${what} "${value}"`)
  return Number(value.trim())
}

function tagValue(line: PlaylistLine): string {
  const colon = line.text.indexOf(':')
  return colon < 0 ? '' : line.text.slice(colon + 1).trim()
}

function withRole(line: PlaylistLine, role: UriRole): PlaylistLine {
  return { ...line, uris: line.uris.map((u) => ({ ...u, role })) }
}

function span(a: Attribute): { start: number; end: number } {
  return { start: a.start, end: a.end }
}

function attributesAt(text: string, from: number, line: number): Attribute[] {
  try {
    return parseAttributeList(text, from)
  } catch (error) {
    throw lineError(line, error instanceof AppError ? error.message : 'bad attribute list')
  }
}

function lineError(index: number, reason: string): AppError {
  return new AppError('INVALID_PARAMETER', `HLS playlist line ${index + 1}: ${reason}`)
}
