// `playgate domains list` and `playgate play-urls`: what an operator needs to find a video's play
// URLs without the HTTP API, on the example fixture.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

const LESSON_1 = 'e92c477adb46eeb7802556c657cc1b8a'

describe('playgate domains list', () => {
  it('lists every play domain, or one tenant’s, without keys', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const all = await world.run(['domains', 'list'])
    assert.equal(all.code, 0, all.stderr)
    const lines = all.stdout.trimEnd().split('\n')
    assert.match(lines[0]!, /^ID +TENANT +HOST +SCHEME +TTL +AUTH +DEFAULT +CREATED$/)
    assert.ok(lines.length > 2)
    const acme = await world.run(['domains', 'list', '--tenant', 'tn_acme', '--json'])
    const domains = JSON.parse(acme.stdout) as { tenantId: string; keys?: unknown }[]
    assert.ok(domains.length > 0)
    assert.ok(domains.every((d) => d.tenantId === 'tn_acme' && d.keys === undefined))
    assert.ok(lines.length - 1 > domains.length)
  })
})

describe('playgate play-urls', () => {
  it('prints a signed URL per stream of the video', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const result = await world.run(['play-urls', LESSON_1, '--json', '--ttl', '300'])
    assert.equal(result.code, 0, result.stderr)
    const body = JSON.parse(result.stdout) as {
      videoId: string
      items: { format: string; url: string; expiresAt: string }[]
    }
    assert.equal(body.videoId, LESSON_1)
    assert.equal(body.items.length, 2)
    for (const item of body.items) {
      assert.match(item.url, /^https?:\/\//)
      assert.equal(item.expiresAt, '2026-01-01T00:05:00.000Z')
    }
    const table = await world.run(['play-urls', LESSON_1])
    assert.match(table.stdout, /^FORMAT +DEFINITION +URL\n/)
  })

  it('answers an unknown video with NOT_FOUND (exit 1) and a bad --ttl as a usage error', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const unknown = await world.run(['play-urls', 'nope'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^error\[NOT_FOUND\]: /)
    const bad = await world.run(['play-urls', LESSON_1, '--ttl', 'soon'])
    assert.equal(bad.code, 2)
  })
})
