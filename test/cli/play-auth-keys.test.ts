// `playgate play-auth-keys list|rotate|retire`: Aliyun PlayAuth server-key rotation from the
// CLI (issue #7), ids and roles only, never key material.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld } from './cli-harness.ts'

describe('playgate play-auth-keys', () => {
  it('rotates in a key that verifies now and signs later, then lists both', async (t) => {
    const world = cliWorld(t)
    const rotated = await world.run(['play-auth-keys', 'rotate', '--json'])
    assert.equal(rotated.code, 0, rotated.stderr)
    const keys = JSON.parse(rotated.stdout) as { id: string; signing: boolean }[]
    assert.equal(keys.length, 2)
    assert.deepEqual(
      keys.map((k) => k.signing),
      [false, true],
    )
    const listed = await world.run(['play-auth-keys', 'list'])
    assert.equal(listed.code, 0)
    assert.match(listed.stdout, new RegExp(`^${keys[0]!.id} +\\S+ +verifies$`, 'm'))
    assert.match(listed.stdout, /^k1 +\S+ +signs$/m)
  })

  it('retires nothing while PlayAuths could still carry the older key', async (t) => {
    const world = cliWorld(t)
    await world.run(['play-auth-keys', 'rotate'])
    assert.deepEqual(await world.run(['play-auth-keys', 'retire']), {
      code: 0,
      stdout: 'nothing to retire\n',
      stderr: '',
    })
  })
})
