// The import's media phase: probes run a few at a time yet every result lands in file order, and
// the probe cache (path, size, mtime; a JSON file) spares a second import of the same media any
// probe, while a changed file is probed again.
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import type { MediaProbe } from '../../src/core/media.ts'
import { createMediaProbe } from '../../src/platform/node/media-probe.ts'
import { createCachedMediaProbe } from '../../src/platform/node/probe-cache.ts'
import { createImporter } from '../../src/services/import.ts'
import { findVideoByReference, listStreams } from '../../src/storage/repositories/videos.ts'
import { importWorld } from './import-harness.ts'

/** The built-in readers, counting calls and finishing in a shuffled order. */
function countingProbe(): MediaProbe & { calls: string[] } {
  const inner = createMediaProbe({ mode: 'builtin' })
  const calls: string[] = []
  return {
    calls,
    async probe(path) {
      calls.push(path)
      // Later files finish first, so completion order is the reverse of file order.
      await new Promise((r) => setTimeout(r, 40 - (calls.length % 8) * 5))
      return inner.probe(path)
    },
  }
}

function cacheFile(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-probe-cache-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'probe-cache.json')
}

/** `n` videos with one MP4 stream each, plus two broken streams in the middle. */
function clips(mediaRoot: string, n: number) {
  mkdirSync(join(mediaRoot, 'clips'), { recursive: true })
  const videos: Record<string, unknown>[] = Array.from({ length: n }, (_, i) => {
    const location = `clips/clip-${i}.mp4`
    copyFileSync(join(mediaRoot, 'demo/mp4/demo.mp4'), join(mediaRoot, location))
    return { referenceId: `clip-${i}`, title: `Clip ${i}`, streams: [{ location }] }
  })
  return { tenants: [{ id: 'tn_a', name: 'A', videos }] }
}

describe('import: media probing', () => {
  it('gives the same problems, in file order, one probe at a time or eight', async (t) => {
    const { deps, mediaRoot } = await importWorld(t, 'sqlite')
    const doc = clips(mediaRoot, 12)
    const videos = doc.tenants[0]!.videos
    videos[3] = { referenceId: 'gone', title: 'Gone', streams: [{ location: 'clips/none.mp4' }] }
    videos[7] = {
      referenceId: 'wrong',
      title: 'Wrong',
      streams: [{ location: 'demo/mp4/demo.mp4', format: 'm3u8' }],
    }
    const seen = []
    for (const probeConcurrency of [1, 8]) {
      const probe = countingProbe()
      const importer = createImporter({ ...deps, mediaProbe: probe })
      const progress: number[] = []
      const problems = await importer.validate(doc, {
        probeConcurrency,
        onProgress: (p) => progress.push(p.done),
      })
      assert.deepEqual(progress, [...Array(13).keys()])
      seen.push(problems)
    }
    assert.deepEqual(seen[0], [
      {
        path: 'tenants[0].videos[3].streams[0].location',
        message: 'no such file under the media root',
      },
      {
        path: 'tenants[0].videos[7].streams[0].format',
        message: 'demo/mp4/demo.mp4 is mp4, not m3u8',
      },
    ])
    assert.deepEqual(seen[1], seen[0])
  })

  it('probes nothing when the same media is imported again; a touched file is probed again', async (t) => {
    const { deps, db, mediaRoot } = await importWorld(t, 'sqlite')
    const doc = clips(mediaRoot, 6)
    const file = cacheFile(t)

    const first = countingProbe()
    const firstImport = createImporter({
      ...deps,
      mediaProbe: createCachedMediaProbe(first, { file }),
    })
    const created = await firstImport.apply(doc, { probeConcurrency: 3 })
    assert.equal(created.streams.created, 6)
    assert.equal(first.calls.length, 6)

    // A new process: only the cache file carries over.
    const second = countingProbe()
    const again = createImporter({ ...deps, mediaProbe: createCachedMediaProbe(second, { file }) })
    const summary = await again.apply(doc, { probeConcurrency: 3 })
    assert.equal(second.calls.length, 0)
    assert.deepEqual(summary.streams, { created: 0, updated: 0, unchanged: 6 })

    utimesSync(join(mediaRoot, 'clips/clip-2.mp4'), new Date(2030, 0, 1), new Date(2030, 0, 1))
    const third = countingProbe()
    const touched = createImporter({ ...deps, mediaProbe: createCachedMediaProbe(third, { file }) })
    await touched.apply(doc)
    assert.deepEqual(third.calls, [join(mediaRoot, 'clips/clip-2.mp4')])
    const clip2 = await findVideoByReference(db, 'tn_a', 'clip-2')
    const videoStreams = await listStreams(db, clip2!.id)
    assert.equal(videoStreams.length, 1)
  })

  it('ignores an unreadable cache file and one it cannot write', async (t) => {
    const { deps, mediaRoot } = await importWorld(t, 'sqlite')
    const doc = clips(mediaRoot, 2)
    const probe = countingProbe()
    const file = join(mediaRoot, 'no-such-dir', 'probe-cache.json')
    const importer = createImporter({
      ...deps,
      mediaProbe: createCachedMediaProbe(probe, { file }),
    })
    assert.deepEqual(await importer.validate(doc), [])
    assert.equal(probe.calls.length, 2)
  })
})
