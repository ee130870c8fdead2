// The data a parsed HLS playlist is (parse-playlist.ts builds it, serialize-playlist.ts writes it
// back): every original line with the exact position of each URI, and the typed tags.
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

export interface PlaylistBase {
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
