// Playback URL shapes for a play domain: its own host, or /play/<host>/ on PlayGate's edge for
// local-only names (the demo); signed with the domain's scheme unless its auth is off.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../src/config/load.ts'
import { fixedClock } from '../../src/core/ports.ts'
import type { PlayDomainWithKeys } from '../../src/core/model.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import {
  createPlayUrls,
  domainBaseUrl,
  edgeBaseUrl,
  isLocalOnlyHost,
} from '../../src/services/play-urls.ts'

const NOW = Date.UTC(2026, 0, 1) / 1000

function domain(host: string, changes: Partial<PlayDomainWithKeys> = {}): PlayDomainWithKeys {
  return {
    id: 'pd_1',
    tenantId: 'tn_1',
    host,
    scheme: 'aliyun-a',
    authEnabled: true,
    ttlSeconds: 1800,
    allowedOrigins: ['*'],
    isDefault: true,
    createdAt: new Date(NOW * 1000),
    keys: { primary: { id: 'k1', secret: 'aliyunvodexp1234' }, backup: null, rotatedAt: null },
    ...changes,
  }
}

function playUrls(env: Record<string, string> = {}) {
  const clock = fixedClock(NOW * 1000)
  const state = createMemorySharedState({ clock })
  const config = loadConfig({ env })
  return createPlayUrls({ crypto: nodeCrypto, clock, config, state })
}

describe('play URL addressing', () => {
  it('uses the /play/<host>/ prefix on 127.0.0.1:8080 for the demo domain by default', () => {
    const urls = playUrls()
    const { url, expiresAt } = urls.signStreamUrl({
      domain: domain('demo.playgate.local'),
      stream: { location: 'demo/hls/master.m3u8' },
      options: { rand: '0', uid: '0' },
    })
    // aliyun-vod.md / url-signing.md §2.1: md5("/demo/hls/master.m3u8-<ts>-0-0-<key>")
    assert.match(
      url,
      /^http:\/\/127\.0\.0\.1:8080\/play\/demo\.playgate\.local\/demo\/hls\/master\.m3u8\?auth_key=1767225600-0-0-[0-9a-f]{32}$/,
    )
    assert.equal(expiresAt, NOW + 1800)
  })

  it('uses http://<host>/ for a real host name, and the edge port or publicUrl for prefixes', () => {
    const config = loadConfig({ env: { PLAYGATE_HTTP_PUBLIC_URL: 'https://pg.example.cn/' } })
    assert.equal(domainBaseUrl({ host: 'video.example.cn' }, config), 'https://video.example.cn')
    assert.equal(domainBaseUrl({ host: 'v.test' }, config), 'https://pg.example.cn/play/v.test')
    const own = loadConfig({ env: { PLAYGATE_EDGE_PORT: '8081', PLAYGATE_EDGE_HOST: '0.0.0.0' } })
    assert.equal(edgeBaseUrl(own), 'http://127.0.0.1:8081')
    assert.equal(domainBaseUrl({ host: 'cdn.example.cn' }, own), 'http://cdn.example.cn')
  })

  it('treats special-use and single-label names as local-only', () => {
    for (const host of ['demo.playgate.local', 'a.test', 'x.localhost', 'video.example.com', 'box'])
      assert.equal(isLocalOnlyHost(host), true, host)
    for (const host of ['video.example.cn', 'cdn.playgate.io', '192.0.2.7'])
      assert.equal(isLocalOnlyHost(host), false, host)
  })

  it('signs an http(s) origin location under its own host', () => {
    const { url } = playUrls().signStreamUrl({
      domain: domain('video.example.cn'),
      stream: 'https://origin.example.cn/v/a.m3u8',
      options: { rand: '0' },
    })
    assert.match(
      url,
      /^https:\/\/origin\.example\.cn\/v\/a\.m3u8\?auth_key=1767225600-0-0-[0-9a-f]{32}$/,
    )
  })

  it('leaves URLs unsigned, but percent-encoded, when the domain has auth off', () => {
    const { url, target } = playUrls().signStreamUrl({
      domain: domain('video.example.cn', { authEnabled: false }),
      stream: 'v/第1集 a.mp4',
    })
    assert.equal(target, '/v/%E7%AC%AC1%E9%9B%86%20a.mp4')
    assert.equal(url, 'http://video.example.cn/v/%E7%AC%AC1%E9%9B%86%20a.mp4')
  })

  it('writes a generation time of expiresAt - domain TTL for a shorter ttlSeconds', () => {
    const { url, expiresAt } = playUrls().signStreamUrl({
      domain: domain('video.example.cn'),
      stream: 'v/a.mp4',
      ttlSeconds: 100,
      options: { rand: '0' },
    })
    assert.equal(expiresAt, NOW + 100)
    assert.match(url, new RegExp(`auth_key=${NOW + 100 - 1800}-0-0-`))
  })

  it('refuses absolute paths and other URL schemes as locations', () => {
    const urls = playUrls()
    for (const location of ['/etc/passwd', 'file:///etc/passwd', 'rtmp://x/live/a'])
      assert.throws(() => urls.signStreamUrl({ domain: domain('a.test'), stream: location }), {
        code: 'INVALID_PARAMETER',
      })
  })
})
