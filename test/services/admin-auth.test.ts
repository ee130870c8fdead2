// Admin auth use case: a configured token is registered idempotently, a first-start token is
// created once and only once, and verify accepts exactly the registered tokens.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countAdminTokens } from '../../src/storage/repositories/admin-tokens.ts'
import { buildTestServices, rejectsWith } from '../helpers/services.ts'

const CONFIGURED = 'pgadm_configured_0123456789abcdef'

describe('admin auth service', () => {
  it('registers a configured token once however often it is ensured', async (t) => {
    const { services, deps } = await buildTestServices(t)
    assert.deepEqual(await services.adminAuth.ensure(CONFIGURED), {})
    assert.deepEqual(await services.adminAuth.ensure(CONFIGURED), {})
    assert.equal(await countAdminTokens(deps.db), 1)
    assert.equal(await services.adminAuth.verify(CONFIGURED), true)
  })

  it('stores a hash, never the token', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await services.adminAuth.ensure(CONFIGURED)
    const rows = await deps.db.selectFrom('admin_tokens').selectAll().execute()
    assert.equal(rows.length, 1)
    assert.match(rows[0]!.token_hash, /^[0-9a-f]{64}$/)
    assert.ok(!JSON.stringify(rows).includes(CONFIGURED))
  })

  it('creates a first-start token once, and none on later starts', async (t) => {
    const { services, deps } = await buildTestServices(t)
    const first = await services.adminAuth.ensure('')
    assert.match(first.created ?? '', /^pgadm_[A-Za-z0-9]{40}$/)
    assert.deepEqual(await services.adminAuth.ensure(''), {})
    assert.deepEqual(await services.adminAuth.ensure(''), {})
    assert.equal(await countAdminTokens(deps.db), 1)
    assert.equal(await services.adminAuth.verify(first.created!), true)
  })

  it('creates no first-start token when a configured one is registered', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await services.adminAuth.ensure(CONFIGURED)
    assert.deepEqual(await services.adminAuth.ensure(''), {})
    assert.equal(await countAdminTokens(deps.db), 1)
  })

  it('keeps a first-start token valid when a configured one is added later', async (t) => {
    const { services, deps } = await buildTestServices(t)
    const { created } = await services.adminAuth.ensure('')
    await services.adminAuth.ensure(CONFIGURED)
    assert.equal(await countAdminTokens(deps.db), 2)
    assert.equal(await services.adminAuth.verify(created!), true)
    assert.equal(await services.adminAuth.verify(CONFIGURED), true)
  })

  it('rejects unknown, too short and too long tokens', async (t) => {
    const { services } = await buildTestServices(t)
    await services.adminAuth.ensure(CONFIGURED)
    assert.equal(await services.adminAuth.verify(CONFIGURED + 'x'), false)
    assert.equal(await services.adminAuth.verify(CONFIGURED.toUpperCase()), false)
    assert.equal(await services.adminAuth.verify(''), false)
    assert.equal(await services.adminAuth.verify('short'), false)
    assert.equal(await services.adminAuth.verify('x'.repeat(257)), false)
  })

  // Regression: a configured token verify() can never accept (under 16 or over 256 characters)
  // was registered silently, so the server started with an admin API nobody could use.
  it('refuses a configured token that verify could never accept, as INVALID_PARAMETER', async (t) => {
    const { services, deps } = await buildTestServices(t)
    await rejectsWith(services.adminAuth.ensure('changeme'), 'INVALID_PARAMETER')
    await rejectsWith(services.adminAuth.ensure('x'.repeat(257)), 'INVALID_PARAMETER')
    assert.equal(await countAdminTokens(deps.db), 0)
    const fine = 'nW5-tR8_qZ2!kL7@bX4#'
    await services.adminAuth.ensure(fine)
    assert.equal(await services.adminAuth.verify(fine), true)
  })

  // Regression #14: admin tokens were checked only for length.
  it('refuses a configured token that is long enough but guessable, and says how to make one', async (t) => {
    const { services, deps } = await buildTestServices(t)
    for (const weak of ['passwordpassword', 'x'.repeat(16), '0123456789abcdef0123'])
      await assert.rejects(services.adminAuth.ensure(weak), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INVALID_PARAMETER')
        assert.match(error.message, /too guessable.*openssl rand -hex 32/)
        return true
      })
    assert.equal(await countAdminTokens(deps.db), 0)
  })
})
