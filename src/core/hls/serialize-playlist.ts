// Writes a parsed playlist back out, optionally replacing URIs (the edge appends tokens to each
// segment, key and map URI). Without a rewrite the output equals the parsed input byte for byte.
import type { Playlist, PlaylistLine, UriSpan } from './parse-playlist.ts'

/** Returns the new URI for a span, or undefined to keep it as written. */
export type UriRewrite = (uri: UriSpan, line: PlaylistLine) => string | undefined

/**
 * Serializes `playlist`, replacing every URI for which `rewrite` returns a string.
 * Throws TypeError when a replacement could break out of its line or its quoted attribute, since
 * that would let a caller's bug inject tags into a playlist a player trusts.
 */
export function serializePlaylist(playlist: Playlist, rewrite?: UriRewrite): string {
  const lines = playlist.lines.map((line) => (rewrite ? rewriteLine(line, rewrite) : line.text))
  const text = lines.join(playlist.lineBreak) + (playlist.finalLineBreak ? playlist.lineBreak : '')
  return (playlist.bom ? '\uFEFF' : '') + text
}

function rewriteLine(line: PlaylistLine, rewrite: UriRewrite): string {
  let text = line.text
  // Right to left, so earlier spans keep their offsets.
  const spans = [...line.uris].sort((a, b) => b.start - a.start)
  for (const span of spans) {
    const replacement = rewrite(span, line)
    if (replacement === undefined) continue
    if (/[\r\n]/.test(replacement) || (span.attribute !== null && replacement.includes('"'))) {
      throw new TypeError('a rewritten HLS URI must not contain line breaks or quotes')
    }
    text = text.slice(0, span.start) + replacement + text.slice(span.end)
  }
  return text
}
