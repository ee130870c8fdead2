// CORS at the edge: browser players on other origins and on file:// pages (`Origin: null`) read
// ranges and error codes; allowed origins are per domain, with edge.corsOrigins as the default.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'

describe('edge: CORS', () => {
  it('allows any origin by default and exposes the range and validator headers', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const res = await fetch(edge.signedUrl(domain, MP4), {
      headers: { origin: 'https://player.example', range: 'bytes=0-1' },
    })
    assert.equal(res.status, 206)
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
    assert.equal(
      res.headers.get('access-control-expose-headers'),
      'Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified, X-Error-Code',
    )
    await res.arrayBuffer()
  })

  it('lets a page opened from a file (Origin: null) play', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const res = await fetch(edge.signedUrl(domain, MP4), {
      method: 'HEAD',
      headers: { origin: 'null' },
    })
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
  })

  it('answers a preflight for Range with 204, methods, headers and a max age', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const res = await fetch(edge.signedUrl(domain, MP4), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://player.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range, x-playback-session-id',
      },
    })
    assert.equal(res.status, 204)
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET, HEAD, OPTIONS')
    assert.equal(
      res.headers.get('access-control-allow-headers'),
      'range, if-range, if-none-match, if-modified-since, x-playback-session-id',
    )
    assert.equal(res.headers.get('access-control-max-age'), '86400')
  })

  it('echoes a listed origin with Vary and refuses others, preflight included', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', {
      allowedOrigins: ['https://player.example', 'null'],
    })
    const url = edge.signedUrl(domain, MP4)
    const listed = await fetch(url, {
      method: 'HEAD',
      headers: { origin: 'https://player.example' },
    })
    assert.equal(listed.headers.get('access-control-allow-origin'), 'https://player.example')
    assert.equal(listed.headers.get('vary'), 'Origin')
    const file = await fetch(url, { method: 'HEAD', headers: { origin: 'null' } })
    assert.equal(file.headers.get('access-control-allow-origin'), 'null')

    const other = await fetch(url, { method: 'HEAD', headers: { origin: 'https://evil.example' } })
    assert.equal(other.status, 200, 'served; the browser withholds it')
    assert.equal(other.headers.get('access-control-allow-origin'), null)
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    assert.equal(preflight.status, 403)
    assert.equal(preflight.headers.get('x-error-code'), 'FORBIDDEN')
  })

  it('falls back to edge.corsOrigins for a domain with no list of its own', async (t) => {
    const edge = await buildEdgeTestApp(t, {
      env: { PLAYGATE_EDGE_CORS_ORIGINS: 'https://a.example, https://b.example' },
    })
    const domain = await edge.domain('aliyun-a', { allowedOrigins: [] })
    const url = edge.signedUrl(domain, MP4)
    const b = await fetch(url, { method: 'HEAD', headers: { origin: 'https://b.example' } })
    assert.equal(b.headers.get('access-control-allow-origin'), 'https://b.example')
    const c = await fetch(url, { method: 'HEAD', headers: { origin: 'https://c.example' } })
    assert.equal(c.headers.get('access-control-allow-origin'), null)
  })

  it('lets a player read the code of a denial', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const res = await fetch(`${edge.base}/play/${domain.host}${MP4}`, {
      headers: { origin: 'https://player.example' },
    })
    assert.equal(res.status, 403)
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
    assert.equal(res.headers.get('x-error-code'), 'TOKEN_INVALID')
  })

  it('answers a plain OPTIONS with the allowed methods', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const res = await fetch(`${edge.base}/play/${domain.host}${MP4}`, { method: 'OPTIONS' })
    assert.equal(res.status, 204)
    assert.equal(res.headers.get('allow'), 'GET, HEAD, OPTIONS')
  })
})
