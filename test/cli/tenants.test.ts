// `playgate tenants list`: a table (or JSON) of every tenant.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

describe('playgate tenants list', () => {
  it('prints a table of the tenants', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    assert.deepEqual(await world.run(['tenants', 'list']), {
      code: 0,
      stdout: [
        'ID         NAME             STATUS  CREATED',
        'tn_acme    Acme Learning    active  2026-01-01T00:00:00Z',
        'tn_globex  Globex Meetings  active  2026-01-01T00:00:00Z',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('prints JSON with --json', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const result = await world.run(['tenants', 'list', '--json'])
    assert.equal(result.code, 0)
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        id: 'tn_acme',
        name: 'Acme Learning',
        status: 'active',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'tn_globex',
        name: 'Globex Meetings',
        status: 'active',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ])
  })

  it('prints only the header on an empty catalog', async (t) => {
    const world = cliWorld(t)
    assert.deepEqual(await world.run(['tenants', 'list']), {
      code: 0,
      stdout: 'ID  NAME  STATUS  CREATED\n',
      stderr: '',
    })
  })

  it('takes no operands', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['tenants', 'list', 'extra'])
    assert.equal(result.code, 2)
    assert.equal(
      result.stderr,
      'error[USAGE]: unexpected argument "extra"\nrun "playgate help tenants list" for usage\n',
    )
  })
})
