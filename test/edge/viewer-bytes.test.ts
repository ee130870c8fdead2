// Bytes per viewing session at the real edge over HTTP, on the in-memory shared state and (with
// PLAYGATE_TEST_REDIS_URL) on Redis: exact body bytes of a full GET, a Range GET and an HLS
// playlist and segment, listed by the native API (and, on Redis, by the CLI of another process).
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { SHARED_STATES } from '../helpers/shared-state.ts'
import { cliWorld } from '../cli/cli-harness.ts'
import { buildEdgeTestApp, TENANT, type EdgeTestApp } from './edge-app.ts'
import { REDIS_SKIP } from './replicas.ts'

const MP4 = '/demo/mp4/demo.mp4'
const MP4_BYTES = 333_404
const SEGMENT_BYTES = 113_176
const PROXIED = { PLAYGATE_EDGE_TRUSTED_PROXIES: '127.0.0.1, ::1' }

async function fetchFrom(url: string, ip: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { 'x-forwarded-for': ip, ...headers } })
  const body = Buffer.from(await res.arrayBuffer())
  return { status: res.status, body }
}

interface Listed {
  clientIp: string
  bytes: number
  path: string
}

async function listed(edge: EdgeTestApp, tenantId = TENANT): Promise<Listed[]> {
  const res = await fetch(`${edge.base}/v1/tenants/${tenantId}/sessions`, { headers: edge.admin })
  assert.equal(res.status, 200)
  const { items } = (await res.json()) as { items: Listed[] }
  return items
    .map(({ clientIp, bytes, path }) => ({ clientIp, bytes, path }))
    .sort((a, b) => a.clientIp.localeCompare(b.clientIp))
}

async function edgeOn(t: TestContext, kind: (typeof SHARED_STATES)[number]) {
  const harness = await kind.create(t)
  return buildEdgeTestApp(t, {
    env: PROXIED,
    replica: { state: harness.state, clock: harness.clock },
  })
}

for (const kind of SHARED_STATES) {
  describe(`edge: bytes per session (${kind.name} shared state)`, () => {
    it('counts the exact body bytes of a full GET, a Range GET, and HLS playlist + segment', async (t) => {
      const edge = await edgeOn(t, kind)
      const domain = await edge.domain('aliyun-a')
      await edge.services.viewerControls.putPolicy('domain', domain.id, {
        caps: { idleSeconds: 60 },
      })
      const mp4 = edge.signedUrl(domain, MP4, { uid: 'u1' })
      assert.equal((await fetchFrom(mp4, '10.0.0.1')).body.length, MP4_BYTES)

      const ranged = edge.signedUrl(domain, MP4, { uid: 'u2' })
      const range = await fetchFrom(ranged, '10.0.0.2', { range: 'bytes=100-1099' })
      assert.equal(range.status, 206)
      assert.equal(range.body.length, 1000)
      // A HEAD, a 304 and a 416 of the same session send no body.
      const head = await fetch(ranged, {
        method: 'HEAD',
        headers: { 'x-forwarded-for': '10.0.0.2' },
      })
      assert.equal(head.status, 200)
      const etag = head.headers.get('etag')!
      assert.equal((await fetchFrom(ranged, '10.0.0.2', { 'if-none-match': etag })).status, 304)
      assert.equal((await fetchFrom(ranged, '10.0.0.2', { range: 'bytes=999999-' })).status, 416)

      // A playlist's segments carry its credential on: one session for both.
      const playlistUrl = edge.signedUrl(domain, '/demo/hls/index.m3u8', { uid: 'u3' })
      const playlist = await fetchFrom(playlistUrl, '10.0.0.3')
      assert.equal(playlist.status, 200)
      const child = playlist.body
        .toString('utf8')
        .split('\n')
        .find((line) => line.includes('segment-000.ts'))!
      const segment = await fetchFrom(new URL(child, playlistUrl).toString(), '10.0.0.3')
      assert.equal(segment.body.length, SEGMENT_BYTES)

      assert.deepEqual(await listed(edge), [
        { clientIp: '10.0.0.1', bytes: MP4_BYTES, path: MP4 },
        { clientIp: '10.0.0.2', bytes: 1000, path: MP4 },
        {
          clientIp: '10.0.0.3',
          bytes: playlist.body.length + SEGMENT_BYTES,
          // The record is rewritten at most every third of the idle time.
          path: '/demo/hls/index.m3u8',
        },
      ])
    })
  })
}

/** Reads the response to a GET until `enough` bytes came, then drops the connection. */
function abortAfter(base: string, target: string, enough: number): Promise<number> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    let received = 0
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nX-Forwarded-For: 10.0.0.9\r\n\r\n`,
      )
    })
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received >= enough) {
        socket.destroy()
        resolve(received)
      }
    })
    socket.on('error', reject)
  })
}

describe('edge: bytes of an aborted download', () => {
  it('counts what the connection took, not the whole file', async (t) => {
    const edge = await buildEdgeTestApp(t, { env: PROXIED })
    const domain = await edge.domain('native')
    await edge.services.viewerControls.putPolicy('domain', domain.id, { caps: { idleSeconds: 60 } })
    const big = join(edge.mediaRoot, 'demo/mp4/big.mp4')
    writeFileSync(big, '')
    const size = 256 * 1024 * 1024
    truncateSync(big, size)
    const url = edge.signedUrl(domain, '/demo/mp4/big.mp4')
    const received = await abortAfter(edge.base, url.slice(edge.base.length), 1024 * 1024)
    // The server learns of the abort at its next write; wait for that, not for a time.
    let bytes = 0
    for (let tries = 0; bytes === 0 && tries < 500; tries++) {
      await new Promise((r) => setTimeout(r, 10))
      bytes = (await listed(edge))[0]?.bytes ?? 0
    }
    assert.ok(bytes > 0 && bytes < size, `counted ${bytes} of ${size}`)
    // Everything the client read but the headers was counted (and what was still in flight).
    assert.ok(bytes >= received - 1024, `counted ${bytes}, received ${received}`)
  })
})

describe('edge: bytes per session seen by the CLI on the same Redis', { skip: REDIS_SKIP }, () => {
  it('`playgate sessions list` shows the bytes the server sent; `sessions kick` stops it', async (t) => {
    // The CLI works on the server's database and Redis, as an operator's would.
    const dir = mkdtempSync(join(tmpdir(), 'playgate-bytes-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const redis = {
      PLAYGATE_REDIS_URL: process.env.PLAYGATE_TEST_REDIS_URL ?? '',
      PLAYGATE_DATABASE_URL: `sqlite:${join(dir, 'shared.db')}`,
    }
    const edge = await buildEdgeTestApp(t, { env: { ...PROXIED, ...redis } })
    // A tenant of its own: server and CLI share Redis's key prefix with other test runs.
    const tenantId = `tn_bytes${randomBytes(4).toString('hex')}`
    await edge.services.tenants.create({ id: tenantId, name: 'Bytes' })
    const domain = await edge.services.playDomains.create({
      tenantId,
      host: `${tenantId.slice(3)}.playgate.test`,
      scheme: 'native',
    })
    await edge.services.viewerControls.putPolicy('domain', domain.id, {
      caps: { maxIpsPerCredential: 3, idleSeconds: 30 },
    })
    const url = edge.signedUrl(domain, MP4)
    assert.equal((await fetchFrom(url, '10.0.0.1', { range: 'bytes=0-99' })).status, 206)
    assert.equal((await fetchFrom(url, '10.0.0.1', { range: 'bytes=100-' })).status, 206)
    assert.deepEqual(await listed(edge, tenantId), [
      { clientIp: '10.0.0.1', bytes: MP4_BYTES, path: MP4 },
    ])

    const world = cliWorld(t)
    const json = await world.run(['sessions', 'list', '--tenant', tenantId, '--json'], {
      env: redis,
    })
    assert.equal(json.code, 0, json.stderr)
    const [session] = JSON.parse(json.stdout) as { id: string; bytes: number }[]
    assert.equal(session?.bytes, MP4_BYTES)
    const table = await world.run(['sessions', 'list', '--tenant', tenantId], { env: redis })
    const [header, row] = table.stdout.split('\n')
    assert.match(header!, /LAST SEEN +BYTES +USER AGENT/)
    assert.match(row!, / 333404 /)

    const kick = await world.run(['sessions', 'kick', session.id, '--tenant', tenantId], {
      env: redis,
    })
    assert.equal(kick.code, 0, kick.stderr)
    assert.match(kick.stdout, /^kicked vs_[0-9a-f]{20} \(credential cr_[0-9a-f]{20} revoked\)\n$/)
    // The server reads the tenant's controls version from Redis at most every 100 ms.
    const kicked = performance.now()
    let answer = await fetchFrom(url, '10.0.0.1')
    while (answer.status === 200 && performance.now() - kicked < 1000)
      answer = await fetchFrom(url, '10.0.0.1')
    assert.equal(answer.status, 403)
    assert.deepEqual(await listed(edge, tenantId), [])
  })
})
