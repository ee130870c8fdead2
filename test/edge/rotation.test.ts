// Key rotation without breaking issued URLs (url-signing.md §10.2): the old primary becomes the
// backup and keeps verifying until its URLs expire; a second rotation retires it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildEdgeTestApp } from './edge-app.ts'

const MP4 = '/demo/mp4/demo.mp4'

const status = (url: string) => fetch(url, { method: 'HEAD' }).then((r) => r.status)
const code = (url: string) => fetch(url).then((r) => r.headers.get('x-error-code'))

describe('edge: key rotation', () => {
  for (const scheme of ['aliyun-a', 'tencent-live', 'nginx-secure-link', 'native'] as const) {
    it(`${scheme}: a URL issued before a rotation plays until it expires, and not after a second rotation`, async (t) => {
      const edge = await buildEdgeTestApp(t)
      const domain = await edge.domain(scheme, { ttlSeconds: 600 })
      const before = edge.signedUrl(domain, MP4)
      assert.equal(await status(before), 200)

      const rotated = await edge.services.playDomains.rotate(domain.id)
      assert.equal(rotated.keys.backup?.secret, domain.keys.primary.secret)
      edge.clock.advance(60_000)
      assert.equal(await status(before), 200, 'the old primary still verifies as the backup')
      const after = edge.signedUrl(rotated, MP4)
      assert.equal(await status(after), 200, 'the new primary signs')

      await edge.services.playDomains.rotate(domain.id)
      assert.equal(await code(before), 'SIGNATURE_MISMATCH', 'retired by the second rotation')
      assert.equal(await status(after), 200, 'the first rotation’s key is now the backup')
    })
  }

  it('an issued URL still expires on time after a rotation', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-a', { ttlSeconds: 600 })
    const before = edge.signedUrl(domain, MP4)
    await edge.services.playDomains.rotate(domain.id)
    edge.clock.advance(631_000)
    assert.equal(await code(before), 'TOKEN_EXPIRED')
  })

  it('a playlist fetched before a rotation leads to segments signed by the new primary', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-c')
    const master = edge.signedUrl(domain, '/demo/hls/index.m3u8')
    await edge.services.playDomains.rotate(domain.id)
    const text = await (await fetch(master)).text()
    const segment = text.split('\n').find((l) => l.includes('segment-000.ts'))!
    assert.equal(await status(new URL(segment, master).href), 200)
  })
})
