// Access keys use case: issue (the secret shown once, shaped like the vendor's), list, disable,
// remove, and lookup, whose verdicts every signature check starts from; a change reaches every
// replica sharing the state at once, and one whose message was lost within ACCESS_KEY_CACHE_MS.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Protocol } from '../../src/core/model.ts'
import { ACCESS_KEY_CACHE_MS, createAccessKeys } from '../../src/services/access-keys.ts'
import { createServices } from '../../src/services/container.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

// Shapes of generated credentials, as each vendor's clients expect them (src/services/secrets.ts):
// Aliyun AccessKeyId `LTAI…`, Tencent SecretId `AKID…`, DingTalk appKey `ding…`, Polyv userid of
// 10 hex digits (protocols/polyv.md §1, `userid=1b448be323`).
const SHAPES: Record<Protocol, { keyId: RegExp; secret: RegExp }> = {
  aliyun: { keyId: /^LTAI[A-Za-z0-9]{20}$/, secret: /^[A-Za-z0-9]{30}$/ },
  tencent: { keyId: /^AKID[A-Za-z0-9]{32}$/, secret: /^[A-Za-z0-9]{32}$/ },
  dingtalk: { keyId: /^ding[0-9a-f]{16}$/, secret: /^[A-Za-z0-9]{64}$/ },
  polyv: { keyId: /^[0-9a-f]{10}$/, secret: /^[A-Za-z0-9]{10}$/ },
  native: { keyId: /^pk_[A-Za-z0-9]{20}$/, secret: /^sk_[A-Za-z0-9]{40}$/ },
}

async function withTenant(t: Parameters<typeof buildTestServices>[0]) {
  const built = await buildTestServices(t)
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  return built
}

describe('access keys service', () => {
  for (const [protocol, shape] of Object.entries(SHAPES) as [
    Protocol,
    (typeof SHAPES)[Protocol],
  ][]) {
    it(`issues a ${protocol} credential in the vendor’s shape, secret shown once`, async (t) => {
      const { services, clock } = await withTenant(t)
      const issued = await services.accessKeys.issue({ tenantId: 'tn_a', protocol })
      assert.match(issued.key.keyId, shape.keyId)
      assert.match(issued.secret, shape.secret)
      assert.match(issued.key.id, /^ak_[0-9a-f]{20}$/)
      assert.deepEqual(issued.key, {
        id: issued.key.id,
        tenantId: 'tn_a',
        protocol,
        keyId: issued.key.keyId,
        status: 'active',
        description: '',
        createdAt: new Date(clock.now()),
      })
      assert.ok(!('secret' in issued.key))
    })
  }

  it('records each issued key as an access-key.created audit event, without the secret', async (t) => {
    const { services, clock } = await withTenant(t)
    const { key, secret } = await services.accessKeys.issue({
      tenantId: 'tn_a',
      protocol: 'aliyun',
    })
    const events = await services.audit.list({ kind: 'access-key.created' })
    assert.deepEqual(events.items, [
      {
        id: events.items[0]?.id,
        tenantId: 'tn_a',
        kind: 'access-key.created',
        subject: key.id,
        reason: null,
        detail: { protocol: 'aliyun', keyId: key.keyId },
        at: new Date(clock.now()),
      },
    ])
    assert.ok(!JSON.stringify(events).includes(secret))
  })

  it('issues distinct credentials each time', async (t) => {
    const { services } = await withTenant(t)
    const a = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    const b = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    assert.notEqual(a.key.keyId, b.key.keyId)
    assert.notEqual(a.secret, b.secret)
  })

  it('keeps a given key id, secret and description', async (t) => {
    const { services } = await withTenant(t)
    const issued = await services.accessKeys.issue({
      tenantId: 'tn_a',
      protocol: 'polyv',
      keyId: '1b448be323',
      secret: 'abc',
      description: 'from the docs',
    })
    assert.deepEqual(
      [issued.key.keyId, issued.secret, issued.key.description],
      ['1b448be323', 'abc', 'from the docs'],
    )
  })

  it('refuses an unknown tenant as NOT_FOUND and a taken key id as CONFLICT', async (t) => {
    const { services } = await withTenant(t)
    await rejectsWith(
      services.accessKeys.issue({ tenantId: 'tn_nope', protocol: 'aliyun' }),
      'NOT_FOUND',
    )
    await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'tencent', keyId: 'AKIDx' })
    await rejectsWith(
      services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'tencent', keyId: 'AKIDx' }),
      'CONFLICT',
    )
  })

  it('looks up an active key of an active tenant with its secret', async (t) => {
    const { services } = await withTenant(t)
    const issued = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    const verdict = await services.accessKeys.lookup('aliyun', issued.key.keyId)
    assert.ok(verdict.ok)
    assert.deepEqual(verdict.value.key, { ...issued.key, secret: issued.secret })
    assert.deepEqual(verdict.value.tenant, await services.tenants.get('tn_a'))
  })

  it('answers ACCESS_KEY_NOT_FOUND for an unknown key id or another protocol’s key', async (t) => {
    const { services } = await withTenant(t)
    const issued = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    const unknown = await services.accessKeys.lookup('aliyun', 'LTAInope')
    assert.deepEqual(unknown.ok ? null : unknown.code, 'ACCESS_KEY_NOT_FOUND')
    const other = await services.accessKeys.lookup('tencent', issued.key.keyId)
    assert.deepEqual(other.ok ? null : other.code, 'ACCESS_KEY_NOT_FOUND')
  })

  it('answers ACCESS_KEY_DISABLED for a disabled key, and ok again once re-enabled', async (t) => {
    const { services } = await withTenant(t)
    const { key } = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    assert.deepEqual(await services.accessKeys.update(key.id, { status: 'disabled' }), {
      ...key,
      status: 'disabled',
    })
    const disabled = await services.accessKeys.lookup('aliyun', key.keyId)
    assert.equal(disabled.ok ? null : disabled.code, 'ACCESS_KEY_DISABLED')
    await services.accessKeys.update(key.id, { status: 'active' })
    assert.equal((await services.accessKeys.lookup('aliyun', key.keyId)).ok, true)
  })

  it('answers TENANT_SUSPENDED for the key of a suspended or disabled tenant', async (t) => {
    const { services } = await withTenant(t)
    const { key } = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'native' })
    for (const status of ['suspended', 'disabled'] as const) {
      await services.tenants.update('tn_a', { status })
      const verdict = await services.accessKeys.lookup('native', key.keyId)
      assert.equal(verdict.ok ? null : verdict.code, 'TENANT_SUSPENDED')
    }
  })

  it('lists a tenant’s keys without secrets, and removes a key once', async (t) => {
    const { services, clock } = await withTenant(t)
    const a = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    clock.advance(1)
    const b = await services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'native' })
    const page = await services.accessKeys.list('tn_a')
    assert.deepEqual(page, { items: [a.key, b.key], total: 2, page: 1, pageSize: 20 })
    await services.accessKeys.remove(a.key.id)
    await rejectsWith(services.accessKeys.remove(a.key.id), 'NOT_FOUND')
    await rejectsWith(services.accessKeys.update(a.key.id, { description: 'x' }), 'NOT_FOUND')
    const gone = await services.accessKeys.lookup('aliyun', a.key.keyId)
    assert.equal(gone.ok ? null : gone.code, 'ACCESS_KEY_NOT_FOUND')
  })
})

describe('access key lookup cache', () => {
  /**
   * Two replicas on one database, each with its own cache as two processes would have. With
   * `shared: false` they do not share state, as when the invalidation message is lost.
   */
  async function twoReplicas(t: Parameters<typeof buildTestServices>[0], shared = false) {
    const built = await withTenant(t)
    const state = shared ? built.deps.state : createMemorySharedState({ clock: built.clock })
    if (!shared) t.after(() => state.close())
    const other = createServices({ ...built.deps, state })
    const { key } = await built.services.accessKeys.issue({ tenantId: 'tn_a', protocol: 'aliyun' })
    const lookup = async () => {
      const verdict = await built.services.accessKeys.lookup('aliyun', key.keyId)
      return verdict.ok ? 'ok' : verdict.code
    }
    return { ...built, other, key, lookup }
  }

  it('refuses at once a key disabled, a key removed or a tenant suspended on a replica sharing the state', async (t) => {
    const { services, other, key, lookup } = await twoReplicas(t, true)
    assert.equal(await lookup(), 'ok')
    await other.accessKeys.update(key.id, { status: 'disabled' })
    assert.equal(await lookup(), 'ACCESS_KEY_DISABLED')
    await services.accessKeys.update(key.id, { status: 'active' })
    assert.equal(await lookup(), 'ok')
    await other.tenants.update('tn_a', { status: 'suspended' })
    assert.equal(await lookup(), 'TENANT_SUSPENDED')
    await services.tenants.update('tn_a', { status: 'active' })
    assert.equal(await lookup(), 'ok')
    await other.accessKeys.remove(key.id)
    assert.equal(await lookup(), 'ACCESS_KEY_NOT_FOUND')
  })

  it('keeps accepting a key disabled on a replica whose message was lost for less than ACCESS_KEY_CACHE_MS', async (t) => {
    const { other, key, clock, lookup } = await twoReplicas(t)
    assert.equal(await lookup(), 'ok')
    await other.accessKeys.update(key.id, { status: 'disabled' })
    clock.advance(ACCESS_KEY_CACHE_MS - 1)
    assert.equal(await lookup(), 'ok')
    clock.advance(1)
    assert.equal(await lookup(), 'ACCESS_KEY_DISABLED')
  })

  it('sees a tenant suspended or a key removed without a message within the same bound', async (t) => {
    const { services, other, key, clock, lookup } = await twoReplicas(t)
    assert.equal(await lookup(), 'ok')
    await other.tenants.update('tn_a', { status: 'suspended' })
    clock.advance(ACCESS_KEY_CACHE_MS - 1)
    assert.equal(await lookup(), 'ok')
    clock.advance(1)
    assert.equal(await lookup(), 'TENANT_SUSPENDED')

    await services.tenants.update('tn_a', { status: 'active' })
    assert.equal(await lookup(), 'ok')
    await other.accessKeys.remove(key.id)
    clock.advance(ACCESS_KEY_CACHE_MS)
    assert.equal(await lookup(), 'ACCESS_KEY_NOT_FOUND')
  })

  it('applies a change made through this replica’s services at once', async (t) => {
    const { services, key, lookup } = await twoReplicas(t)
    assert.equal(await lookup(), 'ok')
    await services.accessKeys.update(key.id, { status: 'disabled' })
    assert.equal(await lookup(), 'ACCESS_KEY_DISABLED')
    await services.accessKeys.update(key.id, { status: 'active' })
    assert.equal(await lookup(), 'ok')
    await services.tenants.update('tn_a', { status: 'suspended' })
    assert.equal(await lookup(), 'TENANT_SUSPENDED')
    await services.tenants.update('tn_a', { status: 'active' })
    assert.equal(await lookup(), 'ok')
    await services.accessKeys.remove(key.id)
    assert.equal(await lookup(), 'ACCESS_KEY_NOT_FOUND')
  })

  it('never caches a refusal: a key enabled on another replica works on the next lookup', async (t) => {
    const { services, other, key, lookup } = await twoReplicas(t)
    await services.accessKeys.update(key.id, { status: 'disabled' })
    assert.equal(await lookup(), 'ACCESS_KEY_DISABLED')
    await other.accessKeys.update(key.id, { status: 'active' })
    assert.equal(await lookup(), 'ok')
  })

  it('reads again when the clock steps back', async (t) => {
    const { other, key, clock, lookup } = await twoReplicas(t)
    assert.equal(await lookup(), 'ok')
    await other.accessKeys.update(key.id, { status: 'disabled' })
    clock.advance(-1)
    assert.equal(await lookup(), 'ACCESS_KEY_DISABLED')
  })

  it('does not keep what a lookup read while an invalidation landed', async (t) => {
    const { deps, key } = await twoReplicas(t)
    let opened = 0
    let onOpen = () => {}
    // The secret is opened between the two reads of a lookup: the invalidation lands there.
    const box = {
      ...deps.box,
      open(sealed: string) {
        opened++
        onOpen()
        return deps.box.open(sealed)
      },
    }
    const keys = createAccessKeys({ ...deps, box })
    onOpen = () => void keys.invalidate()
    assert.ok((await keys.lookup('aliyun', key.keyId)).ok)
    onOpen = () => {}
    assert.ok((await keys.lookup('aliyun', key.keyId)).ok)
    assert.ok((await keys.lookup('aliyun', key.keyId)).ok)
    assert.equal(opened, 2, 'read again after the raced lookup, then cached')
  })

  it('hands out the cached secret and tenant unchanged', async (t) => {
    const { services, key } = await twoReplicas(t)
    const first = await services.accessKeys.lookup('aliyun', key.keyId)
    const second = await services.accessKeys.lookup('aliyun', key.keyId)
    assert.ok(first.ok && second.ok)
    assert.deepEqual(second.value, first.value)
    assert.deepEqual(second.value.tenant, await services.tenants.get('tn_a'))
  })
})
