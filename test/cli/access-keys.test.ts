// `playgate access-keys create`: a vendor-shaped key id and secret, printed once, that then
// authenticates; bad tenants and protocols are refused.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

describe('playgate access-keys create', () => {
  it('prints the key id and the secret once, and the key then authenticates', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const result = await world.run([
      'access-keys',
      'create',
      '--tenant',
      'tn_acme',
      '--protocol',
      'aliyun',
    ])
    assert.equal(result.code, 0)
    const match =
      /^created aliyun access key (ak_[0-9a-f]{20}) for tenant tn_acme\nkey id: (LTAI[A-Za-z0-9]{20})\nsecret: ([A-Za-z0-9]{30})\n$/.exec(
        result.stdout,
      )
    assert.ok(match, result.stdout)
    assert.equal(result.stderr, 'The secret is shown only now; store it safely.\n')
    const verdict = await world.inspect(({ services }) =>
      services.accessKeys.lookup('aliyun', match[2]!),
    )
    assert.ok(verdict.ok)
    assert.equal(verdict.value.key.id, match[1])
    assert.equal(verdict.value.key.secret, match[3])
  })

  it('prints JSON with --json, description included', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const result = await world.run([
      'access-keys',
      'create',
      '--tenant=tn_globex',
      '--protocol=dingtalk',
      '--description',
      'bot',
      '--json',
    ])
    assert.equal(result.code, 0)
    const body = JSON.parse(result.stdout) as Record<string, string>
    assert.deepEqual(Object.keys(body), [
      'id',
      'tenantId',
      'protocol',
      'keyId',
      'secret',
      'createdAt',
    ])
    assert.equal(body.protocol, 'dingtalk')
    assert.match(body.keyId!, /^ding[0-9a-f]{16}$/)
    assert.equal(body.createdAt, '2026-01-01T00:00:00.000Z')
  })

  it('exits 1 for an unknown tenant and 2 for a missing or unknown protocol', async (t) => {
    const world = cliWorld(t)
    assert.deepEqual(
      await world.run(['access-keys', 'create', '--tenant', 'tn_x', '--protocol', 'polyv']),
      {
        code: 1,
        stdout: '',
        stderr: 'error[NOT_FOUND]: tenant "tn_x" not found\n',
      },
    )
    assert.deepEqual(await world.run(['access-keys', 'create', '--tenant', 'tn_x']), {
      code: 2,
      stdout: '',
      stderr:
        'error[USAGE]: --protocol is required\nrun "playgate help access-keys create" for usage\n',
    })
    const azure = await world.run([
      'access-keys',
      'create',
      '--tenant',
      'tn_x',
      '--protocol',
      'azure',
    ])
    assert.equal(azure.code, 2)
    assert.equal(
      azure.stderr,
      'error[USAGE]: --protocol must be one of: aliyun, tencent, dingtalk, polyv, native\nrun "playgate help access-keys create" for usage\n',
    )
  })
})
