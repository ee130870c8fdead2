// Playlist vectors come from RFC 8216 §8 (https://www.rfc-editor.org/rfc/rfc8216#section-8), the
// committed demo (media/demo/hls, written by ffmpeg 5.1) and hand-written edge cases.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  parsePlaylist,
  type MasterPlaylist,
  type MediaPlaylist,
} from '../../../src/core/hls/parse-playlist.ts'

const m3u8 = (...lines: string[]) => lines.join('\n') + '\n'

function media(text: string): MediaPlaylist {
  const playlist = parsePlaylist(text)
  assert.equal(playlist.kind, 'media')
  return playlist
}

function master(text: string): MasterPlaylist {
  const playlist = parsePlaylist(text)
  assert.equal(playlist.kind, 'master')
  return playlist
}

describe('parsePlaylist: media playlists', () => {
  it('reads the demo media playlist written by ffmpeg (media/demo/hls/index.m3u8)', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXTINF:2.000000,',
        'segment-000.ts',
        '#EXTINF:2.000000,',
        'segment-001.ts',
        '#EXTINF:2.000000,',
        'segment-002.ts',
        '#EXT-X-ENDLIST',
      ),
    )
    assert.equal(p.version, 3)
    assert.equal(p.targetDuration, 2)
    assert.equal(p.playlistType, 'VOD')
    assert.equal(p.endList, true)
    assert.equal(p.duration, 6)
    assert.deepEqual(
      p.segments.map((s) => [s.uri, s.line, s.duration, s.sequence]),
      [
        ['segment-000.ts', 6, 2, 0],
        ['segment-001.ts', 8, 2, 1],
        ['segment-002.ts', 10, 2, 2],
      ],
    )
    assert.deepEqual(p.lines[6], {
      text: 'segment-000.ts',
      kind: 'uri',
      tag: null,
      uris: [
        {
          role: 'segment',
          attribute: null,
          value: 'segment-000.ts',
          form: 'relative',
          start: 0,
          end: 14,
        },
      ],
    })
  })

  it('reads the RFC 8216 §8.1 simple playlist with absolute segment URIs', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:10',
        '#EXT-X-VERSION:3',
        '#EXTINF:9.009,',
        'http://media.example.com/first.ts',
        '#EXTINF:9.009,',
        'http://media.example.com/second.ts',
        '#EXTINF:3.003,',
        'http://media.example.com/third.ts',
        '#EXT-X-ENDLIST',
      ),
    )
    assert.equal(p.segments.length, 3)
    assert.ok(Math.abs(p.duration - 21.021) < 1e-9)
    assert.deepEqual(
      p.lines.flatMap((l) => l.uris.map((u) => u.form)),
      ['absolute', 'absolute', 'absolute'],
    )
  })

  it('applies each RFC 8216 §8.3 EXT-X-KEY to the segments after it and marks its URI', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-MEDIA-SEQUENCE:7794',
        '#EXT-X-TARGETDURATION:15',
        '',
        '#EXT-X-KEY:METHOD=AES-128,URI="https://priv.example.com/key.php?r=52"',
        '',
        '#EXTINF:2.833,',
        'http://media.example.com/fileSequence52-A.ts',
        '#EXTINF:15.0,',
        'http://media.example.com/fileSequence52-B.ts',
        '#EXTINF:13.333,',
        'http://media.example.com/fileSequence52-C.ts',
        '',
        '#EXT-X-KEY:METHOD=AES-128,URI="https://priv.example.com/key.php?r=53"',
        '',
        '#EXTINF:15.0,',
        'http://media.example.com/fileSequence53-A.ts',
      ),
    )
    assert.equal(p.endList, false)
    assert.deepEqual(
      p.segments.map((s) => [s.sequence, s.keys.map((k) => k.uri)]),
      [
        [7794, ['https://priv.example.com/key.php?r=52']],
        [7795, ['https://priv.example.com/key.php?r=52']],
        [7796, ['https://priv.example.com/key.php?r=52']],
        [7797, ['https://priv.example.com/key.php?r=53']],
      ],
    )
    const keyLine = p.lines[5]
    assert.deepEqual(keyLine?.uris, [
      {
        role: 'key',
        attribute: 'URI',
        value: 'https://priv.example.com/key.php?r=52',
        form: 'absolute',
        start: 31,
        end: 68,
      },
    ])
    assert.equal(keyLine?.text.slice(31, 68), 'https://priv.example.com/key.php?r=52')
  })

  it('keeps one key per KEYFORMAT and clears them all on METHOD=NONE', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-1",KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1"',
        '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="data:text/plain;base64,AAAA",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed",IV=0x0123456789ABCDEF0123456789ABCDEF',
        '#EXTINF:4,',
        'a.ts',
        '#EXT-X-KEY:METHOD=NONE',
        '#EXTINF:4,',
        'b.ts',
      ),
    )
    const keys = p.segments[0]?.keys ?? []
    assert.deepEqual(
      keys.map((k) => [k.method, k.uri, k.keyFormat, k.iv, k.keyFormatVersions]),
      [
        ['SAMPLE-AES', 'skd://key-1', 'com.apple.streamingkeydelivery', null, '1'],
        [
          'SAMPLE-AES',
          'data:text/plain;base64,AAAA',
          'urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed',
          '0x0123456789ABCDEF0123456789ABCDEF',
          null,
        ],
      ],
    )
    assert.deepEqual(p.segments[1]?.keys, [])
    assert.deepEqual(p.lines[3]?.uris[0]?.form, 'absolute')
  })

  it('attaches EXT-X-MAP (with its byte range) to the fMP4 segments that follow it', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"',
        '#EXTINF:2.0,',
        '#EXT-X-BYTERANGE:1000@720',
        'media.m4s',
        '#EXT-X-DISCONTINUITY',
        '#EXT-X-MAP:URI="/v2/init.mp4"',
        '#EXT-X-BYTERANGE:2000',
        '#EXTINF:1.5,second',
        'media.m4s',
        '#EXT-X-ENDLIST',
      ),
    )
    assert.deepEqual(p.segments[0]?.map, { uri: 'init.mp4', byteRange: { length: 720, offset: 0 } })
    assert.deepEqual(p.segments[0]?.byteRange, { length: 1000, offset: 720 })
    assert.equal(p.segments[0]?.discontinuity, false)
    assert.deepEqual(p.segments[1]?.map, { uri: '/v2/init.mp4', byteRange: null })
    assert.deepEqual(p.segments[1]?.byteRange, { length: 2000, offset: null })
    assert.equal(p.segments[1]?.discontinuity, true)
    assert.equal(p.segments[1]?.title, 'second')
    assert.deepEqual(p.lines[3]?.uris, [
      { role: 'map', attribute: 'URI', value: 'init.mp4', form: 'relative', start: 16, end: 24 },
    ])
    assert.equal(p.lines[8]?.uris[0]?.form, 'path-absolute')
  })

  it('marks LL-HLS part, preload-hint and rendition-report URIs', () => {
    const p = media(
      m3u8(
        '#EXTM3U',
        '#EXT-X-TARGETDURATION:4',
        '#EXT-X-PART-INF:PART-TARGET=1.0',
        '#EXTINF:4.0,',
        'seg1.mp4',
        '#EXT-X-PART:DURATION=1.0,URI="seg2.part1.mp4",INDEPENDENT=YES',
        '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="seg2.part2.mp4"',
        '#EXT-X-RENDITION-REPORT:URI="../low/index.m3u8",LAST-MSN=1',
      ),
    )
    assert.deepEqual(
      p.lines.flatMap((l) => l.uris.map((u) => [u.role, u.value])),
      [
        ['segment', 'seg1.mp4'],
        ['part', 'seg2.part1.mp4'],
        ['preload-hint', 'seg2.part2.mp4'],
        ['rendition-report', '../low/index.m3u8'],
      ],
    )
  })

  it('keeps CRLF line breaks, a BOM, comments and unknown tags as lines', () => {
    const p = media(
      '\uFEFF#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n# a comment\r\n#EXT-X-FOO:BAR\r\n#EXTINF:2,\r\n  a.ts  \r\n',
    )
    assert.equal(p.lineBreak, '\r\n')
    assert.equal(p.bom, true)
    assert.deepEqual(
      p.lines.map((l) => [l.kind, l.tag]),
      [
        ['tag', 'EXTM3U'],
        ['tag', 'EXT-X-TARGETDURATION'],
        ['comment', null],
        ['tag', 'EXT-X-FOO'],
        ['tag', 'EXTINF'],
        ['uri', null],
      ],
    )
    assert.deepEqual(
      p.lines[5]?.uris.map((u) => [u.value, u.start, u.end]),
      [['a.ts', 2, 6]],
    )
  })
})

describe('parsePlaylist: master playlists', () => {
  it('reads the demo master playlist written by ffmpeg (media/demo/hls/master.m3u8)', () => {
    const p = master(
      m3u8(
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-STREAM-INF:BANDWIDTH=480580,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
        'index.m3u8',
      ),
    )
    assert.deepEqual(p.variants, [
      {
        uri: 'index.m3u8',
        line: 3,
        bandwidth: 480580,
        averageBandwidth: null,
        codecs: 'avc1.4d401e,mp4a.40.2',
        resolution: { width: 640, height: 360 },
        frameRate: null,
        audio: null,
        video: null,
        subtitles: null,
      },
    ])
    assert.equal(p.lines[3]?.uris[0]?.role, 'variant')
  })

  it('reads the RFC 8216 §8.4 master playlist in order', () => {
    const p = master(
      m3u8(
        '#EXTM3U',
        '#EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000',
        'http://example.com/low.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=2560000,AVERAGE-BANDWIDTH=2000000',
        'http://example.com/mid.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=7680000,AVERAGE-BANDWIDTH=6000000',
        'http://example.com/hi.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=65000,CODECS="mp4a.40.5"',
        'http://example.com/audio-only.m3u8',
      ),
    )
    assert.deepEqual(
      p.variants.map((v) => [v.uri, v.bandwidth, v.averageBandwidth, v.codecs]),
      [
        ['http://example.com/low.m3u8', 1280000, 1000000, null],
        ['http://example.com/mid.m3u8', 2560000, 2000000, null],
        ['http://example.com/hi.m3u8', 7680000, 6000000, null],
        ['http://example.com/audio-only.m3u8', 65000, null, 'mp4a.40.5'],
      ],
    )
  })

  it('reads RFC 8216 §8.6 alternative audio renditions, I-frame variants and session keys', () => {
    const p = master(
      m3u8(
        '#EXTM3U',
        '#EXT-X-SESSION-KEY:METHOD=AES-128,URI="https://keys.example.com/k1"',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",DEFAULT=YES,AUTOSELECT=YES,LANGUAGE="en",URI="main/english-audio.m3u8"',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="Commentary",DEFAULT=NO,AUTOSELECT=NO,LANGUAGE="en"',
        '#EXT-X-STREAM-INF:BANDWIDTH=1280000,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="aac",FRAME-RATE=29.970,RESOLUTION=1280x720',
        'low/video-only.m3u8',
        '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="low/iframe.m3u8"',
      ),
    )
    assert.deepEqual(
      p.renditions.map((r) => [r.type, r.groupId, r.name, r.language, r.uri, r.isDefault]),
      [
        ['AUDIO', 'aac', 'English', 'en', 'main/english-audio.m3u8', true],
        ['AUDIO', 'aac', 'Commentary', 'en', null, false],
      ],
    )
    assert.equal(p.variants[0]?.audio, 'aac')
    assert.equal(p.variants[0]?.frameRate, 29.97)
    assert.deepEqual(p.variants[0]?.resolution, { width: 1280, height: 720 })
    assert.deepEqual(
      p.iFrameVariants.map((v) => [v.uri, v.bandwidth]),
      [['low/iframe.m3u8', 86000]],
    )
    assert.deepEqual(
      p.sessionKeys.map((k) => k.uri),
      ['https://keys.example.com/k1'],
    )
    assert.deepEqual(
      p.lines.flatMap((l) => l.uris.map((u) => [u.role, u.value])),
      [
        ['session-key', 'https://keys.example.com/k1'],
        ['rendition', 'main/english-audio.m3u8'],
        ['variant', 'low/video-only.m3u8'],
        ['i-frame-variant', 'low/iframe.m3u8'],
      ],
    )
  })

  it('marks content-steering and interstitial asset URIs', () => {
    const p = master(
      m3u8(
        '#EXTM3U',
        '#EXT-X-CONTENT-STEERING:SERVER-URI="/steering?video=1",PATHWAY-ID="CDN-A"',
        '#EXT-X-DATERANGE:ID="ad1",CLASS="com.apple.hls.interstitial",START-DATE="2026-01-01T00:00:00Z",X-ASSET-URI="https://ads.example.com/ad.m3u8"',
        '#EXT-X-STREAM-INF:BANDWIDTH=1',
        'v.m3u8',
      ),
    )
    assert.deepEqual(
      p.lines.flatMap((l) => l.uris.map((u) => [u.role, u.attribute, u.value])),
      [
        ['steering', 'SERVER-URI', '/steering?video=1'],
        ['other', 'X-ASSET-URI', 'https://ads.example.com/ad.m3u8'],
        ['variant', null, 'v.m3u8'],
      ],
    )
  })
})
