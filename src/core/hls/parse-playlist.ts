// Parses HLS master and media playlists (RFC 8216) into typed data while keeping every original
// line and the exact position of every URI in it, so the edge can rewrite URIs and re-serialize
// the playlist byte for byte otherwise (see serialize-playlist.ts). Throws INVALID_PARAMETER.
import { AppError } from '../errors.ts'
import { attributeValue, type Attribute } from './attribute-list.ts'
import {
  attributesAt,
  classify,
  DECIMAL_FLOAT,
  integerOf,
  lineError,
  tagValue,
  withRole,
} from './playlist-lines.ts'
import type {
  ByteRange,
  Key,
  MasterPlaylist,
  MediaMap,
  MediaPlaylist,
  Playlist,
  PlaylistBase,
  Rendition,
  Resolution,
  Segment,
  Variant,
} from './playlist.ts'

export type * from './playlist.ts'
export { uriForm } from './playlist-lines.ts'

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
