// Byte ranges, HEAD and validators on the edge, over a real listener (RFC 9110 §13, §14): 206
// bodies are byte-exact slices of the committed demo MP4.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseRange } from '../../src/edge/serve-file.ts'
import { buildEdgeTestApp, DEMO_MEDIA, rawRequest } from './edge-app.ts'

const MP4 = readFileSync(join(DEMO_MEDIA, 'mp4/demo.mp4'))
const SIZE = MP4.length

async function setup(t: Parameters<typeof buildEdgeTestApp>[0]) {
  const edge = await buildEdgeTestApp(t)
  const domain = await edge.domain('aliyun-a')
  const url = edge.signedUrl(domain, '/demo/mp4/demo.mp4')
  return { edge, domain, url }
}

async function body(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer())
}

describe('edge: MP4 byte ranges', () => {
  it('serves the whole file with its length, type, validators and Accept-Ranges', async (t) => {
    const { url } = await setup(t)
    const res = await fetch(url)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'video/mp4')
    assert.equal(res.headers.get('content-length'), String(SIZE))
    assert.equal(res.headers.get('accept-ranges'), 'bytes')
    assert.match(res.headers.get('etag') ?? '', /^"[0-9a-f]+-5165c"$/)
    assert.ok(res.headers.get('last-modified'))
    assert.deepEqual(await body(res), MP4)
  })

  it('answers bytes=0-99 with 206, Content-Range and exactly those bytes', async (t) => {
    const { url } = await setup(t)
    const res = await fetch(url, { headers: { range: 'bytes=0-99' } })
    assert.equal(res.status, 206)
    assert.equal(res.headers.get('content-range'), `bytes 0-99/${SIZE}`)
    assert.equal(res.headers.get('content-length'), '100')
    assert.deepEqual(await body(res), MP4.subarray(0, 100))
  })

  it('serves a middle range, an open-ended range and a suffix range byte-exact', async (t) => {
    const { url } = await setup(t)
    const cases: [string, number, number][] = [
      ['bytes=1000-204799', 1000, 204799],
      ['bytes=300000-', 300000, SIZE - 1],
      ['bytes=-500', SIZE - 500, SIZE - 1],
      [`bytes=${SIZE - 1}-${SIZE - 1}`, SIZE - 1, SIZE - 1],
    ]
    for (const [range, start, end] of cases) {
      const res = await fetch(url, { headers: { range } })
      assert.equal(res.status, 206, range)
      assert.equal(res.headers.get('content-range'), `bytes ${start}-${end}/${SIZE}`, range)
      assert.deepEqual(await body(res), MP4.subarray(start, end + 1), range)
    }
  })

  it('clamps an end past the file and a suffix longer than the file', async (t) => {
    const { url } = await setup(t)
    const past = await fetch(url, { headers: { range: 'bytes=333000-99999999999999999999999' } })
    assert.equal(past.status, 206)
    assert.equal(past.headers.get('content-range'), `bytes 333000-${SIZE - 1}/${SIZE}`)
    assert.deepEqual(await body(past), MP4.subarray(333000))
    const suffix = await fetch(url, { headers: { range: 'bytes=-999999999' } })
    assert.equal(suffix.status, 206)
    assert.equal(suffix.headers.get('content-range'), `bytes 0-${SIZE - 1}/${SIZE}`)
    assert.equal((await body(suffix)).length, SIZE)
  })

  it('answers 416 with bytes */size for a range starting at or past the end', async (t) => {
    const { url } = await setup(t)
    for (const range of [`bytes=${SIZE}-`, 'bytes=99999999999999999999999-', 'bytes=-0']) {
      const res = await fetch(url, { headers: { range } })
      assert.equal(res.status, 416, range)
      assert.equal(res.headers.get('content-range'), `bytes */${SIZE}`, range)
      assert.equal(await res.text(), 'Range Not Satisfiable\n')
    }
  })

  it('ignores several ranges, other units and bad syntax, serving the whole file', async (t) => {
    const { url } = await setup(t)
    for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=abc', 'bytes=10-5', 'bytes=']) {
      const res = await fetch(url, { headers: { range } })
      assert.equal(res.status, 200, range)
      assert.equal(res.headers.get('content-range'), null, range)
      assert.equal((await body(res)).length, SIZE, range)
    }
  })

  it('answers HEAD with the GET headers and no body', async (t) => {
    const { url } = await setup(t)
    const res = await fetch(url, { method: 'HEAD' })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), String(SIZE))
    assert.equal(res.headers.get('content-type'), 'video/mp4')
    assert.equal((await body(res)).length, 0)
    const ranged = await fetch(url, { method: 'HEAD', headers: { range: 'bytes=10-19' } })
    assert.equal(ranged.status, 206)
    assert.equal(ranged.headers.get('content-range'), `bytes 10-19/${SIZE}`)
  })

  it('answers 304 to a matching If-None-Match or a not-older If-Modified-Since', async (t) => {
    const { url } = await setup(t)
    const first = await fetch(url, { method: 'HEAD' })
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    const conditions: Record<string, string>[] = [
      { 'if-none-match': etag },
      { 'if-none-match': `"nope", W/${etag}` },
      { 'if-none-match': '*' },
      { 'if-modified-since': lastModified },
    ]
    for (const headers of conditions) {
      const res = await fetch(url, { headers })
      assert.equal(res.status, 304, JSON.stringify(headers))
      assert.equal(res.headers.get('etag'), etag)
      assert.equal((await body(res)).length, 0)
    }
    const changed = await fetch(url, {
      headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified },
    })
    assert.equal(changed.status, 200, 'If-None-Match wins over If-Modified-Since')
  })

  it('applies If-Range only when it names the current representation', async (t) => {
    const { url } = await setup(t)
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!
    const same = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': etag } })
    assert.equal(same.status, 206)
    const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"old-1"' } })
    assert.equal(stale.status, 200)
    assert.equal((await body(stale)).length, SIZE)
  })

  it('bounds Cache-Control by what is left of the signed URL', async (t) => {
    const { edge, url } = await setup(t)
    edge.clock.advance(1000_000)
    const res = await fetch(url, { method: 'HEAD' })
    assert.equal(res.headers.get('cache-control'), 'private, max-age=800')
  })
})

describe('edge: files and paths', () => {
  it('types segments and playlists by extension', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { authEnabled: false })
    const ts = await fetch(`${edge.base}/play/${domain.host}/demo/hls/segment-000.ts`)
    await ts.arrayBuffer()
    assert.equal(ts.headers.get('content-type'), 'video/mp2t')
    assert.equal(ts.headers.get('cache-control'), 'public, max-age=3600')
    const m3u8 = await fetch(`${edge.base}/play/${domain.host}/demo/hls/index.m3u8`)
    assert.equal(m3u8.headers.get('content-type'), 'application/vnd.apple.mpegurl')
  })

  it('answers 404 for a missing file, a folder and paths that try to leave the media root', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { authEnabled: false })
    for (const path of [
      '/demo/missing.mp4',
      '/demo/hls/',
      '/demo',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/demo/..%2f..%2f..%2fetc%2fpasswd',
      '/..%5c..%5cetc%5cpasswd',
      '/demo/%00.mp4',
    ]) {
      const res = await rawRequest(edge.base, `/play/${domain.host}${path}`)
      assert.equal(res.status, 404, path)
      assert.equal(res.headers['x-error-code'], 'NOT_FOUND', path)
    }
  })

  it('never answers 500 to malformed escapes or odd targets', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    for (const path of [
      '/demo/mp4/demo.mp4?auth_key=%zz',
      '/demo/mp4/demo.mp4?auth_key=1-2-3',
      '/demo/%E0%A4%A.mp4?auth_key=x',
      '/demo/mp4/demo.mp4?auth_key=' + 'a'.repeat(5000),
      '/%ff%fe?auth_key=1767225600-0-0-00000000000000000000000000000000',
    ]) {
      const res = await rawRequest(edge.base, `/play/${domain.host}${path}`)
      assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`)
    }
  })
})

describe('parseRange', () => {
  it('reads the forms of RFC 9110 §14.1.2 for a 1000-byte file', () => {
    assert.deepEqual(parseRange('bytes=0-0', 1000), { kind: 'partial', start: 0, end: 0 })
    assert.deepEqual(parseRange('BYTES=5-', 1000), { kind: 'partial', start: 5, end: 999 })
    assert.deepEqual(parseRange('bytes=-1', 1000), { kind: 'partial', start: 999, end: 999 })
    assert.deepEqual(parseRange('bytes=1000-', 1000), { kind: 'unsatisfiable' })
    assert.deepEqual(parseRange(undefined, 1000), { kind: 'full' })
    assert.deepEqual(parseRange('bytes=0-1', 0), { kind: 'full' })
  })
})
