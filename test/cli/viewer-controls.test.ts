// `playgate revoke`, `revocations list|lift`, `sessions list|kick`, `viewer-policy show|set`.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

describe('playgate revoke and revocations', () => {
  it('revokes a viewer with a reason, lists the entry and lifts it', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const revoked = await world.run([
      'revoke',
      '--tenant',
      'tn_acme',
      '--kind',
      'viewer',
      '--value',
      'student_42',
      '--reason',
      'refunded',
      '--expires-at',
      '1767229200',
      '--json',
    ])
    assert.equal(revoked.code, 0, revoked.stderr)
    const entry = JSON.parse(revoked.stdout) as { id: string; expiresAt: string }
    assert.equal(entry.expiresAt, '2026-01-01T01:00:00.000Z')
    const list = await world.run(['revocations', 'list', '--tenant', 'tn_acme', '--json'])
    const listed = JSON.parse(list.stdout) as { id: string; kind: string; reason: string }[]
    // Beside the two entries the fixture imports.
    assert.deepEqual(
      listed.filter((e) => e.id === entry.id).map((e) => [e.id, e.kind, e.reason]),
      [[entry.id, 'viewer', 'refunded']],
    )
    assert.equal(listed.length, 3)
    assert.equal(
      (await world.run(['revocations', 'lift', entry.id, '--tenant', 'tn_acme'])).code,
      0,
    )
    const again = await world.run(['revocations', 'lift', entry.id, '--tenant', 'tn_acme'])
    assert.equal(again.code, 1)
    assert.match(again.stderr, /^error\[NOT_FOUND\]/)
  })

  it('needs --url or --kind and --value', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['revoke', '--tenant', 'tn_acme', '--reason', 'x'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /give --url, or --kind and --value/)
  })
})

describe('playgate viewer-policy and sessions', () => {
  it('sets a policy from a file, refusing a malformed rule with its parameter', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const bad = join(world.dataDir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ rules: [{ action: 'block' }] }))
    const refused = await world.run([
      'viewer-policy',
      'set',
      '--video',
      'f'.repeat(32),
      '--file',
      bad,
    ])
    assert.equal(refused.code, 1)
    const list = await world.run(['videos', 'list', '--json'])
    const videoId = (JSON.parse(list.stdout) as { id: string }[])[0]!.id
    const malformed = await world.run(['viewer-policy', 'set', '--video', videoId, '--file', bad])
    assert.equal(malformed.code, 1)
    assert.match(malformed.stderr, /rules\[0\]\.action/)
    const good = join(world.dataDir, 'good.json')
    writeFileSync(good, JSON.stringify({ rules: [{ action: 'deny', userAgent: ['bot'] }] }))
    assert.equal(
      (await world.run(['viewer-policy', 'set', '--video', videoId, '--file', good])).code,
      0,
    )
    const shown = await world.run(['viewer-policy', 'show', '--video', videoId])
    assert.deepEqual((JSON.parse(shown.stdout) as { rules: unknown }).rules, [
      { action: 'deny', userAgent: ['bot'] },
    ])
  })

  it('lists no sessions and refuses to kick an unknown one', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    assert.equal(
      (await world.run(['sessions', 'list', '--tenant', 'tn_acme', '--json'])).stdout,
      '[]\n',
    )
    const kick = await world.run(['sessions', 'kick', 'vs_x', '--tenant', 'tn_acme'])
    assert.equal(kick.code, 1)
  })
})
