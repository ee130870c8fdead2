// Viewer controls at the real edge over HTTP: binding rules per domain and per video, revocation
// by credential, viewer, video and key, session caps with leases that lapse, listing and kicking.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp, TENANT, type EdgeTestApp } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'
const PLAYLIST = '/demo/hls/index.m3u8'
const PROXIED = { env: { PLAYGATE_EDGE_TRUSTED_PROXIES: '127.0.0.1, ::1' } }

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers })
  const body = await res.text()
  return {
    status: res.status,
    code: res.headers.get('x-error-code'),
    reason: res.headers.get('x-deny-reason'),
    body,
  }
}

const from = (ip: string, extra: Record<string, string> = {}) => ({
  'x-forwarded-for': ip,
  ...extra,
})

async function video(edge: EdgeTestApp, location: string) {
  const v = await edge.services.videos.create({ tenantId: TENANT, title: 'clip' })
  await edge.services.videos.addStream({ videoId: v.id, location })
  return v
}

describe('edge: binding rules', () => {
  it('locks a domain to an office network, first match wins, 403 with the reason', async (t) => {
    const edge = await buildEdgeTestApp(t, PROXIED)
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [{ action: 'allow', ip: ['10.1.0.0/16', '2001:db8:1::/48'] }, { action: 'deny' }],
    })
    const url = edge.signedUrl(domain, MP4)
    assert.equal((await get(url, from('10.1.2.3'))).status, 200)
    assert.equal((await get(url, from('2001:db8:1::7'))).status, 200)
    assert.deepEqual(await get(url, from('192.0.2.1')), {
      status: 403,
      code: 'FORBIDDEN',
      reason: 'rule',
      body: 'Forbidden\n',
    })
    const metrics = await (await fetch(`${edge.base}/metrics`)).text()
    assert.match(metrics, /playgate_edge_denials_total\{reason="rule"\} 1/)
  })

  it('never believes X-Forwarded-For from a peer that is not a trusted proxy', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [{ action: 'deny', ip: ['127.0.0.0/8', '::1'] }],
    })
    const res = await get(edge.signedUrl(domain, MP4), from('10.1.2.3'))
    assert.equal(res.reason, 'rule')
  })

  it('allows referrers by pattern and an explicit no-referrer, and refuses CLI clients', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [
        { action: 'deny', userAgent: ['cli'] },
        { action: 'allow', referrer: ['*.example.com', 'none'] },
        { action: 'deny' },
      ],
    })
    const url = edge.signedUrl(domain, MP4)
    assert.equal((await get(url, { referer: 'https://www.example.com/p' })).status, 200)
    assert.equal((await get(url)).status, 200)
    assert.equal((await get(url, { referer: 'https://evil.test/' })).reason, 'rule')
    assert.equal((await get(url, { 'user-agent': 'curl/8.5.0' })).reason, 'rule')
  })

  it("applies a video's rules before its domain's, on the video's files only", async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    const clip = await video(edge, 'demo/hls/index.m3u8')
    await edge.services.viewerControls.putPolicy('video', clip.id, {
      rules: [{ action: 'deny', referrer: ['none'] }],
    })
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [{ action: 'allow', referrer: ['none'] }],
    })
    assert.equal((await get(edge.signedUrl(domain, '/demo/hls/segment-000.ts'))).reason, 'rule')
    assert.equal((await get(edge.signedUrl(domain, MP4))).status, 200)
  })
})

describe('edge: revocation', () => {
  it('stops a leaked link and its playlist children at once, and nothing else', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const leaked = edge.signedUrl(domain, PLAYLIST, { uid: 'u1' })
    const playlist = await get(leaked)
    assert.equal(playlist.status, 200)
    const child = playlist.body.split('\n').find((l) => l.includes('segment-000.ts'))!
    const childUrl = new URL(child, leaked).toString()
    assert.equal((await get(childUrl)).status, 200)
    const other = edge.signedUrl(domain, PLAYLIST, { uid: 'u1' })

    const entry = await edge.services.viewerControls.revokeUrl(TENANT, leaked, 'posted on a forum')
    assert.equal(entry.kind, 'credential')
    assert.deepEqual(await get(leaked), {
      status: 403,
      code: 'TOKEN_REVOKED',
      reason: 'revoked',
      body: 'Forbidden\n',
    })
    assert.equal((await get(childUrl)).code, 'TOKEN_REVOKED')
    assert.equal((await get(other)).status, 200)
  })

  it('revokes by viewer, by video and by ring key; lifting restores access', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    const clip = await video(edge, 'demo/mp4/demo.mp4')
    const controls = edge.services.viewerControls
    const byViewer = await controls.revoke(TENANT, {
      kind: 'viewer',
      value: 'u9',
      reason: 'unpaid',
    })
    assert.equal((await get(edge.signedUrl(domain, PLAYLIST, { uid: 'u9' }))).code, 'TOKEN_REVOKED')
    assert.equal((await get(edge.signedUrl(domain, PLAYLIST, { uid: 'u8' }))).status, 200)
    await controls.lift(TENANT, byViewer.id)
    assert.equal((await get(edge.signedUrl(domain, PLAYLIST, { uid: 'u9' }))).status, 200)

    await controls.revoke(TENANT, { kind: 'video', value: clip.id, reason: 'rights expired' })
    assert.equal((await get(edge.signedUrl(domain, MP4))).code, 'TOKEN_REVOKED')
    assert.equal((await get(edge.signedUrl(domain, PLAYLIST))).status, 200)

    const rotated = await edge.services.playDomains.rotate(domain.id)
    const old = domain.keys.primary.id
    const oldUrl = edge.signedUrl(domain, PLAYLIST)
    await controls.revoke(TENANT, { kind: 'key', value: old, reason: 'key leaked' })
    assert.equal((await get(oldUrl)).code, 'TOKEN_REVOKED')
    assert.equal((await get(edge.signedUrl(rotated, PLAYLIST))).status, 200)
  })

  it('keeps enforcing known revocations and rules, without 503, while shared state is down', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      rules: [{ action: 'deny', userAgent: ['cli'] }],
    })
    const leaked = edge.signedUrl(domain, MP4, { uid: 'u1' })
    await edge.services.viewerControls.revokeUrl(TENANT, leaked, 'leaked')
    const other = edge.signedUrl(domain, MP4, { uid: 'u2' })
    assert.equal((await get(other)).status, 200)
    await edge.services.deps.state.close()
    assert.equal((await get(leaked)).code, 'TOKEN_REVOKED')
    assert.equal((await get(other, { 'user-agent': 'curl/8.5.0' })).reason, 'rule')
    assert.equal((await get(other)).status, 200)
  })

  it('ends entries and usage limits on their own: unlisted, then deleted at the next write', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const controls = edge.services.viewerControls
    const { db } = edge.services.deps
    const url = edge.signedUrl(domain, MP4, { uid: 'u1' })
    await controls.revokeUrl(TENANT, url, 'leaked')
    await controls.revoke(TENANT, { kind: 'viewer', value: 'u2', reason: 'refunded' })
    await controls.limitUses(domain, [url.slice(edge.base.length)], 1)
    assert.equal((await get(url)).code, 'TOKEN_REVOKED')
    const skew = edge.services.deps.config.edge.skewSeconds
    edge.clock.advance((600 + skew) * 1000)
    assert.deepEqual(await controls.listRevocations(TENANT), [])
    const rows = async () => [
      (await db.selectFrom('revocations').select('id').execute()).length,
      (await db.selectFrom('credential_limits').select('credential_id').execute()).length,
    ]
    assert.deepEqual(await rows(), [2, 1])
    const fresh = edge.signedUrl(domain, MP4, { uid: 'u3' })
    await controls.revoke(TENANT, { kind: 'viewer', value: 'u3', reason: 'refunded' })
    await controls.limitUses(domain, [fresh.slice(edge.base.length)], 2)
    assert.deepEqual(await rows(), [1, 1])
  })

  it('refuses malformed entries with the parameter', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const controls = edge.services.viewerControls
    await assert.rejects(controls.revoke(TENANT, { kind: 'path', value: 'x', reason: '' }), {
      code: 'INVALID_PARAMETER',
      details: { parameter: 'reason' },
    })
    await assert.rejects(controls.putPolicy('video', 'f'.repeat(32), { rules: [] }), {
      code: 'NOT_FOUND',
    })
    const domain = await edge.domain('native')
    await assert.rejects(
      controls.putPolicy('domain', domain.id, { rules: [{ action: 'deny', ip: ['x'] }] }),
      { code: 'INVALID_PARAMETER', details: { parameter: 'rules[0].ip[0]' } },
    )
    await assert.rejects(
      controls.putPolicy('domain', domain.id, { caps: { maxIpsPerCredential: 0 } }),
      { code: 'INVALID_PARAMETER', details: { parameter: 'caps.maxIpsPerCredential' } },
    )
  })
})

describe('edge: sessions and caps', () => {
  it('caps distinct addresses per credential; a quiet session frees its slot', async (t) => {
    const edge = await buildEdgeTestApp(t, PROXIED)
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxIpsPerCredential: 1, idleSeconds: 30 },
    })
    const url = edge.signedUrl(domain, MP4)
    assert.equal((await get(url, from('10.0.0.1'))).status, 200)
    assert.equal((await get(url, from('10.0.0.1'))).status, 200)
    assert.deepEqual(await get(url, from('10.0.0.2')), {
      status: 403,
      code: 'FORBIDDEN',
      reason: 'credential-ip-cap',
      body: 'Forbidden\n',
    })
    // Another credential (signed for another expiry) has its own slots.
    const another = edge.signedUrl(domain, MP4, { expiresAt: edge.clock.now() / 1000 + 100 })
    assert.equal((await get(another, from('10.0.0.2'))).status, 200)
    edge.clock.advance(31_000)
    assert.equal((await get(url, from('10.0.0.2'))).status, 200)
  })

  it("caps a video's files by its own policy, instead of its domain's", async (t) => {
    const edge = await buildEdgeTestApp(t, PROXIED)
    const domain = await edge.domain('native')
    const clip = await video(edge, 'demo/hls/index.m3u8')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxIpsPerCredential: 5 },
    })
    await edge.services.viewerControls.putPolicy('video', clip.id, {
      caps: { maxIpsPerCredential: 1 },
    })
    const segment = edge.signedUrl(domain, '/demo/hls/segment-000.ts')
    assert.equal((await get(segment, from('10.0.0.1'))).status, 200)
    assert.equal((await get(segment, from('10.0.0.2'))).reason, 'credential-ip-cap')
    const mp4 = edge.signedUrl(domain, MP4)
    assert.equal((await get(mp4, from('10.0.0.1'))).status, 200)
    assert.equal((await get(mp4, from('10.0.0.2'))).status, 200)
    const sessions = await edge.services.viewerSessions.list(TENANT)
    assert.deepEqual(
      sessions.map((s) => [s.videoId, s.clientIp]).sort(),
      [
        [clip.id, '10.0.0.1'],
        [null, '10.0.0.1'],
        [null, '10.0.0.2'],
      ].sort(),
    )
  })

  it('fails closed (503) without shared state, visible in /readyz and metrics', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxSessionsPerViewer: 2, idleSeconds: 60 },
    })
    const url = edge.signedUrl(domain, MP4, { uid: 'u1' })
    assert.equal((await get(url)).status, 200)
    await edge.services.deps.state.close()
    // A session this replica renewed less than idle/3 ago holds its leases until then.
    assert.equal((await get(url)).status, 200)
    const unavailable = {
      status: 503,
      code: 'UNAVAILABLE',
      reason: 'unavailable',
      body: 'Service Unavailable\n',
    }
    assert.deepEqual(await get(edge.signedUrl(domain, MP4, { uid: 'u2' })), unavailable)
    edge.clock.advance(20_000)
    assert.deepEqual(await get(url), unavailable)
    const ready = await fetch(`${edge.base}/readyz`)
    assert.equal(ready.status, 503)
    assert.deepEqual(await ready.json(), {
      status: 'unavailable',
      checks: { database: true, sharedState: false },
    })
    const metrics = await (await fetch(`${edge.base}/metrics`)).text()
    assert.match(metrics, /playgate_edge_denials_total\{reason="unavailable"\} 2/)
  })

  it('caps concurrent sessions per viewer, lists them and kicks one', async (t) => {
    const edge = await buildEdgeTestApp(t, PROXIED)
    const domain = await edge.domain('aliyun-a')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxSessionsPerViewer: 1 },
    })
    const tv = edge.signedUrl(domain, MP4, { uid: 'sub_7' })
    const phone = edge.signedUrl(domain, MP4, { uid: 'sub_7' })
    const ua = { 'user-agent': 'Mozilla/5.0 (SMART-TV; Tizen 6.0)' }
    assert.equal((await get(tv, from('203.0.113.5', ua))).status, 200)
    assert.equal((await get(phone, from('198.51.100.9'))).reason, 'viewer-session-cap')
    const sessions = await edge.services.viewerSessions.list(TENANT)
    assert.equal(sessions.length, 1)
    assert.equal(sessions[0]!.viewerId, 'sub_7')
    assert.equal(sessions[0]!.clientIp, '203.0.113.5')
    assert.equal(sessions[0]!.userAgent, ua['user-agent'])
    assert.equal(sessions[0]!.path, MP4)

    await edge.services.kickSession(TENANT, sessions[0]!.id)
    assert.equal((await get(tv, from('203.0.113.5'))).code, 'TOKEN_REVOKED')
    assert.equal((await get(phone, from('198.51.100.9'))).status, 200)
    assert.deepEqual(
      (await edge.services.viewerSessions.list(TENANT)).map((s) => s.clientIp),
      ['198.51.100.9'],
    )
  })

  it('keeps a session’s start as its record is renewed, and restarts it once it lapsed', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { idleSeconds: 60 },
    })
    const url = edge.signedUrl(domain, MP4, { expiresAt: edge.clock.now() / 1000 + 3600 })
    const seen = async () => {
      assert.equal((await get(url)).status, 200)
      const [session] = await edge.services.viewerSessions.list(TENANT)
      return [session!.startedAt, session!.lastSeenAt]
    }
    assert.deepEqual(await seen(), ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'])
    edge.clock.advance(25_000)
    assert.deepEqual(await seen(), ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:25.000Z'])
    edge.clock.advance(61_000)
    assert.deepEqual(await seen(), ['2026-01-01T00:01:26.000Z', '2026-01-01T00:01:26.000Z'])
  })
})
