// What an import does besides writing rows, through the same services the native API uses: it
// audits what it changes (security-relevant records one event each, the rest one event per
// tenant with counts), in the import's own transaction, and a re-import records nothing; and a
// tenant it suspends is refused at once (two replicas: test/edge/replicas-cache.test.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolve } from 'node:path'
import type { AuditEvent } from '../../src/core/model.ts'
import { buildTestApp } from '../helpers/build-app.ts'
import { DIALECTS } from '../helpers/db.ts'
import { buildTestServices } from '../helpers/services.ts'
import { aliyunCall, KEY } from '../resilience/clients.ts'

const TENANT = 'tn_effects'
const HOST = 'effects.playgate.test'
const VIDEO = 'effec7'.padEnd(31, '0') + '1'
const KEY_ID = 'LTAIeffects000000001'

function doc(changed: boolean): unknown {
  return {
    tenants: [
      {
        id: TENANT,
        name: 'Effects',
        status: changed ? 'suspended' : 'active',
        accessKeys: [
          {
            protocol: 'aliyun',
            keyId: KEY_ID,
            secret: changed ? 'second-secret-0123456789' : 'first-secret-0123456789',
            status: changed ? 'disabled' : 'active',
          },
        ],
        playDomains: [
          {
            host: HOST,
            scheme: 'aliyun-a',
            isDefault: true,
            primaryKey: changed ? 'second-primary-key-0123' : 'first-primary-key-0123',
          },
        ],
        videos: [{ id: VIDEO, title: 'Effects', password: changed ? 'second-pass' : 'first-pass' }],
        viewerControls: {
          revocations: [
            {
              kind: 'viewer',
              value: 'student-1',
              reason: 'refunded',
              expiresAt: '2099-01-01T00:00:00Z',
            },
          ],
        },
      },
    ],
  }
}

/** The events as comparable records, in a stable order (they share one time). */
const shape = (events: readonly AuditEvent[]) =>
  events
    .map(({ tenantId, kind, subject, reason, detail }) => ({
      tenantId,
      kind,
      subject,
      reason,
      detail,
    }))
    .sort((a, b) => (a.kind + a.subject < b.kind + b.subject ? -1 : 1))

for (const dialect of DIALECTS) {
  describe(`import: audit (${dialect})`, () => {
    it('records security-relevant changes one by one and the rest as counts per tenant', async (t) => {
      const { services } = await buildTestServices(t, { dialect })
      await services.importer.apply(doc(false))
      const key = (await services.accessKeys.list(TENANT)).items[0]!
      const first = await services.playDomains.resolveHost(HOST)
      const revocation = (await services.viewerControls.listRevocations(TENANT))[0]!
      const created = (await services.audit.list({ tenantId: TENANT })).items
      assert.deepEqual(shape(created), [
        {
          tenantId: TENANT,
          kind: 'access-key.created',
          subject: key.id,
          reason: null,
          detail: { protocol: 'aliyun', keyId: KEY_ID },
        },
        {
          tenantId: TENANT,
          kind: 'credential.revoked',
          subject: revocation.id,
          reason: 'refunded',
          detail: {
            kind: 'viewer',
            value: 'student-1',
            domainId: null,
            expiresAt: Date.UTC(2099, 0, 1) / 1000,
          },
        },
        {
          tenantId: TENANT,
          kind: 'import.applied',
          subject: TENANT,
          reason: null,
          detail: {
            tenants: { created: 1, updated: 0 },
            accessKeys: { created: 1, updated: 0 },
            playDomains: { created: 1, updated: 0 },
            videos: { created: 1, updated: 0 },
            passwords: { created: 1, updated: 0 },
            revocations: { created: 1, updated: 0 },
          },
        },
        {
          tenantId: TENANT,
          kind: 'password.changed',
          subject: VIDEO,
          reason: null,
          detail: { label: 'default' },
        },
        {
          tenantId: TENANT,
          kind: 'play-domain.keys-changed',
          subject: HOST,
          reason: null,
          detail: { primaryKeyId: first!.keys.primary.id, backupKeyId: null },
        },
      ])

      await services.importer.apply(doc(true))
      const second = await services.playDomains.resolveHost(HOST)
      assert.notEqual(second!.keys.primary.id, first!.keys.primary.id)
      const all = (await services.audit.list({ tenantId: TENANT })).items
      const added = all.filter((e) => !created.some((c) => c.id === e.id))
      assert.deepEqual(shape(added), [
        {
          tenantId: TENANT,
          kind: 'access-key.disabled',
          subject: key.id,
          reason: null,
          detail: { protocol: 'aliyun', keyId: KEY_ID },
        },
        {
          tenantId: TENANT,
          kind: 'access-key.secret-changed',
          subject: key.id,
          reason: null,
          detail: { protocol: 'aliyun', keyId: KEY_ID },
        },
        {
          tenantId: TENANT,
          kind: 'import.applied',
          subject: TENANT,
          reason: null,
          detail: {
            tenants: { created: 0, updated: 1 },
            accessKeys: { created: 0, updated: 1 },
            playDomains: { created: 0, updated: 1 },
            passwords: { created: 0, updated: 1 },
          },
        },
        {
          tenantId: TENANT,
          kind: 'password.changed',
          subject: VIDEO,
          reason: null,
          detail: { label: 'default' },
        },
        {
          tenantId: TENANT,
          kind: 'play-domain.keys-changed',
          subject: HOST,
          reason: null,
          detail: { primaryKeyId: second!.keys.primary.id, backupKeyId: null },
        },
        {
          tenantId: TENANT,
          kind: 'tenant.status-changed',
          subject: TENANT,
          reason: null,
          detail: { from: 'active', to: 'suspended' },
        },
      ])

      // Importing the same file again changes nothing, so it records nothing.
      await services.importer.apply(doc(true))
      assert.equal((await services.audit.list({ tenantId: TENANT })).total, all.length)
    })

    it('records nothing when the document is refused', async (t) => {
      const { services } = await buildTestServices(t, { dialect })
      const bad = doc(false) as { tenants: Record<string, unknown>[] }
      bad.tenants[0]!.status = 'paused'
      await assert.rejects(services.importer.apply(bad), { code: 'INVALID_PARAMETER' })
      assert.equal((await services.audit.list({})).total, 0)
    })
  })
}

describe('import: caches', () => {
  it('refuses the key of a tenant it suspends at once, though the key was cached', async (t) => {
    const { app, services } = await buildTestApp(t, {
      env: { PLAYGATE_MEDIA_ROOT: resolve(import.meta.dirname, '../../media') },
    })
    await services.tenants.create({ id: TENANT, name: 'Effects' })
    await services.accessKeys.issue({
      tenantId: TENANT,
      protocol: 'aliyun',
      keyId: KEY.id,
      secret: KEY.secret,
    })
    await services.videos.create({ tenantId: TENANT, id: VIDEO, title: 'Effects' })
    await services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
    await services.playDomains.create({
      tenantId: TENANT,
      host: HOST,
      scheme: 'aliyun-a',
      isDefault: true,
    })
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    const call = () => aliyunCall(base, { Action: 'GetVideoPlayAuth', VideoId: VIDEO })
    assert.equal((await call()).status, 200)
    await services.importer.apply({
      tenants: [{ id: TENANT, name: 'Effects', status: 'suspended' }],
    })
    const refused = await call()
    assert.equal(refused.status, 403)
    assert.equal(refused.body.Code, 'OperationDenied.Suspended')
  })
})
