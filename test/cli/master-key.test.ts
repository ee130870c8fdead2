// `playgate master-key rotate`: re-seals every stored secret under the configured master key,
// opening each with it or the previous key; afterwards the new key alone opens everything.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { TEST_MASTER_KEY } from '../helpers/build-app.ts'
import { cliWorld, withFixture } from './cli-harness.ts'

describe('playgate master-key rotate', () => {
  it('re-seals every secret under the new key, which then opens them alone', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const next = randomBytes(32).toString('hex')
    const rotating = {
      PLAYGATE_SECRETS_MASTER_KEY: next,
      PLAYGATE_SECRETS_PREVIOUS_MASTER_KEY: TEST_MASTER_KEY,
    }
    const result = await world.run(['master-key', 'rotate'], { env: rotating })
    assert.equal(result.stderr, '')
    assert.equal(result.code, 0)
    assert.match(
      result.stdout,
      /^re-sealed \d+ secrets under the master key; once every replica runs with it, remove secrets\.previousMasterKey\n$/,
    )
    // The new key alone now opens everything; the old one alone opens nothing.
    const alone = await world.run(['tenants', 'list'], {
      env: { PLAYGATE_SECRETS_MASTER_KEY: next },
    })
    assert.equal(alone.code, 0)
    const old = await world.run(['tenants', 'list'])
    assert.equal(old.code, 1)
    assert.match(
      old.stderr,
      /^error\[INVALID_PARAMETER\]: the master key cannot open \d+ of \d+ stored secrets/,
    )
  })

  it('says so in JSON', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const result = await world.run(['master-key', 'rotate', '--json'])
    assert.equal(result.code, 0)
    assert.ok(JSON.parse(result.stdout).resealed > 0)
  })
})
