// Special files under the media root: a FIFO (or socket) is never registered, imported, probed or
// opened, so it cannot hold the file-system threads; and playlists are parsed once per version
// and refused past their size cap. Regression #14.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { MediaFile } from '../../src/edge/media-cache.ts'
import { createPlaylistCache, MAX_PLAYLIST_BYTES } from '../../src/edge/playlist-cache.ts'
import { resolveUnderRoot } from '../../src/platform/node/media-path.ts'
import { buildEdgeTestApp } from './edge-app.ts'

const fifo = (path: string) => execFileSync('mkfifo', [path])

describe('edge: special files', () => {
  it('refuses to resolve a FIFO, for registration and for serving', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    fifo(join(edge.mediaRoot, 'demo', 'pipe.mp4'))
    const verdict = await resolveUnderRoot(edge.mediaRoot, 'demo/pipe.mp4')
    assert.deepEqual(verdict, {
      ok: false,
      code: 'INVALID_PARAMETER',
      reason: 'media path is not a regular file or directory: demo/pipe.mp4',
    })
    assert.equal((await resolveUnderRoot(edge.mediaRoot, 'demo')).ok, true)
  })

  it('answers 404 to many requests for a FIFO and keeps serving files', async (t) => {
    const edge = await buildEdgeTestApp(t)
    fifo(join(edge.mediaRoot, 'demo', 'pipe.ts'))
    const domain = await edge.domain('native')
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(edge.signedUrl(domain, '/demo/pipe.ts')).then((r) => r.status),
      ),
    )
    assert.deepEqual(statuses, Array(8).fill(404))
    const mp4 = await fetch(edge.signedUrl(domain, '/demo/mp4/demo.mp4'))
    assert.equal(mp4.status, 200)
  })

  it('refuses to register or import a FIFO as a stream location', async (t) => {
    const edge = await buildEdgeTestApp(t, { listen: false })
    fifo(join(edge.mediaRoot, 'demo', 'pipe.mp4'))
    const reply = await edge.app.inject({
      method: 'POST',
      url: '/v1/import',
      headers: { ...edge.admin, 'content-type': 'application/yaml' },
      payload: [
        'tenants:',
        '  - id: tn_fifo',
        '    name: F',
        '    videos:',
        '      - title: pipe',
        '        streams:',
        '          - location: demo/pipe.mp4',
      ].join('\n'),
    })
    assert.equal(reply.statusCode, 400)
    assert.match(JSON.stringify(reply.json()), /not a regular file or directory/)
  })

  it('rewrites a 20,000-segment playlist, and serves one over the cap as stored', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const dir = join(edge.mediaRoot, 'big')
    mkdirSync(dir)
    const playlist = (n: number) => {
      const lines = ['#EXTM3U', '#EXT-X-TARGETDURATION:2', '#EXT-X-VERSION:3']
      for (let i = 0; i < n; i++) lines.push('#EXTINF:2.0,', `seg-${i}.ts`)
      return [...lines, '#EXT-X-ENDLIST', ''].join('\n')
    }
    writeFileSync(join(dir, 'index.m3u8'), playlist(20_000))
    const huge = playlist(200_000)
    assert.ok(huge.length > MAX_PLAYLIST_BYTES)
    writeFileSync(join(dir, 'huge.m3u8'), huge)
    const domain = await edge.domain('native')
    for (let i = 0; i < 2; i++) {
      const res = await fetch(edge.signedUrl(domain, '/big/index.m3u8'))
      assert.equal(res.status, 200)
      assert.match(await res.text(), /\nseg-19999\.ts\?pg_/)
    }
    const stored = await fetch(edge.signedUrl(domain, '/big/huge.m3u8'))
    assert.equal(stored.status, 200)
    assert.equal(await stored.text(), huge)
  })
})

describe('playlist cache', () => {
  const file = (mtimeMs: number, size = 10) =>
    ({ path: '/m/a.m3u8', size, mtimeMs, body: undefined }) as unknown as MediaFile
  const text = '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n'

  it('parses a playlist once per size and mtime', async () => {
    const cache = createPlaylistCache()
    let reads = 0
    const read = () => Promise.resolve((reads++, text))
    const first = await cache.parsed(file(1), read)
    assert.equal(await cache.parsed(file(1), read), first)
    assert.equal(cache.parses(), 1)
    assert.notEqual(await cache.parsed(file(2), read), first)
    await cache.parsed(file(2, 11), read)
    assert.deepEqual([cache.parses(), reads], [3, 3])
  })

  it('remembers that a file is not a playlist, and forgets the oldest past its size', async () => {
    const cache = createPlaylistCache({ maxEntries: 1 })
    const bad = () => Promise.resolve('not a playlist')
    await assert.rejects(cache.parsed(file(1), bad), { code: 'INVALID_PARAMETER' })
    await assert.rejects(cache.parsed(file(1), bad), { code: 'INVALID_PARAMETER' })
    assert.equal(cache.parses(), 1)
    const other = { ...file(1), path: '/m/b.m3u8' } as MediaFile
    await cache.parsed(other, () => Promise.resolve(text))
    await assert.rejects(cache.parsed(file(1), bad), { code: 'INVALID_PARAMETER' })
    assert.equal(cache.parses(), 3)
  })
})
