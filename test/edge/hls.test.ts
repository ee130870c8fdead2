// HLS token propagation through the edge, for every URL scheme (url-signing.md §10.1): from one
// signed master URL, every variant and segment is fetchable with no extra credential, and any
// tampered URI is refused.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parsePlaylist } from '../../src/core/hls/parse-playlist.ts'
import { URL_SCHEME_NAMES } from '../../src/core/schemes/url-scheme.ts'
import { buildEdgeTestApp, DEMO_MEDIA, type EdgeTestApp } from './edge-app.ts'

/** Flips the first character of the first MAC-looking run (hex MD5 or base64url) in the URL. */
function tamper(url: string): string {
  const u = new URL(url)
  const target = u.pathname + u.search
  const m = /[0-9a-fA-F]{32}|[A-Za-z0-9_-]{43}|(?<==)[A-Za-z0-9_-]{22}(?=&|$)/.exec(target)
  assert.ok(m, `no MAC found in ${target}`)
  const flipped = m[0][0] === 'a' ? 'b' : 'a'
  const changed = target.slice(0, m.index) + flipped + target.slice(m.index + 1)
  return u.origin + changed
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url)
  assert.equal(res.status, 200, `${url} → ${res.status} ${res.headers.get('x-error-code')}`)
  return res.text()
}

/** Walks master → media → segments; returns every child URL with the file it must serve. */
async function walk(masterUrl: string): Promise<{ url: string; file: string }[]> {
  const found: { url: string; file: string }[] = []
  const master = parsePlaylist(await fetchText(masterUrl))
  assert.equal(master.kind, 'master')
  for (const variant of master.kind === 'master' ? master.variants : []) {
    const mediaUrl = new URL(variant.uri, masterUrl).href
    found.push({ url: mediaUrl, file: 'hls/index.m3u8' })
    const media = parsePlaylist(await fetchText(mediaUrl))
    for (const segment of media.kind === 'media' ? media.segments : []) {
      const url = new URL(segment.uri, mediaUrl).href
      found.push({ url, file: `hls/${new URL(url).pathname.split('/').at(-1)!}` })
    }
  }
  return found
}

async function assertChainPlays(edge: EdgeTestApp, masterUrl: string): Promise<string[]> {
  const children = await walk(masterUrl)
  assert.equal(children.length, 4, 'one media playlist and three segments')
  for (const { url, file } of children.filter((c) => c.file.endsWith('.ts'))) {
    const res = await fetch(url)
    assert.equal(res.status, 200, `${url} → ${res.headers.get('x-error-code')}`)
    assert.equal(res.headers.get('content-type'), 'video/mp2t')
    const bytes = Buffer.from(await res.arrayBuffer())
    assert.deepEqual(bytes, readFileSync(join(DEMO_MEDIA, file)), url)
  }
  void edge
  return children.map((c) => c.url)
}

describe('edge: HLS token propagation', () => {
  for (const scheme of URL_SCHEME_NAMES) {
    it(`${scheme}: plays master → media → segments from one signed URL; refuses tampered URIs`, async (t) => {
      const edge = await buildEdgeTestApp(t)
      const domain = await edge.domain(scheme)
      const masterUrl = edge.signedUrl(domain, '/demo/hls/master.m3u8')
      const children = await assertChainPlays(edge, masterUrl)
      for (const url of [masterUrl, ...children]) {
        const res = await fetch(tamper(url))
        assert.equal(res.status, 403, `tampered ${url}`)
        assert.ok(
          ['SIGNATURE_MISMATCH', 'TOKEN_INVALID', 'SCOPE_MISMATCH'].includes(
            res.headers.get('x-error-code') ?? '',
          ),
          `${url}: ${res.headers.get('x-error-code')}`,
        )
        await res.arrayBuffer()
      }
      const unsigned = await fetch(`${edge.base}/play/${domain.host}/demo/hls/segment-002.ts`)
      assert.equal(unsigned.status, 403, 'a segment without its signature')
    })
  }

  it('native with a path prefix passes the one token on to every URI in the folder', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    const masterUrl = edge.signedUrl(domain, '/demo/hls/master.m3u8', { pathPrefix: '/demo/hls/' })
    const token = new URL(masterUrl).search
    const children = await assertChainPlays(edge, masterUrl)
    for (const child of children) assert.equal(new URL(child).search, token, child)
  })

  it('tencent-vod-key passes the directory token on unchanged', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('tencent-vod-key')
    const masterUrl = edge.signedUrl(domain, '/demo/hls/master.m3u8')
    const token = new URL(masterUrl).search
    for (const child of await assertChainPlays(edge, masterUrl))
      assert.equal(new URL(child).search, token, child)
  })

  it('re-signed children expire with the playlist URL, not a fresh TTL', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 1800 })
    const masterUrl = edge.signedUrl(domain, '/demo/hls/master.m3u8', {
      expiresAt: Math.floor(edge.clock.now() / 1000) + 100,
    })
    const res = await fetch(masterUrl)
    assert.equal(res.headers.get('cache-control'), 'private, max-age=100')
    const [mediaUrl] = await walk(masterUrl)
    edge.clock.advance(131_000)
    const late = await fetch(mediaUrl!.url)
    assert.equal(late.status, 403)
    assert.equal(late.headers.get('x-error-code'), 'TOKEN_EXPIRED')
  })

  it('serves an open domain playlist unchanged under its own host', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { authEnabled: false })
    const text = await fetchText(`${edge.base}/play/${domain.host}/demo/hls/index.m3u8`)
    assert.equal(text, readFileSync(join(DEMO_MEDIA, 'hls/index.m3u8'), 'utf8'))
  })

  it('cuts a Tencent VOD preview (exper) playlist after the preview and ends it', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('tencent-vod-key')
    const url = edge.signedUrl(domain, '/demo/hls/index.m3u8', { previewSeconds: 3 })
    const media = parsePlaylist(await fetchText(url))
    assert.equal(media.kind, 'media')
    if (media.kind !== 'media') return
    assert.deepEqual(
      media.segments.map((s) => s.uri.split('?')[0]),
      ['segment-000.ts', 'segment-001.ts'],
    )
    assert.equal(media.endList, true)
  })
})
