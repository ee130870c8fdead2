// Signed playback URLs at the edge, for every scheme: accepted while valid (skew included),
// refused when expired, tampered, revoked or over Tencent's rlimit, with the edge's wire shape.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { URL_SCHEME_NAMES } from '../../src/core/schemes/url-scheme.ts'
import { buildEdgeTestApp, rawRequest, TENANT } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'
const MP4_SIZE = 333404

describe('edge: signed URLs for every scheme', () => {
  for (const scheme of URL_SCHEME_NAMES) {
    it(`${scheme}: serves a valid URL, within the skew too, and refuses it once expired`, async (t) => {
      const edge = await buildEdgeTestApp(t)
      const domain = await edge.domain(scheme, { ttlSeconds: 600 })
      const url = edge.signedUrl(domain, MP4)
      const ok = await fetch(url)
      assert.equal(ok.status, 200, `${url} → ${ok.headers.get('x-error-code')}`)
      assert.equal((await ok.arrayBuffer()).byteLength, MP4_SIZE)

      edge.clock.advance((600 + 30) * 1000) // edge.skewSeconds defaults to 30
      const edgeOfSkew = await fetch(url, { method: 'HEAD' })
      assert.equal(edgeOfSkew.status, 200, `${scheme} at expiry + skew`)
      assert.equal(edgeOfSkew.headers.get('cache-control'), 'private, max-age=0')

      edge.clock.advance(1000)
      const late = await fetch(url)
      assert.equal(late.status, 403)
      assert.equal(late.headers.get('x-error-code'), 'TOKEN_EXPIRED')
      assert.equal(await late.text(), 'Forbidden\n')
    })
  }
})

describe('edge: denials', () => {
  it('answers every denial with the same short body and only a code header', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const url = edge.signedUrl(domain, MP4)
    const cases: [string, string][] = [
      [`${edge.base}/play/${domain.host}${MP4}`, 'TOKEN_INVALID'],
      [url.replace(/-0-[0-9a-f]{32}$/, '-0-' + '0'.repeat(32)), 'SIGNATURE_MISMATCH'],
      [url.replace('/demo/mp4/demo.mp4', '/demo/hls/segment-000.ts'), 'SIGNATURE_MISMATCH'],
    ]
    for (const [target, code] of cases) {
      const res = await fetch(target)
      assert.equal(res.status, 403, target)
      assert.equal(res.headers.get('x-error-code'), code, target)
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.equal(await res.text(), 'Forbidden\n')
    }
  })

  it('answers 404 Not Found for a prefix naming no play domain', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const res = await fetch(`${edge.base}/play/nobody.playgate.test${MP4}`)
    assert.equal(res.status, 404)
    assert.equal(res.headers.get('x-error-code'), 'NOT_FOUND')
    assert.equal(await res.text(), 'Not Found\n')
  })

  it('refuses a URL signed with a key outside the ring', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('tencent-cdn-d')
    const stranger = { ...domain, keys: { ...domain.keys, primary: { id: 'kx', secret: 'other' } } }
    const res = await fetch(edge.signedUrl(stranger, MP4))
    assert.equal(res.headers.get('x-error-code'), 'SIGNATURE_MISMATCH')
  })

  it('accepts a URL signed with the backup key', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { primaryKey: 'primary-1', backupKey: 'backup-1' })
    const backupSigned = { ...domain, keys: { ...domain.keys, primary: domain.keys.backup! } }
    const res = await fetch(edge.signedUrl(backupSigned, MP4), { method: 'HEAD' })
    assert.equal(res.status, 200)
  })
})

describe('edge: addressing', () => {
  it('serves a domain by its Host header with the same signed target', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const { target } = edge.playUrls.signTarget(domain, MP4, domain.ttlSeconds)
    const res = await rawRequest(edge.base, target, {
      method: 'HEAD',
      headers: { host: `${domain.host}:8080` },
    })
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-length'], String(MP4_SIZE))
  })

  it('leaves requests for hosts that are no play domain to the API', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const res = await rawRequest(edge.base, MP4, { headers: { host: 'elsewhere.example' } })
    assert.equal(res.status, 404)
    // The API's answer for a path it has no route for (not an unknown resource: NOT_FOUND).
    assert.equal(JSON.parse(res.body.toString()).error.code, 'UNSUPPORTED_OPERATION')
  })

  it('serves a domain with auth disabled openly, signature or not', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { authEnabled: false })
    const res = await fetch(`${edge.base}/play/${domain.host}${MP4}?anything=1`, {
      method: 'HEAD',
    })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), 'public, max-age=3600')
  })
})

describe('edge: revocation and limits', () => {
  it('refuses every URL under a revoked folder until the revocation lapses', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const segment = edge.signedUrl(domain, '/demo/hls/segment-000.ts')
    const mp4 = edge.signedUrl(domain, MP4)
    await edge.services.viewerControls.revoke(TENANT, {
      kind: 'path',
      value: '/demo/hls/',
      reason: 'takedown',
      domainId: domain.id,
    })
    const revoked = await fetch(segment)
    assert.equal(revoked.status, 403)
    assert.equal(revoked.headers.get('x-error-code'), 'TOKEN_REVOKED')
    assert.equal((await fetch(mp4, { method: 'HEAD' })).status, 200)

    edge.clock.advance(700_000)
    const fresh = edge.signedUrl(domain, '/demo/hls/segment-000.ts')
    assert.equal((await fetch(fresh, { method: 'HEAD' })).status, 200)
  })

  it('takes a file down on an open domain too', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { authEnabled: false })
    await edge.services.viewerControls.revoke(TENANT, {
      kind: 'path',
      value: MP4,
      reason: 'takedown',
    })
    const res = await fetch(`${edge.base}/play/${domain.host}${MP4}`)
    assert.equal(res.headers.get('x-error-code'), 'TOKEN_REVOKED')
  })

  it('refuses a Tencent VOD link id once it is revoked', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('tencent-vod-key')
    const url = edge.signedUrl(domain, MP4, { linkId: 'viewer42' })
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 200)
    await edge.services.viewerControls.revokeUrl(TENANT, url, 'leaked')
    assert.equal((await fetch(url)).headers.get('x-error-code'), 'TOKEN_REVOKED')
  })

  it('admits at most rlimit distinct client addresses per Tencent VOD URL', async (t) => {
    const edge = await buildEdgeTestApp(t, { env: { PLAYGATE_HTTP_TRUST_PROXY: 'true' } })
    const domain = await edge.domain('tencent-vod-key')
    const url = edge.signedUrl(domain, MP4, { maxClientIps: 2 })
    const from = (ip: string) =>
      fetch(url, { method: 'HEAD', headers: { 'x-forwarded-for': ip } }).then((r) => r.status)
    assert.deepEqual(
      [await from('10.0.0.1'), await from('10.0.0.2'), await from('10.0.0.1')],
      [200, 200, 200],
    )
    assert.equal(await from('10.0.0.3'), 403)
    assert.equal(await from('10.0.0.2'), 200)
  })
})
