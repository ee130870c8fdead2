// The import format's `viewerControls`: policies per play domain and video (rules, caps, idle
// time, callback) and revocations land as the API would write them, importing again changes
// nothing, edits count as updates, every problem names its path, and the edge hears of it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { importedVideoId } from '../../src/services/import-plan.ts'
import { createEdgeControls } from '../../src/services/edge-controls.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { findPlayDomainWithKeys } from '../../src/storage/repositories/play-domains.ts'
import {
  findViewerPolicy,
  listRevocations,
} from '../../src/storage/repositories/viewer-controls.ts'
import { DIALECTS } from '../helpers/db.ts'
import { exampleFixture, importWorld, T0 } from './import-harness.ts'

interface Doc {
  tenants: {
    id: string
    viewerControls?: {
      policies?: Record<string, unknown>[]
      revocations?: Record<string, unknown>[]
    }
  }[]
}

const LESSON2 = '1b448be323b452641878b54f21241188'
const fixture = () => exampleFixture() as Doc
const acme = (doc: Doc) => doc.tenants[0]!.viewerControls!

for (const dialect of DIALECTS) {
  describe(`import: viewer controls (${dialect})`, () => {
    it('writes policies and revocations, then leaves them unchanged', async (t) => {
      const { db, deps, importer } = await importWorld(t, dialect)
      const edge = createEdgeControls(deps)
      const summary = await importer.apply(fixture())
      assert.deepEqual(summary.viewerPolicies, { created: 2, updated: 0, unchanged: 0 })
      assert.deepEqual(summary.revocations, { created: 2, updated: 0, unchanged: 0 })

      const media = (await findPlayDomainWithKeys(db, deps.box, { host: 'media.acme.test' }))!
      const policy = await findViewerPolicy(db, 'domain', media.id)
      assert.deepEqual(policy?.rules, [
        { action: 'deny', userAgent: ['bot', 'cli'] },
        { action: 'allow', referrer: ['*.acme.test', 'none'] },
        { action: 'deny' },
      ])
      assert.deepEqual(policy?.caps, {
        maxIpsPerCredential: null,
        maxSessionsPerViewer: 2,
        idleSeconds: 90,
      })
      const lesson2 = await findViewerPolicy(db, 'video', LESSON2)
      assert.deepEqual(lesson2?.rules[0], {
        action: 'allow',
        ip: ['10.20.0.0/16', '2001:db8:20::/48'],
      })
      const cdn = (await findPlayDomainWithKeys(db, deps.box, { host: 'cdn.acme.test' }))!
      const revocations = await listRevocations(db, 'tn_acme', new Date(T0))
      assert.deepEqual(
        revocations
          .map((r) => [r.kind, r.value, r.domainId, r.reason, r.expiresAt.toISOString()])
          .sort(),
        [
          [
            'path',
            '/demo/mp4/',
            cdn.id,
            'withdrawn from cdn.acme.test',
            '2099-01-01T00:00:00.000Z',
          ],
          ['viewer', 'student-4711', null, 'subscription refunded', '2099-01-01T00:00:00.000Z'],
        ],
      )
      // The edge's copy is keyed on the controls version the import bumped.
      assert.equal((await edge.forDomain(media)).empty, false)

      const again = await importer.apply(fixture())
      assert.deepEqual(again.viewerPolicies, { created: 0, updated: 0, unchanged: 2 })
      assert.deepEqual(again.revocations, { created: 0, updated: 0, unchanged: 2 })
    })

    it('counts edits as updates and skips revocations that have ended', async (t) => {
      const { db, importer } = await importWorld(t, dialect)
      await importer.apply(fixture())
      const doc = fixture()
      acme(doc).policies![1]!.caps = { maxIpsPerCredential: 3, idleSeconds: 30 }
      acme(doc).revocations![0]!.reason = 'chargeback'
      acme(doc).revocations!.push({
        kind: 'credential',
        value: 'cr_0123456789abcdef0123',
        reason: 'old leak',
        expiresAt: '2025-12-31T23:00:00Z',
      })
      const summary = await importer.apply(doc)
      assert.deepEqual(summary.viewerPolicies, { created: 0, updated: 1, unchanged: 1 })
      assert.deepEqual(summary.revocations, { created: 0, updated: 1, unchanged: 2 })
      const lesson2 = await findViewerPolicy(db, 'video', LESSON2)
      assert.deepEqual(lesson2?.caps, {
        maxIpsPerCredential: 3,
        maxSessionsPerViewer: null,
        idleSeconds: 30,
      })
      const entries = await listRevocations(db, 'tn_acme', new Date(T0))
      assert.deepEqual(entries.map((r) => r.reason).sort(), [
        'chargeback',
        'withdrawn from cdn.acme.test',
      ])
    })

    it('lists every problem with its path and writes nothing', async (t) => {
      const { importer } = await importWorld(t, dialect)
      const doc = fixture()
      const lesson1 = importedVideoId(nodeCrypto, 'tn_acme', 'course-101-lesson-1')
      acme(doc).policies = [
        { playDomain: 'media.acme.test', rules: [{ action: 'allow', ip: ['10.0.0.0/33'] }] },
        { playDomain: 'MEDIA.acme.test' },
        { playDomain: 'nowhere.acme.test', videoId: lesson1 },
        { videoReferenceId: 'no-such-video', caps: { idleSeconds: 1 } },
        { videoId: LESSON2, callback: { url: 'ftp://auth.acme.test/check' } },
        { videoId: lesson1.replace(/^./, 'f'), rules: [{ action: 'block' }] },
      ]
      acme(doc).revocations = [
        { kind: 'credential', value: 'cr_short', reason: 'x', expiresAt: '2099-01-01T00:00:00Z' },
        { kind: 'video', value: 'v404', reason: 'x', expiresAt: '2099-01-01T00:00:00Z' },
        {
          kind: 'viewer',
          value: 'u1',
          reason: 'x',
          playDomain: 'other.test',
          expiresAt: '2099-01-01T00:00:00Z',
        },
        { kind: 'path', value: '/x/', reason: 'x', expiresAt: 'soon' },
      ]
      const problems = await importer.validate(doc)
      const at = 'tenants[0].viewerControls'
      assert.deepEqual(problems, [
        { path: `${at}.policies[0].rules[0].ip[0]`, message: 'not an IP address or CIDR' },
        {
          path: `${at}.policies[1].playDomain`,
          message: `duplicate policy (first at ${at}.policies[0].playDomain)`,
        },
        {
          path: `${at}.policies[2]`,
          message: 'needs exactly one of playDomain, videoId and videoReferenceId',
        },
        {
          path: `${at}.policies[3].videoReferenceId`,
          message: `unknown video referenceId "no-such-video" (not in this tenant's videos)`,
        },
        {
          path: `${at}.policies[3].caps.idleSeconds`,
          message: 'must be an integer from 5 to 86400',
        },
        {
          path: `${at}.policies[4].callback.url`,
          message: 'must be an http(s) URL without credentials or fragment',
        },
        {
          path: `${at}.policies[5].videoId`,
          message: `unknown video "${lesson1.replace(/^./, 'f')}" (not in this tenant's videos)`,
        },
        { path: `${at}.policies[5].rules[0].action`, message: 'must be one of: allow, deny' },
        {
          path: `${at}.revocations[0].value`,
          message: 'must be a credential id (cr_ and 20 hex characters)',
        },
        {
          path: `${at}.revocations[1].value`,
          message: `unknown video "v404" (not in this tenant's videos)`,
        },
        {
          path: `${at}.revocations[2].playDomain`,
          message: `unknown play domain "other.test" (not in this tenant's playDomains)`,
        },
        {
          path: `${at}.revocations[3].expiresAt`,
          message: 'must be an ISO 8601 time with a zone, e.g. 2026-01-05T09:00:00Z',
        },
      ])
    })
  })
}
