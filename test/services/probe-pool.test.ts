// The import's probe pool (#12: 300 streams were probed one at a time). Deterministic: each probe
// waits until the test releases it, so the test sees how many run at once without any timer.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MediaInfo } from '../../src/core/media.ts'
import { probeAll, type ProbeJob } from '../../src/services/import-media.ts'

const INFO = { format: 'mp4' } as MediaInfo

/** A probe that parks every call until the test finishes it. */
function gatedProbe() {
  const parked: { location: string; finish: () => void }[] = []
  return {
    parked,
    probe: (location: string) =>
      new Promise<MediaInfo>((resolve) => {
        parked.push({ location, finish: () => resolve(INFO) })
      }),
  }
}

/** After this, the pool has started every probe it is going to start. */
const settle = () => new Promise((r) => setImmediate(r))

const jobs = (n: number): ProbeJob[] =>
  Array.from({ length: n }, (_, i) => ({ path: `v[${i}]`, doc: { location: `clip-${i}.mp4` } }))

describe('import: probe pool', () => {
  it('keeps `concurrency` probes in flight, never more, and starts the next as one ends', async () => {
    const gate = gatedProbe()
    const progress: number[] = []
    const all = probeAll(jobs(10), gate.probe, {
      concurrency: 4,
      onProgress: (p) => progress.push(p.done),
    })
    await settle()
    assert.deepEqual(
      gate.parked.map((p) => p.location),
      ['clip-0.mp4', 'clip-1.mp4', 'clip-2.mp4', 'clip-3.mp4'],
    )
    // The last started finishes first; its slot goes to the next file.
    gate.parked.splice(3, 1)[0]!.finish()
    await settle()
    assert.deepEqual(
      gate.parked.map((p) => p.location),
      ['clip-0.mp4', 'clip-1.mp4', 'clip-2.mp4', 'clip-4.mp4'],
    )
    while (gate.parked.length > 0) {
      gate.parked.shift()!.finish()
      await settle()
    }
    const outcomes = await all
    assert.equal(outcomes.length, 10)
    assert.ok(outcomes.every((o) => o.ok))
    assert.deepEqual(progress, [...Array(11).keys()])
  })
})
