// `playgate rotate-key DOMAIN`: a new primary (given or generated), the old primary kept as the
// backup, by host or by id.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

const keysOf = (world: ReturnType<typeof cliWorld>, host: string) =>
  world.inspect(async ({ services }) => (await services.playDomains.resolveHost(host))!)

describe('playgate rotate-key', () => {
  it('makes the given key primary and keeps the old primary as backup', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const before = await keysOf(world, 'media.acme.test')
    const result = await world.run([
      'rotate-key',
      'media.acme.test',
      '--primary-key',
      'new-primary-0001',
    ])
    const after = await keysOf(world, 'media.acme.test')
    assert.deepEqual(result, {
      code: 0,
      stdout: [
        `rotated media.acme.test (${before.id})`,
        'KEY      ID         NOTE',
        `primary  ${after.keys.primary.id}  new; signs from now on`,
        `backup   ${before.keys.primary.id}  the previous primary; still verifies`,
        '',
      ].join('\n'),
      stderr: '',
    })
    assert.equal(after.keys.primary.secret, 'new-primary-0001')
    assert.deepEqual(after.keys.backup, before.keys.primary)
    assert.equal(after.keys.rotatedAt?.toISOString(), '2026-01-01T00:00:00.000Z')
  })

  it('generates a key when none is given and prints it, also as JSON', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const before = await keysOf(world, 'cdn.acme.test')
    const result = await world.run(['rotate-key', before.id, '--json'])
    assert.equal(result.code, 0)
    const after = await keysOf(world, 'cdn.acme.test')
    assert.deepEqual(JSON.parse(result.stdout), {
      id: before.id,
      host: 'cdn.acme.test',
      primaryKeyId: after.keys.primary.id,
      backupKeyId: before.keys.primary.id,
      rotatedAt: '2026-01-01T00:00:00.000Z',
      primaryKey: after.keys.primary.secret,
    })
    assert.match(after.keys.primary.secret, /^[A-Za-z0-9]{32}$/)
    assert.equal(result.stderr, '')

    const table = await world.run(['rotate-key', 'cdn.acme.test'])
    const latest = await keysOf(world, 'cdn.acme.test')
    assert.ok(table.stdout.endsWith(`\nnew primary key: ${latest.keys.primary.secret}\n`))
    assert.equal(
      table.stderr,
      'Give the new primary key to the CDN or nginx that verifies this domain.\n',
    )
  })

  it('exits 1 for an unknown domain and 2 without one', async (t) => {
    const world = cliWorld(t)
    assert.deepEqual(await world.run(['rotate-key', 'nowhere.test']), {
      code: 1,
      stdout: '',
      stderr: 'error[NOT_FOUND]: play domain "nowhere.test" not found\n',
    })
    assert.deepEqual(await world.run(['rotate-key']), {
      code: 2,
      stdout: '',
      stderr: 'error[USAGE]: missing DOMAIN\nrun "playgate help rotate-key" for usage\n',
    })
  })
})
