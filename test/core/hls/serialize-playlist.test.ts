// Round trips and URI rewriting; playlists follow RFC 8216 §8 and the committed demo.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePlaylist } from '../../../src/core/hls/parse-playlist.ts'
import { serializePlaylist } from '../../../src/core/hls/serialize-playlist.ts'

const ENCRYPTED = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:2',
  '#EXT-X-KEY:METHOD=AES-128,URI="key.bin",IV=0x00000000000000000000000000000001',
  '#EXT-X-MAP:URI="init.mp4"',
  '# packager: test',
  '#EXTINF:2.000,',
  'seg-0.m4s',
  '#EXTINF:2.000,',
  'https://cdn.example.com/seg-1.m4s',
  '#EXT-X-ENDLIST',
  '',
].join('\n')

describe('serializePlaylist', () => {
  it('reproduces the input byte for byte when nothing is rewritten', () => {
    for (const text of [
      ENCRYPTED,
      ENCRYPTED.trimEnd(),
      ENCRYPTED.replaceAll('\n', '\r\n'),
      '\uFEFF' + ENCRYPTED,
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1, RESOLUTION=2x2\n  v.m3u8 \n\n',
    ]) {
      assert.equal(serializePlaylist(parsePlaylist(text)), text)
      assert.equal(
        serializePlaylist(parsePlaylist(text), () => undefined),
        text,
      )
    }
  })

  it('appends a token to relative segment, map and key URIs, leaving absolute ones', () => {
    const out = serializePlaylist(parsePlaylist(ENCRYPTED), (uri) =>
      uri.form === 'relative' ? `${uri.value}?token=abc` : undefined,
    )
    assert.equal(
      out,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-KEY:METHOD=AES-128,URI="key.bin?token=abc",IV=0x00000000000000000000000000000001',
        '#EXT-X-MAP:URI="init.mp4?token=abc"',
        '# packager: test',
        '#EXTINF:2.000,',
        'seg-0.m4s?token=abc',
        '#EXTINF:2.000,',
        'https://cdn.example.com/seg-1.m4s',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    )
  })

  it('passes each URI its role and line so a rewriter can skip keys', () => {
    const seen: string[] = []
    serializePlaylist(parsePlaylist(ENCRYPTED), (uri, line) => {
      seen.push(`${uri.role}:${line.tag ?? line.kind}`)
      return undefined
    })
    assert.deepEqual(seen, ['key:EXT-X-KEY', 'map:EXT-X-MAP', 'segment:uri', 'segment:uri'])
  })

  it('rewrites variant and rendition URIs of a master playlist (RFC 8216 §8.6 shape)', () => {
    const text =
      '#EXTM3U\n' +
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="en",URI="audio/en.m3u8"\n' +
      '#EXT-X-STREAM-INF:BANDWIDTH=1280000,AUDIO="aac"\n' +
      'low/index.m3u8\n'
    assert.equal(
      serializePlaylist(parsePlaylist(text), (uri) => `/t/abc/${uri.value}`),
      '#EXTM3U\n' +
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="en",URI="/t/abc/audio/en.m3u8"\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=1280000,AUDIO="aac"\n' +
        '/t/abc/low/index.m3u8\n',
    )
  })

  it('refuses a replacement that would break out of its line or quoted attribute', () => {
    const p = parsePlaylist(ENCRYPTED)
    assert.throws(
      () =>
        serializePlaylist(p, (u) => (u.role === 'segment' ? 'a.ts\n#EXT-X-ENDLIST' : undefined)),
      TypeError,
    )
    assert.throws(
      () => serializePlaylist(p, (u) => (u.role === 'key' ? 'k",METHOD="NONE' : undefined)),
      TypeError,
    )
    assert.equal(
      serializePlaylist(p, (u) => (u.role === 'segment' ? `${u.value}?q="x"` : undefined)).includes(
        'seg-0.m4s?q="x"',
      ),
      true,
    )
  })
})
