// `playgate play-urls VIDEO_ID`: the shared playback service's answer, so the CLI refuses what
// every API refuses.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

describe('playgate play-urls', () => {
  // Regression #7: like the native API, the command signed URLs for a Blocked video.
  it('refuses a video that is not Normal', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const id = await world.inspect(async ({ services }) => {
      const [video] = (await services.videos.list({ tenantId: 'tn_acme' }, 1, 1)).items
      await services.videos.update(video!.id, { status: 'Blocked' })
      return video!.id
    })
    const result = await world.run(['play-urls', id])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error\[MEDIA_NOT_READY\]/)
    assert.equal(result.stdout, '')
  })

  it('limits each URL to --max-uses requests, refusing a count that is not whole and positive', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const id = await world.inspect(async ({ services }) => {
      const [video] = (await services.videos.list({ tenantId: 'tn_acme' }, 1, 1)).items
      return video!.id
    })
    const result = await world.run(['play-urls', id, '--max-uses', '1', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const out = JSON.parse(result.stdout) as { host: string; maxUses: number; items: unknown[] }
    assert.equal(out.maxUses, 1)
    const limited = await world.inspect(async ({ services }) => {
      const domain = await services.playDomains.resolveHost(out.host)
      return (await services.edgeControls.forDomain(domain!)).uses.size
    })
    assert.equal(limited, out.items.length)
    // Issue #7: the URLs the command prints are on the audit trail, as the native API's are.
    const issued = await world.inspect(async ({ services }) =>
      (await services.audit.list({ kind: 'credential.issued' })).items.map((e) => [
        e.tenantId,
        e.subject,
        e.detail,
      ]),
    )
    const expiresAt = Date.parse((out.items[0] as { expiresAt: string }).expiresAt) / 1000
    assert.deepEqual(issued, [
      ['tn_acme', id, { dialect: 'cli', host: out.host, expiresAt, maxUses: 1 }],
    ])
    const bad = await world.run(['play-urls', id, '--max-uses', '0'])
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--max-uses takes a whole number from 1, not 0/)
  })
})
