// `playgate admin-token create`: a new admin token on stdout alone (so scripts can capture it),
// stored only as a hash, accepted by the admin API check.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld } from './cli-harness.ts'

describe('playgate admin-token create', () => {
  it('prints a token that the admin API accepts, and keeps only its hash', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['admin-token', 'create', '--name', 'ci'])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /^pgadm_[A-Za-z0-9]{40}\n$/)
    assert.match(
      result.stderr,
      /^Admin token adm_[0-9a-f]{20} \(ci\) is shown only now; store it safely\.\n$/,
    )
    const token = result.stdout.trim()
    await world.inspect(async ({ services, db }) => {
      assert.equal(await services.adminAuth.verify(token), true)
      assert.equal(await services.adminAuth.verify(token + 'x'), false)
      const rows = await db.selectFrom('admin_tokens').selectAll().execute()
      assert.deepEqual(
        rows.map((r) => r.name),
        ['ci'],
      )
      assert.ok(rows.every((r) => !r.token_hash.includes(token)))
    })
  })

  it('prints id, name and token as JSON with --json', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['admin-token', 'create', '--json'])
    const body = JSON.parse(result.stdout) as { id: string; name: string; token: string }
    assert.equal(body.name, 'cli')
    assert.match(body.token, /^pgadm_/)
  })
})
