// Play domains use case: hosts normalised on create, key rotation (old primary becomes backup,
// audited, concurrent rotations refused), updates of the ring, and the edge's host cache.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { QueryId } from 'kysely'
import {
  createPlayDomains,
  DOMAIN_CACHE_MS,
  normalizeHost,
} from '../../src/services/play-domains.ts'
import type { DialectName } from '../../src/storage/db.ts'
import { DIALECTS } from '../helpers/db.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

async function world(t: Parameters<typeof buildTestServices>[0], dialect?: DialectName) {
  const built = await buildTestServices(t, { dialect })
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  await built.services.tenants.create({ id: 'tn_b', name: 'B' })
  return built
}

const create = (overrides: { host?: string; isDefault?: boolean; tenantId?: string } = {}) => ({
  tenantId: 'tn_a',
  host: 'video.example.com',
  scheme: 'aliyun-a' as const,
  ...overrides,
})

describe('play domains service', () => {
  it('normalises hosts: lower case, no port, no trailing dot, no spaces', () => {
    assert.deepEqual(
      [' Video.Example.COM ', 'video.example.com:8080', 'video.example.com.', 'A.B.:443'].map(
        normalizeHost,
      ),
      ['video.example.com', 'video.example.com', 'video.example.com', 'a.b'],
    )
  })

  it('creates a domain with a normalised host, defaults and a generated primary key', async (t) => {
    const { services, clock } = await world(t)
    const domain = await services.playDomains.create(create({ host: ' Video.Example.COM.:8080' }))
    assert.match(domain.id, /^pd_[0-9a-f]{20}$/)
    assert.match(domain.keys.primary.id, /^k[0-9a-f]{8}$/)
    assert.match(domain.keys.primary.secret, /^[A-Za-z0-9]{32}$/)
    assert.deepEqual(domain, {
      id: domain.id,
      tenantId: 'tn_a',
      host: 'video.example.com',
      scheme: 'aliyun-a',
      authEnabled: true,
      ttlSeconds: 1800,
      allowedOrigins: ['*'],
      isDefault: false,
      createdAt: new Date(clock.now()),
      keys: { primary: domain.keys.primary, backup: null, rotatedAt: null },
    })
    assert.deepEqual(await services.playDomains.getWithKeys(domain.id), domain)
  })

  it('keeps given keys and refuses a host taken in any spelling as CONFLICT', async (t) => {
    const { services } = await world(t)
    const domain = await services.playDomains.create({
      ...create(),
      primaryKey: 'primary-1',
      backupKey: 'backup-1',
    })
    assert.deepEqual(
      [domain.keys.primary.secret, domain.keys.backup?.secret],
      ['primary-1', 'backup-1'],
    )
    await rejectsWith(
      services.playDomains.create(create({ host: 'VIDEO.example.com:443', tenantId: 'tn_b' })),
      'CONFLICT',
    )
  })

  it('rotates: a new primary, the old primary as backup, at the clock’s time', async (t) => {
    const { services, clock } = await world(t)
    const domain = await services.playDomains.create({ ...create(), backupKey: 'old-backup' })
    clock.advance(60_000)
    const rotated = await services.playDomains.rotate(domain.id, 'brand-new')
    const expected = {
      ...domain,
      keys: {
        primary: { id: rotated.keys.primary.id, secret: 'brand-new' },
        backup: domain.keys.primary,
        rotatedAt: new Date(clock.now()),
      },
    }
    assert.notEqual(rotated.keys.primary.id, domain.keys.primary.id)
    assert.deepEqual(rotated, expected)
    assert.deepEqual(await services.playDomains.getWithKeys(domain.id), expected)
  })

  it('records each rotation as a key.rotated audit event', async (t) => {
    const { services, clock } = await world(t)
    const domain = await services.playDomains.create(create())
    const rotated = await services.playDomains.rotate(domain.id)
    const events = await services.audit.list({ kind: 'key.rotated' })
    assert.equal(events.total, 1)
    assert.deepEqual(events.items[0], {
      id: events.items[0]?.id,
      tenantId: 'tn_a',
      kind: 'key.rotated',
      subject: 'video.example.com',
      reason: null,
      detail: { primaryKeyId: rotated.keys.primary.id, backupKeyId: domain.keys.primary.id },
      at: new Date(clock.now()),
    })
  })

  it('refuses to rotate an unknown domain as NOT_FOUND', async (t) => {
    const { services } = await world(t)
    await rejectsWith(services.playDomains.rotate('pd_nope'), 'NOT_FOUND')
  })

  it('updates the ring: a changed key gets a new id, an empty backup clears it', async (t) => {
    const { services } = await world(t)
    const domain = await services.playDomains.create({ ...create(), backupKey: 'b1' })
    const same = await services.playDomains.update(domain.id, {
      primaryKey: domain.keys.primary.secret,
      backupKey: 'b1',
      ttlSeconds: 60,
    })
    assert.deepEqual(same, { ...domain, ttlSeconds: 60 })
    const changed = await services.playDomains.update(domain.id, {
      primaryKey: 'p2',
      backupKey: '',
    })
    assert.notEqual(changed.keys.primary.id, domain.keys.primary.id)
    assert.deepEqual(changed.keys, {
      primary: { id: changed.keys.primary.id, secret: 'p2' },
      backup: null,
      rotatedAt: null,
    })
    assert.deepEqual(await services.playDomains.getWithKeys(domain.id), changed)
  })

  it('picks the tenant’s default domain, else its oldest, else NOT_FOUND', async (t) => {
    const { services, clock } = await world(t)
    const oldest = await services.playDomains.create(create({ host: 'a.example.com' }))
    clock.advance(1)
    await services.playDomains.create(create({ host: 'b.example.com' }))
    assert.equal((await services.playDomains.forTenant('tn_a')).id, oldest.id)
    clock.advance(1)
    const chosen = await services.playDomains.create(create({ host: 'c.x', isDefault: true }))
    assert.equal((await services.playDomains.forTenant('tn_a')).id, chosen.id)
    await rejectsWith(services.playDomains.forTenant('tn_b'), 'NOT_FOUND')
  })
})

describe('play domains service: resolveHost cache', () => {
  it('resolves a Host header in any spelling', async (t) => {
    const { services } = await world(t)
    const domain = await services.playDomains.create(create())
    assert.deepEqual(await services.playDomains.resolveHost('VIDEO.example.com:8080'), domain)
    assert.equal(await services.playDomains.resolveHost('nope.example.com'), undefined)
  })

  it('serves a rotation, a new domain, a change of default and a removal on a replica sharing the state at once', async (t) => {
    const { services, deps } = await world(t)
    const replica = createPlayDomains(deps)
    assert.equal(await services.playDomains.resolveHost('video.example.com'), undefined)
    const domain = await replica.create(create())
    assert.deepEqual(await services.playDomains.resolveHost(domain.host), domain)
    assert.equal((await services.playDomains.forTenant('tn_a')).id, domain.id)
    const rotated = await replica.rotate(domain.id)
    assert.deepEqual((await services.playDomains.resolveHost(domain.host))?.keys, rotated.keys)
    assert.deepEqual((await services.playDomains.forTenant('tn_a')).keys, rotated.keys)
    const other = await replica.create(create({ host: 'other.example.com', isDefault: true }))
    assert.equal((await services.playDomains.forTenant('tn_a')).id, other.id)
    await replica.remove(domain.id)
    assert.equal(await services.playDomains.resolveHost(domain.host), undefined)
  })

  it(`serves a rotation whose message was lost only after ${DOMAIN_CACHE_MS} ms`, async (t) => {
    const { services, deps, clock } = await world(t)
    const replica = createPlayDomains({ db: deps.db, box: deps.box, crypto: deps.crypto, clock })
    const domain = await services.playDomains.create(create())
    assert.deepEqual((await services.playDomains.resolveHost(domain.host))?.keys, domain.keys)
    const rotated = await replica.rotate(domain.id)
    clock.advance(DOMAIN_CACHE_MS - 1)
    assert.deepEqual((await services.playDomains.resolveHost(domain.host))?.keys, domain.keys)
    clock.advance(1)
    assert.deepEqual((await services.playDomains.resolveHost(domain.host))?.keys, rotated.keys)
  })

  it('remembers an unknown host for the same time, then finds it', async (t) => {
    const { services, deps, clock } = await world(t)
    const replica = createPlayDomains({ db: deps.db, box: deps.box, crypto: deps.crypto, clock })
    assert.equal(await services.playDomains.resolveHost('video.example.com'), undefined)
    const domain = await replica.create(create())
    clock.advance(DOMAIN_CACHE_MS - 1)
    assert.equal(await services.playDomains.resolveHost('video.example.com'), undefined)
    clock.advance(1)
    assert.deepEqual(await services.playDomains.resolveHost('video.example.com'), domain)
  })

  it('sees its own changes at once: create, rotate, update and remove', async (t) => {
    const { services } = await world(t)
    assert.equal(await services.playDomains.resolveHost('video.example.com'), undefined)
    const domain = await services.playDomains.create(create())
    assert.equal((await services.playDomains.resolveHost(domain.host))?.id, domain.id)
    const rotated = await services.playDomains.rotate(domain.id)
    assert.deepEqual((await services.playDomains.resolveHost(domain.host))?.keys, rotated.keys)
    await services.playDomains.update(domain.id, { authEnabled: false })
    assert.equal((await services.playDomains.resolveHost(domain.host))?.authEnabled, false)
    await services.playDomains.remove(domain.id)
    assert.equal(await services.playDomains.resolveHost(domain.host), undefined)
    await rejectsWith(services.playDomains.remove(domain.id), 'NOT_FOUND')
  })
})

// A rotation that read the ring before another replica rotated it must not overwrite that
// rotation. The stale read is made deterministic: a plugin hands the slow replica the row as it
// was before the other replica's rotation.
for (const dialect of DIALECTS) {
  describe(`play domains service: concurrent rotation (${dialect})`, () => {
    it('refuses the rotation that read a stale ring as CONFLICT', async (t) => {
      const { services, deps } = await world(t, dialect)
      const domain = await services.playDomains.create(create())
      const before = await deps.db.selectFrom('play_domains').selectAll().execute()
      await services.playDomains.rotate(domain.id, 'winner')
      let staleRead: QueryId | undefined
      const slowReplica = createPlayDomains(
        {
          ...deps,
          db: deps.db.withPlugin({
            transformQuery({ node, queryId }) {
              if (node.kind === 'SelectQueryNode') staleRead ??= queryId
              return node
            },
            transformResult({ queryId, result }) {
              return Promise.resolve(queryId === staleRead ? { ...result, rows: before } : result)
            },
          }),
        },
        services.audit,
      )
      await rejectsWith(slowReplica.rotate(domain.id, 'loser'), 'CONFLICT')
      const stored = await services.playDomains.getWithKeys(domain.id)
      assert.deepEqual(
        [stored.keys.primary.secret, stored.keys.backup],
        ['winner', domain.keys.primary],
      )
      assert.equal((await services.audit.list({ kind: 'key.rotated' })).total, 1)
    })

    it('applies two rotations one after the other', async (t) => {
      const { services } = await world(t, dialect)
      const domain = await services.playDomains.create(create())
      const first = await services.playDomains.rotate(domain.id, 'first')
      const second = await services.playDomains.rotate(domain.id, 'second')
      assert.deepEqual(second.keys.backup, first.keys.primary)
      assert.deepEqual((await services.playDomains.getWithKeys(domain.id)).keys, second.keys)
    })
  })
}
