// Viewer tokens on every shared state (and across two replicas on Redis): bound to a video's
// paths, a tenant and a client IP; extended when issued again; single-use ones consumed exactly
// once; unlock tokens refused once their password is removed or changed.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import {
  createViewerTokens,
  streamScopes,
  type NewViewerToken,
} from '../../src/services/viewer-tokens.ts'
import { SHARED_STATES } from '../helpers/shared-state.ts'

const REQUEST: NewViewerToken = {
  source: 'playsafe',
  tenantId: 'tn_a',
  videoId: 'v1',
  viewerId: 'viewer-1',
  viewerIp: '203.0.113.7',
  viewerName: 'Ann',
  extraParams: '',
  iswxa: 0,
  type: 'WEB',
  disposable: false,
  scopes: ['/courses/v1/hls/', '/courses/v1/v1.mp4'],
  ttlSeconds: 600,
}
const at = (path: string, clientIp = '203.0.113.7', tenantId = 'tn_a') => ({
  path,
  clientIp,
  tenantId,
})
const reasonOf = (v: { ok: boolean; code?: string }) => (v.ok ? 'ok' : v.code)

describe('streamScopes', () => {
  it('opens an HLS stream’s folder and any other stream’s file, never an origin URL', () => {
    assert.deepEqual(
      streamScopes([
        { location: 'a/hls/master.m3u8', format: 'm3u8', status: 'Normal' },
        { location: 'a/hls/index.m3u8', format: 'm3u8', status: 'Normal' },
        { location: 'a/a%20b.mp4', format: 'mp4', status: 'Normal' },
        { location: 'a/hidden.mp4', format: 'mp4', status: 'Invisible' },
        { location: 'https://cdn.example.com/x.mp4', format: 'mp4', status: 'Normal' },
      ]),
      ['/a/hls/', '/a/a b.mp4'],
    )
  })
})

for (const kind of SHARED_STATES) {
  describe(`viewer tokens (${kind.name})`, () => {
    async function world(t: Parameters<typeof kind.create>[0]) {
      const harness = await kind.create(t)
      const tokens = createViewerTokens({
        state: harness.state,
        crypto: nodeCrypto,
        clock: harness.clock,
      })
      return { ...harness, tokens }
    }

    it('issues a 32-hex token that opens its video’s paths for its client IP only', async (t) => {
      const { tokens, clock } = await world(t)
      const issued = await tokens.issue(REQUEST)
      assert.match(issued.token, /^[0-9a-f]{32}$/)
      const { ttlSeconds: _, ...fields } = REQUEST
      assert.deepEqual(issued, {
        ...fields,
        token: issued.token,
        createdAt: clock.now(),
        expiresAt: clock.now() + 600_000,
      })
    })

    it('checks tenant, client IP, path and expiry', async (t) => {
      const { tokens, advance } = await world(t)
      const { token } = await tokens.issue(REQUEST)
      assert.equal(reasonOf(await tokens.check(token, at('/courses/v1/hls/segment-1.ts'))), 'ok')
      assert.equal(reasonOf(await tokens.check(token, at('/courses/v1/v1.mp4'))), 'ok')
      assert.equal(reasonOf(await tokens.check(token, at('/courses/v2/v2.mp4'))), 'SCOPE_MISMATCH')
      assert.equal(reasonOf(await tokens.check(token, at('/courses/v1/v1.mp4x'))), 'SCOPE_MISMATCH')
      assert.equal(
        reasonOf(await tokens.check(token, at('/courses/v1/v1.mp4', '203.0.113.8'))),
        'FORBIDDEN',
      )
      assert.equal(
        reasonOf(await tokens.check(token, at('/courses/v1/v1.mp4', '203.0.113.7', 'tn_b'))),
        'FORBIDDEN',
      )
      assert.equal(reasonOf(await tokens.check('0'.repeat(32), at('/x'))), 'TOKEN_INVALID')
      assert.equal(reasonOf(await tokens.check('not-a-token', at('/x'))), 'TOKEN_INVALID')
      await advance(600_000)
      assert.notEqual(reasonOf(await tokens.check(token, at('/courses/v1/v1.mp4'))), 'ok')
    })

    it('returns the same token, extended, for the same video, viewer, IP and iswxa', async (t) => {
      const { tokens, advance, clock } = await world(t)
      const first = await tokens.issue(REQUEST)
      await advance(300_000)
      const again = await tokens.issue({ ...REQUEST, viewerName: 'Ann B.' })
      assert.equal(again.token, first.token)
      assert.equal(again.createdAt, first.createdAt)
      assert.equal(again.expiresAt, clock.now() + 600_000)
      assert.equal(again.viewerName, 'Ann B.')
      await advance(400_000)
      assert.equal(reasonOf(await tokens.check(first.token, at('/courses/v1/v1.mp4'))), 'ok')
      for (const other of [
        { viewerId: 'viewer-2' },
        { viewerIp: '203.0.113.8' },
        { iswxa: 1 as const },
        { videoId: 'v2' },
        { source: 'unlock' as const },
      ]) {
        assert.notEqual((await tokens.issue({ ...REQUEST, ...other })).token, first.token)
      }
      // Once expired, a new one.
      await advance(600_000)
      assert.notEqual((await tokens.issue(REQUEST)).token, first.token)
    })

    it('consumes a single-use token exactly once, and a reusable one never', async (t) => {
      const { tokens } = await world(t)
      const once = await tokens.issue({ ...REQUEST, disposable: true })
      const checked = await tokens.check(once.token, at('/courses/v1/v1.mp4'))
      assert.ok(checked.ok)
      const results = await Promise.all([1, 2, 3, 4].map(() => tokens.consume(once)))
      assert.deepEqual(results.filter(Boolean).length, 1)
      assert.equal(
        reasonOf(await tokens.check(once.token, at('/courses/v1/v1.mp4'))),
        'TOKEN_REVOKED',
      )
      // Issuing again gives a fresh one, since the old one is used up.
      assert.notEqual((await tokens.issue({ ...REQUEST, disposable: true })).token, once.token)
      const reusable = await tokens.issue(REQUEST)
      assert.equal(await tokens.consume(reusable), true)
      assert.equal(await tokens.consume(reusable), true)
    })

    it('refuses unlock tokens of a password removed or changed, not those of its successor', async (t) => {
      const { tokens } = await world(t)
      const old = await tokens.issue({
        ...REQUEST,
        source: 'unlock',
        password: { label: 'staff', updatedAt: 1000 },
      })
      await tokens.revokeUnlockedBy('v1', 'staff', 1000, 600)
      assert.equal(
        reasonOf(await tokens.check(old.token, at('/courses/v1/v1.mp4'))),
        'TOKEN_REVOKED',
      )
      const next = await tokens.issue({
        ...REQUEST,
        source: 'unlock',
        viewerId: 'x',
        password: { label: 'staff', updatedAt: 2000 },
      })
      assert.equal(reasonOf(await tokens.check(next.token, at('/courses/v1/v1.mp4'))), 'ok')
    })

    if (kind.sharedAcrossInstances) {
      it('is seen, extended and consumed once across two replicas', async (t) => {
        const { tokens, sibling, clock } = await world(t)
        const other = createViewerTokens({ state: sibling(), crypto: nodeCrypto, clock })
        const issued = await tokens.issue({ ...REQUEST, disposable: true })
        assert.equal((await other.issue({ ...REQUEST, disposable: true })).token, issued.token)
        const verdict = await other.check(issued.token, at('/courses/v1/hls/index.m3u8'))
        assert.ok(verdict.ok)
        const [a, b] = await Promise.all([tokens.consume(issued), other.consume(issued)])
        assert.equal(Number(a) + Number(b), 1)
        assert.equal(
          reasonOf(await tokens.check(issued.token, at('/courses/v1/v1.mp4'))),
          'TOKEN_REVOKED',
        )
      })
    }
  })
}
