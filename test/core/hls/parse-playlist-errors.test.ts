// Malformed playlists (each refused with INVALID_PARAMETER and the line it fails on) and URI
// classification (RFC 3986 §4.1 reference forms).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../../src/core/errors.ts'
import { parsePlaylist, uriForm } from '../../../src/core/hls/parse-playlist.ts'

const m3u8 = (...lines: string[]) => lines.join('\n') + '\n'

function rejects(text: string, message: RegExp) {
  assert.throws(
    () => parsePlaylist(text),
    (e: unknown) =>
      e instanceof AppError && e.code === 'INVALID_PARAMETER' && message.test(e.message),
  )
}

describe('uriForm', () => {
  it('tells absolute, network-path, path-absolute and relative references apart', () => {
    assert.deepEqual(
      [
        'https://cdn.example.com/a.ts',
        'skd://key',
        'data:,x',
        '//cdn.example.com/a.ts',
        '/video/a.ts',
        'a.ts',
        '../a.ts',
        'a.ts?x=1:2',
      ].map(uriForm),
      [
        'absolute',
        'absolute',
        'absolute',
        'network-path',
        'path-absolute',
        'relative',
        'relative',
        'relative',
      ],
    )
  })
})

describe('parsePlaylist: malformed input', () => {
  it('refuses text that does not start with #EXTM3U', () => {
    rejects('', /first line is not #EXTM3U/)
    rejects('<html></html>', /first line is not #EXTM3U/)
    rejects('\n#EXTM3U\n', /first line is not #EXTM3U/)
  })

  it('refuses a playlist with neither variants nor segments', () => {
    rejects(m3u8('#EXTM3U', '#EXT-X-VERSION:3'), /neither variants nor segments/)
  })

  it('refuses a playlist that mixes master and media tags', () => {
    rejects(
      m3u8('#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1', 'a.m3u8', '#EXTINF:2,', 'a.ts'),
      /mixes master and media/,
    )
  })

  it('refuses segment URIs without #EXTINF and #EXTINF without a URI', () => {
    rejects(m3u8('#EXTM3U', '#EXT-X-TARGETDURATION:2', 'a.ts'), /line 3: segment URI without/)
    rejects(m3u8('#EXTM3U', '#EXTINF:2,', '#EXTINF:2,', 'a.ts'), /line 3: #EXTINF follows #EXTINF/)
    rejects(m3u8('#EXTM3U', '#EXTINF:2,'), /ends after #EXTINF/)
  })

  it('refuses bad numbers', () => {
    rejects(m3u8('#EXTM3U', '#EXTINF:abc,', 'a.ts'), /line 2: bad #EXTINF duration "abc"/)
    rejects(m3u8('#EXTM3U', '#EXTINF:-1,', 'a.ts'), /bad #EXTINF duration "-1"/)
    rejects(m3u8('#EXTM3U', '#EXT-X-TARGETDURATION:2.5'), /bad EXT-X-TARGETDURATION/)
    rejects(m3u8('#EXTM3U', '#EXT-X-BYTERANGE:x@1', '#EXTINF:1,', 'a'), /bad byte range/)
    rejects(m3u8('#EXTM3U', '#EXT-X-PLAYLIST-TYPE:LIVE'), /bad EXT-X-PLAYLIST-TYPE "LIVE"/)
  })

  it('refuses a variant without BANDWIDTH, a bad RESOLUTION or a missing variant URI', () => {
    rejects(m3u8('#EXTM3U', '#EXT-X-STREAM-INF:RESOLUTION=1x1', 'a.m3u8'), /without BANDWIDTH/)
    rejects(m3u8('#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=big', 'a'), /RESOLUTION/)
    rejects(m3u8('#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1'), /ends after #EXT-X-STREAM-INF/)
    rejects(
      m3u8('#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1', '#EXT-X-STREAM-INF:BANDWIDTH=2', 'a'),
      /line 3: expected the variant URI/,
    )
    rejects(
      m3u8('#EXTM3U', '#EXT-X-MEDIA:TYPE=AUDIO', '#EXT-X-STREAM-INF:BANDWIDTH=1', 'a'),
      /NAME/,
    )
  })

  it('refuses broken attribute lists and unquoted or missing URI attributes', () => {
    rejects(m3u8('#EXTM3U', '#EXT-X-KEY:METHOD=AES-128,URI="k', '#EXTINF:1,', 'a'), /unterminated/)
    rejects(m3u8('#EXTM3U', '#EXT-X-KEY:METHOD=AES-128,URI=k', '#EXTINF:1,', 'a'), /quoted/)
    rejects(m3u8('#EXTM3U', '#EXT-X-KEY:METHOD=AES-128', '#EXTINF:1,', 'a'), /without URI/)
    rejects(m3u8('#EXTM3U', '#EXT-X-KEY:URI="k"', '#EXTINF:1,', 'a'), /without METHOD/)
    rejects(m3u8('#EXTM3U', '#EXT-X-MAP:BYTERANGE="1@0"', '#EXTINF:1,', 'a'), /MAP without URI/)
    rejects(m3u8('#EXTM3U', '#EXT-X-MAP:URI="a"x', '#EXTINF:1,', 'a'), /after the quoted value/)
    rejects(m3u8('#EXTM3U', '#EXT-X-MAP:uri="a"', '#EXTINF:1,', 'a'), /bad attribute name/)
    rejects(m3u8('#EXTM3U', '#EXT-X-MAP:URI', '#EXTINF:1,', 'a'), /without "="/)
  })

  it('refuses EXT-X-MEDIA-SEQUENCE after the first segment', () => {
    rejects(
      m3u8('#EXTM3U', '#EXTINF:1,', 'a', '#EXT-X-MEDIA-SEQUENCE:3'),
      /MEDIA-SEQUENCE after the first segment/,
    )
  })
})
