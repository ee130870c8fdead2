// DingTalk access tokens on every shared-state store: opaque 128-bit tokens, the same token renewed
// while valid and a new one after expiry, only hashes and sealed values in the store, revocation
// when the app's key is disabled or its secret rotated, and one token seen by every replica.
import assert from 'node:assert/strict'
import { describe, it, type TestContext } from 'node:test'
import type { SharedState } from '../../src/core/shared-state.ts'
import { createAccessKeys } from '../../src/services/access-keys.ts'
import { createServices } from '../../src/services/container.ts'
import { createDingtalkTokens, DINGTALK_TOKEN_SECONDS } from '../../src/services/dingtalk-tokens.ts'
import { upsertAccessKey } from '../../src/storage/repositories/access-keys.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'
import { SHARED_STATES, type SharedStateKind } from '../helpers/shared-state.ts'

const APP_KEY = 'dingtestappkey0001'
const APP_SECRET = 'app-secret-0001-abcdefghijklmnopqrstuvwxyz'

/** Records every value written, to show no plaintext token reaches the store. */
function recording(state: SharedState, written: string[]): SharedState {
  return {
    ...state,
    remember: (k, ttl) => state.remember(k, ttl),
    increment: (k, w) => state.increment(k, w),
    get: (k) => state.get(k),
    delete: (k) => state.delete(k),
    ping: () => state.ping(),
    close: () => state.close(),
    set(key, value, ttl) {
      written.push(key, value)
      return state.set(key, value, ttl)
    },
  }
}

async function world(t: TestContext, kind: SharedStateKind) {
  const harness = await kind.create(t)
  const built = await buildTestServices(t, { clock: harness.clock })
  await built.services.tenants.create({ id: 'tn_a', name: 'A' })
  const issued = await built.services.accessKeys.issue({
    tenantId: 'tn_a',
    protocol: 'dingtalk',
    keyId: APP_KEY,
    secret: APP_SECRET,
  })
  const written: string[] = []
  const replica = (state: SharedState) => {
    const accessKeys = createAccessKeys(built.deps)
    const deps = { ...built.deps, state: recording(state, written) }
    return { accessKeys, tokens: createDingtalkTokens(deps, accessKeys) }
  }
  const a = replica(harness.state)
  return { ...built, harness, key: issued.key, written, a, replica }
}

for (const kind of SHARED_STATES) {
  describe(`dingtalk access tokens (${kind.name})`, () => {
    it('issues 128 random bits as hex, 7200 s, and the same token renewed while valid', async (t) => {
      const { a, harness } = await world(t, kind)
      const first = await a.tokens.issue(APP_KEY, APP_SECRET)
      assert.match(first.accessToken, /^[0-9a-f]{32}$/)
      assert.equal(first.expiresIn, DINGTALK_TOKEN_SECONDS)
      await harness.advance(7000_000)
      assert.deepEqual(await a.tokens.issue(APP_KEY, APP_SECRET), first)
      // Renewed at 7000 s: still valid at 14000 s, 7200 s after the last request.
      await harness.advance(7000_000)
      const verdict = await a.tokens.authenticate(first.accessToken)
      assert.equal(verdict.ok, true)
      assert.equal(verdict.ok && verdict.value.expiresAt, harness.clock.now() + 200_000)
    })

    it('replaces an expired token with a new one', async (t) => {
      const { a, harness } = await world(t, kind)
      const first = await a.tokens.issue(APP_KEY, APP_SECRET)
      await harness.advance(DINGTALK_TOKEN_SECONDS * 1000)
      assert.equal((await a.tokens.authenticate(first.accessToken)).ok, false)
      const second = await a.tokens.issue(APP_KEY, APP_SECRET)
      assert.notEqual(second.accessToken, first.accessToken)
      assert.equal((await a.tokens.authenticate(second.accessToken)).ok, true)
      assert.equal((await a.tokens.authenticate(first.accessToken)).ok, false)
    })

    it('refuses a wrong secret, an unknown appKey and a disabled key with distinct codes', async (t) => {
      const { a, services, key } = await world(t, kind)
      await rejectsWith(a.tokens.issue(APP_KEY, APP_SECRET + 'x'), 'SIGNATURE_MISMATCH')
      await rejectsWith(a.tokens.issue(APP_KEY, ''), 'SIGNATURE_MISMATCH')
      await rejectsWith(a.tokens.issue('dingunknown', APP_SECRET), 'ACCESS_KEY_NOT_FOUND')
      await services.accessKeys.update(key.id, { status: 'disabled' })
      await a.accessKeys.invalidate()
      await rejectsWith(a.tokens.issue(APP_KEY, APP_SECRET), 'ACCESS_KEY_DISABLED')
    })

    it('writes only hashes and sealed tokens to the store', async (t) => {
      const { a, written } = await world(t, kind)
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await a.tokens.issue(APP_KEY, APP_SECRET)
      assert.ok(written.length >= 4)
      for (const text of written) {
        assert.ok(!text.includes(accessToken), `plaintext token in ${text}`)
        assert.ok(!text.includes(APP_SECRET), `app secret in ${text}`)
      }
    })

    it('answers malformed and unknown tokens TOKEN_INVALID', async (t) => {
      const { a } = await world(t, kind)
      for (const token of ['', 'x', 'A'.repeat(32), '0'.repeat(33), '0'.repeat(32)]) {
        const verdict = await a.tokens.authenticate(token)
        assert.deepEqual(verdict.ok ? 'ok' : verdict.code, 'TOKEN_INVALID', token)
      }
    })

    it('revokes the token for good when the app key is disabled', async (t) => {
      const { a, services, key } = await world(t, kind)
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await services.accessKeys.update(key.id, { status: 'disabled' })
      await a.accessKeys.invalidate()
      const refused = await a.tokens.authenticate(accessToken)
      assert.equal(refused.ok ? 'ok' : refused.code, 'TOKEN_INVALID')
      await services.accessKeys.update(key.id, { status: 'active' })
      await a.accessKeys.invalidate()
      assert.equal((await a.tokens.authenticate(accessToken)).ok, false)
      const next = await a.tokens.issue(APP_KEY, APP_SECRET)
      assert.notEqual(next.accessToken, accessToken)
    })

    it('never brings a token back: disabling the key revokes it on every replica at once', async (t) => {
      const { deps, harness, key, replica } = await world(t, kind)
      // The replica an operator talks to, wired as in production, and another one serving apps.
      const admin = createServices({ ...deps, state: harness.state })
      const other = replica(kind.sharedAcrossInstances ? harness.sibling() : harness.state)
      const { accessToken } = await other.tokens.issue(APP_KEY, APP_SECRET)
      await admin.accessKeys.update(key.id, { status: 'disabled' })
      // Re-enabled before any request used the token: it must stay dead.
      await admin.accessKeys.update(key.id, { status: 'active' })
      await other.accessKeys.invalidate()
      const verdict = await other.tokens.authenticate(accessToken)
      assert.equal(verdict.ok ? 'ok' : verdict.code, 'TOKEN_INVALID')
      const next = await other.tokens.issue(APP_KEY, APP_SECRET)
      assert.notEqual(next.accessToken, accessToken)
    })

    it('revokes the token when the key is deleted', async (t) => {
      const { deps, harness, key, a } = await world(t, kind)
      const admin = createServices({ ...deps, state: harness.state })
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await admin.accessKeys.remove(key.id)
      assert.equal(await harness.state.get(`dingtalk:app:${key.id}`), undefined)
      assert.equal((await a.tokens.authenticate(accessToken)).ok, false)
    })

    it('retires tokens issued under a secret that was rotated since', async (t) => {
      const { a, deps, key } = await world(t, kind)
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await upsertAccessKey(deps.db, deps.box, { ...key, secret: 'rotated-secret-0002' })
      await a.accessKeys.invalidate()
      assert.equal((await a.tokens.authenticate(accessToken)).ok, false)
      await rejectsWith(a.tokens.issue(APP_KEY, APP_SECRET), 'SIGNATURE_MISMATCH')
      const next = await a.tokens.issue(APP_KEY, 'rotated-secret-0002')
      assert.notEqual(next.accessToken, accessToken)
      assert.equal((await a.tokens.authenticate(next.accessToken)).ok, true)
    })

    it('revokeApp drops the current token at once', async (t) => {
      const { a, key } = await world(t, kind)
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await a.tokens.revokeApp(key.id)
      assert.equal((await a.tokens.authenticate(accessToken)).ok, false)
    })

    it('answers TENANT_SUSPENDED for a token of a suspended org', async (t) => {
      const { a, services } = await world(t, kind)
      const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
      await services.tenants.update('tn_a', { status: 'suspended' })
      await a.accessKeys.invalidate()
      const verdict = await a.tokens.authenticate(accessToken)
      assert.equal(verdict.ok ? 'ok' : verdict.code, 'TENANT_SUSPENDED')
      await rejectsWith(a.tokens.issue(APP_KEY, APP_SECRET), 'TENANT_SUSPENDED')
    })

    it(
      'shares one token between replicas',
      { skip: kind.sharedAcrossInstances ? false : 'in-process state is per replica' },
      async (t) => {
        const { a, replica, harness } = await world(t, kind)
        const b = replica(harness.sibling())
        const { accessToken } = await a.tokens.issue(APP_KEY, APP_SECRET)
        assert.equal((await b.tokens.authenticate(accessToken)).ok, true)
        assert.equal((await b.tokens.issue(APP_KEY, APP_SECRET)).accessToken, accessToken)
      },
    )
  })
}
