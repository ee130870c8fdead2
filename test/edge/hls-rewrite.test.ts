// rewritePlaylist with an injected signer: which URIs are rewritten and how they are written
// (url-signing.md §10.1 option 3: every URI-bearing tag; skd:// and other hosts untouched).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveChild, rewritePlaylist, signingQuery } from '../../src/edge/hls.ts'

const sign = (target: string) => `${target}${target.includes('?') ? '&' : '?'}sig=${target.length}`

describe('rewritePlaylist', () => {
  it('signs segments, EXT-X-MAP and EXT-X-KEY, leaving skd:// and other hosts alone', () => {
    const media = [
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.key",IV=0x00000000000000000000000000000001',
      '#EXTINF:2.0,',
      'seg-1.m4s',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-42",KEYFORMAT="com.apple.streamingkeydelivery"',
      '#EXTINF:2.0,',
      'https://cdn.example.com/v/seg-2.m4s',
      '#EXTINF:2.0,',
      'seg 3.m4s?x=1',
      '#EXT-X-ENDLIST',
      '',
    ].join('\n')
    const out = rewritePlaylist(media, { playlistPath: '/v/abc/index.m3u8', prefix: '', sign })
    assert.equal(
      out,
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '#EXT-X-TARGETDURATION:2',
        '#EXT-X-MAP:URI="init.mp4?sig=15"',
        '#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.key?sig=14",IV=0x00000000000000000000000000000001',
        '#EXTINF:2.0,',
        'seg-1.m4s?sig=16',
        '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-42",KEYFORMAT="com.apple.streamingkeydelivery"',
        '#EXTINF:2.0,',
        'https://cdn.example.com/v/seg-2.m4s',
        '#EXTINF:2.0,',
        'seg 3.m4s?x=1&sig=22',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    )
  })

  it('signs variants, renditions and I-frame playlists of a master', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/en.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=1000,AUDIO="a"',
      'video/720.m3u8',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI="video/iframes.m3u8"',
    ].join('\r\n')
    const out = rewritePlaylist(master, { playlistPath: '/v/master.m3u8', prefix: '', sign })
    assert.equal(
      out,
      [
        '#EXTM3U',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/en.m3u8?sig=16"',
        '#EXT-X-STREAM-INF:BANDWIDTH=1000,AUDIO="a"',
        'video/720.m3u8?sig=17',
        '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI="video/iframes.m3u8?sig=21"',
      ].join('\r\n'),
    )
  })

  it('writes unsigned path-absolute URIs under the request prefix, signed ones as delivered', () => {
    const media = '#EXTM3U\n#EXTINF:2,\n/v/a.ts\n#EXTINF:2,\nb.ts\n#EXT-X-ENDLIST\n'
    // A path-form signer signs the URL as delivered: its segments lead the prefixed path.
    const pathSign = (target: string) => `/202601010800/0123/play/h.test${target}`
    const out = rewritePlaylist(media, {
      playlistPath: '/v/index.m3u8',
      prefix: '/play/h.test',
      sign: pathSign,
    })
    assert.equal(
      out,
      '#EXTM3U\n#EXTINF:2,\n/202601010800/0123/play/h.test/v/a.ts\n#EXTINF:2,\n/202601010800/0123/play/h.test/v/b.ts\n#EXT-X-ENDLIST\n',
    )
    const open = rewritePlaylist(media, {
      playlistPath: '/v/index.m3u8',
      prefix: '/play/h.test',
      sign: () => undefined,
    })
    assert.equal(
      open,
      '#EXTM3U\n#EXTINF:2,\n/play/h.test/v/a.ts\n#EXTINF:2,\nb.ts\n#EXT-X-ENDLIST\n',
    )
  })

  it('refuses a file that is not a playlist with INVALID_PARAMETER', () => {
    assert.throws(
      () => rewritePlaylist('not a playlist', { playlistPath: '/x.m3u8', prefix: '', sign }),
      { code: 'INVALID_PARAMETER' },
    )
  })
})

describe('resolveChild', () => {
  it('resolves like a player: dot segments, escapes, and no escape above the root', () => {
    assert.equal(resolveChild('a.ts', '/v/x/index.m3u8'), '/v/x/a.ts')
    assert.equal(resolveChild('../../../../a.ts', '/v/x/index.m3u8'), '/a.ts')
    assert.equal(resolveChild('a b.ts?q=1', '/v/index.m3u8'), '/v/a%20b.ts?q=1')
    assert.equal(resolveChild('//other.example/a.ts', '/v/index.m3u8'), undefined)
  })
})

describe('signingQuery', () => {
  it('is the query parts the verifier stripped, in the received order', () => {
    assert.equal(
      signingQuery('/d/a.m3u8?x=1&t=5a71afc0&us=72&sign=abc', '/d/a.m3u8?x=1'),
      't=5a71afc0&us=72&sign=abc',
    )
    assert.equal(signingQuery('/d/a.m3u8', '/d/a.m3u8'), '')
  })
})
