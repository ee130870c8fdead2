// `playgate serve`: the server answers while the command runs and closes when it is told to stop.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TEST_ADMIN_TOKEN } from '../helpers/build-app.ts'
import { cliWorld } from './cli-harness.ts'

describe('playgate serve', () => {
  it('serves until stopped, then closes and exits 0', async (t) => {
    const world = cliWorld(t)
    const seen: string[] = []
    const result = await world.run(['serve', '--http-port', '0', '--demo-enabled=false'], {
      env: { PLAYGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      // Called once the server listens: use it, then tell the command to stop.
      untilStopped: async (url) => {
        const health = await fetch(`${url}/healthz`)
        seen.push(`${health.status} ${await health.text()}`)
        const tenants = await fetch(`${url}/v1/tenants`, {
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        })
        seen.push(String(tenants.status))
        return 'stopped by the test'
      },
    })
    assert.deepEqual(seen, ['200 {"status":"ok"}', '200'])
    assert.equal(result.code, 0)
    assert.equal(result.stdout, '')
    assert.match(
      result.stderr,
      /^PlayGate is listening on http:\/\/127\.0\.0\.1:\d+\nstopped by the test: shutting down\n$/,
    )
  })
})
