// A real nginx in front of the demo media, configured from the shipped docs/nginx files:
// (a) auth_request asking PlayGate, (b) secure_link checking PlayGate-signed URLs by itself.
// Skipped only when nginx is not installed (.ci/run installs nginx-light).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { parsePlaylist } from '../../src/core/hls/parse-playlist.ts'
import { buildEdgeTestApp, DEMO_MEDIA, rawRequest, type EdgeTestApp } from './edge-app.ts'
import { fillTemplate, findNginx, freePort, startNginx } from './nginx-harness.ts'

const DOCS = resolve(import.meta.dirname, '../../docs/nginx')
const NGINX = findNginx()
const SKIP = 'nginx is not installed (apt-get install -y nginx-light); .ci/run installs it'
const MP4 = '/demo/mp4/demo.mp4'
const MP4_BYTES = readFileSync(join(DEMO_MEDIA, 'mp4/demo.mp4'))

async function nginxFor(
  t: TestContext,
  edge: EdgeTestApp,
  file: string,
  values: Record<string, string>,
) {
  const port = await freePort()
  const server = fillTemplate(readFileSync(join(DOCS, file), 'utf8'), {
    'listen 80;': `listen 127.0.0.1:${port};`,
    '127.0.0.1:8080': new URL(edge.base).host,
    '/var/lib/playgate/data/media': edge.mediaRoot,
    ...values,
  })
  const nginx = await startNginx(NGINX!, port, server)
  t.after(() => nginx.stop())
  return nginx
}

/** Fetches master → media → segments through nginx as `host`; returns each status. */
async function playThrough(base: string, host: string, masterTarget: string) {
  const get = (target: string) => rawRequest(base, target, { headers: { host } })
  const statuses: number[] = []
  const master = await get(masterTarget)
  statuses.push(master.status)
  const masterUrl = new URL(masterTarget, base)
  const parsed = parsePlaylist(master.body.toString())
  for (const variant of parsed.kind === 'master' ? parsed.variants : []) {
    const mediaUrl = new URL(variant.uri, masterUrl)
    const media = await get(mediaUrl.pathname + mediaUrl.search)
    statuses.push(media.status)
    const list = parsePlaylist(media.body.toString())
    for (const segment of list.kind === 'media' ? list.segments : []) {
      const url = new URL(segment.uri, mediaUrl)
      const res = await get(url.pathname + url.search)
      statuses.push(res.status)
      const name = url.pathname.split('/').at(-1)!
      assert.deepEqual(res.body, readFileSync(join(DEMO_MEDIA, 'hls', name)), name)
    }
  }
  return statuses
}

describe('nginx auth_request to PlayGate (docs/nginx/playgate-auth-request.conf)', () => {
  it('serves valid URLs and refuses tampered and expired ones', async (t) => {
    if (!NGINX) return t.skip(SKIP)
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const nginx = await nginxFor(t, edge, 'playgate-auth-request.conf', {
      'video.example.com': domain.host,
    })
    const get = (target: string, headers: Record<string, string> = {}) =>
      rawRequest(nginx.base, target, { headers: { host: domain.host, ...headers } })
    const { target } = edge.playUrls.signTarget(domain, MP4, domain.ttlSeconds)

    const ok = await get(target)
    assert.equal(ok.status, 200)
    assert.deepEqual(ok.body, MP4_BYTES)
    const ranged = await get(target, { range: 'bytes=100-199' })
    assert.equal(ranged.status, 206)
    assert.deepEqual(ranged.body, MP4_BYTES.subarray(100, 200))

    assert.equal((await get(target.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).status, 403)
    assert.equal((await get(MP4)).status, 403, 'no signature')
    edge.clock.advance(700_000)
    assert.equal((await get(target)).status, 403, 'expired')
  })

  it('plays an HLS chain: playlists rewritten by PlayGate, segments gated by auth_request', async (t) => {
    if (!NGINX) return t.skip(SKIP)
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const nginx = await nginxFor(t, edge, 'playgate-auth-request.conf', {
      'video.example.com': domain.host,
    })
    const { target } = edge.playUrls.signTarget(domain, '/demo/hls/master.m3u8', 600)
    assert.deepEqual(await playThrough(nginx.base, domain.host, target), [200, 200, 200, 200, 200])
  })
})

describe('nginx secure_link with PlayGate-signed URLs (docs/nginx/secure-link.conf)', () => {
  async function setup(t: TestContext) {
    const edge = await buildEdgeTestApp(t)
    edge.clock.set(Date.now()) // nginx checks expiry against the real clock
    const domain = await edge.domain('nginx-secure-link', {
      primaryKey: 'nginx-primary-7f3a',
      backupKey: 'nginx-backup-19c2',
    })
    const nginx = await nginxFor(t, edge, 'secure-link.conf', {
      'video.example.com': domain.host,
      REPLACE_WITH_PRIMARY_KEY: domain.keys.primary.secret,
      REPLACE_WITH_BACKUP_KEY: domain.keys.backup!.secret,
      '/run/playgate-backup-key.sock': join(edge.dataDir, 'nginx-backup.sock'),
    })
    const get = (target: string) =>
      rawRequest(nginx.base, target, { headers: { host: domain.host } })
    return { edge, domain, nginx, get }
  }

  it('serves a valid URL and refuses tampered, expired and foreign-key ones', async (t) => {
    if (!NGINX) return t.skip(SKIP)
    const { edge, domain, get } = await setup(t)
    const now = Math.floor(Date.now() / 1000)
    const sign = (d: typeof domain, options = {}) =>
      edge.playUrls.signTarget(d, MP4, 600, options).target
    const valid = sign(domain)

    const ok = await get(valid)
    assert.equal(ok.status, 200)
    assert.deepEqual(ok.body, MP4_BYTES)
    assert.equal((await get(valid.replace('md5=', 'md5=A'))).status, 403, 'tampered hash')
    assert.equal((await get(valid.replace(/expires=\d+/, `expires=${now + 9999}`))).status, 403)
    assert.equal((await get(sign(domain, { expiresAt: now - 60 }))).status, 403, 'expired')
    const stranger = { ...domain, keys: { ...domain.keys, primary: { id: 'k', secret: 'nope' } } }
    assert.equal((await get(sign(stranger))).status, 403, 'a key outside the ring')
    const backup = { ...domain, keys: { ...domain.keys, primary: domain.keys.backup! } }
    assert.equal((await get(sign(backup))).status, 200, 'the backup key verifies too')
  })

  it('plays an HLS chain: playlists re-signed by PlayGate, segments checked by nginx alone', async (t) => {
    if (!NGINX) return t.skip(SKIP)
    const { edge, domain, nginx } = await setup(t)
    const { target } = edge.playUrls.signTarget(domain, '/demo/hls/master.m3u8', 600)
    assert.deepEqual(await playThrough(nginx.base, domain.host, target), [200, 200, 200, 200, 200])
  })
})
