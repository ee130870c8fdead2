// GET /edge/auth for nginx auth_request: 204 with the verified path for a valid X-Original-URI,
// 403 with a reason code for everything else (nginx turns other statuses into 500s).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'

describe('GET /edge/auth', () => {
  it('answers 204 with X-Media-Path and a bounded Cache-Control for a valid URI', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const { target } = edge.playUrls.signTarget(domain, MP4, 600)
    const res = await edge.app.inject({
      url: '/edge/auth',
      headers: { 'x-original-uri': target, 'x-original-host': domain.host },
    })
    assert.equal(res.statusCode, 204)
    assert.equal(res.headers['x-media-path'], MP4)
    assert.equal(res.headers['cache-control'], 'private, max-age=600')
    assert.equal(res.body, '')
  })

  it('names the file a path-form signature covers (Aliyun B)', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    const domain = await edge.domain('aliyun-b')
    const { target } = edge.playUrls.signTarget(domain, '/demo/hls/segment 1.ts', 600)
    assert.match(target, /^\/\d{12}\/[0-9a-f]{32}\/demo\/hls\/segment%201\.ts$/)
    const res = await edge.app.inject({
      url: '/edge/auth',
      headers: { 'x-original-uri': target, 'x-original-host': domain.host },
    })
    assert.equal(res.statusCode, 204)
    assert.equal(res.headers['x-media-path'], '/demo/hls/segment%201.ts')
  })

  it('accepts the /play/<host>/ prefix form and falls back to the Host header', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    const domain = await edge.domain('tencent-cdn-a')
    const { target } = edge.playUrls.signTarget(domain, MP4, 600)
    const delivered = edge.playUrls.signTarget(domain, MP4, 600, {}, `/play/${domain.host}`)
    const prefixed = await edge.app.inject({
      url: '/edge/auth',
      headers: { 'x-original-uri': delivered.target },
    })
    assert.equal(prefixed.statusCode, 204)
    const byHost = await edge.app.inject({
      url: '/edge/auth',
      headers: { 'x-original-uri': target, host: domain.host },
    })
    assert.equal(byHost.statusCode, 204)
  })

  it('refuses with 403 and a reason code, never another status', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const { target } = edge.playUrls.signTarget(domain, MP4, 600)
    const cases: [Record<string, string>, string][] = [
      [{ 'x-original-host': domain.host }, 'MISSING_PARAMETER'],
      [{ 'x-original-uri': 'no-slash', 'x-original-host': domain.host }, 'INVALID_PARAMETER'],
      [{ 'x-original-uri': target, 'x-original-host': 'unknown.test' }, 'NOT_FOUND'],
      [{ 'x-original-uri': MP4, 'x-original-host': domain.host }, 'TOKEN_INVALID'],
      [
        {
          'x-original-uri': target.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
          'x-original-host': domain.host,
        },
        'SIGNATURE_MISMATCH',
      ],
    ]
    for (const [headers, code] of cases) {
      const res = await edge.app.inject({ url: '/edge/auth', headers })
      assert.equal(res.statusCode, 403, code)
      assert.equal(res.headers['x-error-code'], code)
      assert.equal(res.body, 'Forbidden\n')
    }
    edge.clock.advance(700_000)
    const late = await edge.app.inject({
      url: '/edge/auth',
      headers: { 'x-original-uri': target, 'x-original-host': domain.host },
    })
    assert.equal(late.headers['x-error-code'], 'TOKEN_EXPIRED')
  })

  it('checks an IP-bound native URL against X-Original-Remote-Addr', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    const domain = await edge.domain('native')
    const { target } = edge.playUrls.signTarget(domain, MP4, 600, { clientIp: '203.0.113.0/24' })
    const from = (ip: string) =>
      edge.app.inject({
        url: '/edge/auth',
        headers: {
          'x-original-uri': target,
          'x-original-host': domain.host,
          'x-original-remote-addr': ip,
        },
      })
    assert.equal((await from('203.0.113.9')).statusCode, 204)
    const other = await from('198.51.100.1')
    assert.equal(other.statusCode, 403)
    assert.equal(other.headers['x-error-code'], 'SCOPE_MISMATCH')
  })
})
