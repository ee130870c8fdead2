// HLS token propagation: rewrites a master or media playlist so every URI the edge serves
// (variants, renditions, segments, EXT-X-MAP, EXT-X-KEY, parts, hints) carries its own valid
// signature, because players do not carry a playlist's query over to relative URIs.
import {
  parsePlaylist,
  type MediaPlaylist,
  type Playlist,
  type UriSpan,
} from '../core/hls/parse-playlist.ts'
import { serializePlaylist } from '../core/hls/serialize-playlist.ts'
import { splitTarget } from '../core/encoding/query.ts'

/**
 * Turns a domain-relative target (`/v/abc/seg-1.ts?x=1`, path percent-encoded as a player would
 * send it) into the signed target to emit as delivered (`/play/<host>` prefix included), or
 * undefined to leave the URI as written.
 */
export type ChildSigner = (target: string) => string | undefined

export interface RewriteContext {
  /** The playlist's own domain-relative path, raw (`/demo/hls/master.m3u8`). */
  readonly playlistPath: string
  /**
   * What the client put before the domain-relative path (`/play/<host>` on the shared host, ''
   * under the domain's own host). Re-added to URIs that are emitted path-absolute.
   */
  readonly prefix: string
  readonly sign: ChildSigner
  /** Tencent VOD `exper`: keep only the segments that start within the first N seconds. */
  readonly previewSeconds?: number
}

const BASE = 'http://edge.invalid'

/** Resolves a URI reference the way a player would (WHATWG URL), as a domain-relative target. */
export function resolveChild(uri: string, playlistPath: string): string | undefined {
  try {
    const url = new URL(uri, BASE + playlistPath)
    if (url.origin !== BASE) return undefined
    return url.pathname + url.search
  } catch {
    return undefined
  }
}

function rewriteUri(span: UriSpan, context: RewriteContext): string | undefined {
  // Other hosts, `skd://` (FairPlay) and `data:` URIs are not the edge's to sign.
  if (span.form === 'absolute' || span.form === 'network-path') return undefined
  const resolved = resolveChild(span.value, context.playlistPath)
  if (resolved === undefined) return undefined
  const signed = context.sign(resolved)
  if (signed === undefined) {
    return span.form === 'path-absolute' && context.prefix !== ''
      ? context.prefix + span.value
      : undefined
  }
  const before = splitTarget(resolved)
  const after = splitTarget(signed)
  if (span.form === 'relative' && after.path === context.prefix + before.path) {
    // Keep the reference relative, so the playlist also works behind a proxy that mounts the
    // edge under another path; only the query changes.
    const bare = span.value.replace(/[?#].*$/s, '')
    return after.query === '' ? bare : `${bare}?${after.query}`
  }
  return signed
}

/**
 * The rewritten playlist text. Throws AppError INVALID_PARAMETER when the file is not a playlist
 * the parser accepts; the caller decides what that means for the client.
 */
export function rewritePlaylist(text: string, context: RewriteContext): string {
  return rewriteParsedPlaylist(parsePlaylist(text), context)
}

/** The same for a playlist already parsed (playlist-cache.ts keeps them per file version). */
export function rewriteParsedPlaylist(playlist: Playlist, context: RewriteContext): string {
  const out = serializePlaylist(playlist, (span) => rewriteUri(span, context))
  if (playlist.kind !== 'media' || context.previewSeconds === undefined) return out
  return truncateForPreview(playlist, out, context.previewSeconds)
}

/** Cuts a media playlist after the last segment that starts within the preview, and ends it. */
function truncateForPreview(playlist: MediaPlaylist, text: string, seconds: number): string {
  let start = 0
  let lastLine = -1
  for (const segment of playlist.segments) {
    if (start >= seconds) break
    lastLine = segment.line
    start += segment.duration
  }
  if (lastLine < 0 || lastLine === playlist.segments.at(-1)?.line) return text
  const lines = text.replace(/^\uFEFF/, '').split(playlist.lineBreak)
  const kept = lines.slice(0, lastLine + 1)
  kept.push('#EXT-X-ENDLIST')
  return (playlist.bom ? '\uFEFF' : '') + kept.join(playlist.lineBreak) + playlist.lineBreak
}

/**
 * The signing parameters of a received target: its query parts that the verifier stripped to get
 * `origin` (the same target without them), in their received order.
 */
export function signingQuery(target: string, origin: string): string {
  const remaining = splitTarget(origin)
    .query.split('&')
    .filter((p) => p !== '')
  const parts: string[] = []
  for (const part of splitTarget(target).query.split('&')) {
    if (part === '') continue
    const i = remaining.indexOf(part)
    if (i >= 0) remaining.splice(i, 1)
    else parts.push(part)
  }
  return parts.join('&')
}

/** Appends a raw query to a target. */
export function withQuery(target: string, query: string): string {
  if (query === '') return target
  return target.includes('?') ? `${target}&${query}` : `${target}?${query}`
}
