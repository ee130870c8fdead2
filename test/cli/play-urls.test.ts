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
})
