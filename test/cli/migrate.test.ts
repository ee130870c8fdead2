// `playgate migrate`: applies every migration once, names them, and is a no-op afterwards.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { MIGRATIONS } from '../../src/storage/migrations/index.ts'
import { cliWorld } from './cli-harness.ts'

describe('playgate migrate', () => {
  it('applies the pending migrations, then finds none', async (t) => {
    const world = cliWorld(t)
    const database = `sqlite:${join(world.dataDir, 'playgate.db')}`
    const names = Object.keys(MIGRATIONS).sort()
    assert.deepEqual(await world.run(['migrate']), {
      code: 0,
      stdout: [
        ...names.map((n) => `applied ${n}`),
        `database is up to date (${database})`,
        '',
      ].join('\n'),
      stderr: '',
    })
    assert.deepEqual(await world.run(['migrate', '--json']), {
      code: 0,
      stdout: JSON.stringify({ database, applied: [] }, null, 2) + '\n',
      stderr: '',
    })
  })

  it('uses the database the flags name', async (t) => {
    const world = cliWorld(t)
    const other = join(world.dataDir, 'other.db')
    const result = await world.run(['migrate', '--database-url', `sqlite:${other}`, '--json'])
    assert.equal(result.code, 0)
    const body = JSON.parse(result.stdout) as { database: string; applied: string[] }
    assert.equal(body.database, `sqlite:${other}`)
    assert.equal(body.applied.length, Object.keys(MIGRATIONS).length)
  })
})
