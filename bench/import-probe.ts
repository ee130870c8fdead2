// Import's media check: 50 distinct MP4 streams probed with ffprobe (when installed): one at a
// time, then with a pool of os.availableParallelism() probes, then again with the probe cache the
// pooled run filled. Wall times of the check phase (validate: nothing is written).
import { copyFileSync, mkdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { createMediaProbe } from '../src/platform/node/media-probe.ts'
import { createCachedMediaProbe } from '../src/platform/node/probe-cache.ts'
import { createImporter } from '../src/services/import.ts'
import { buildTestServices } from '../test/helpers/services.ts'

const STREAMS = 50

export async function run(): Promise<void> {
  const cleanups: (() => unknown)[] = []
  try {
    const built = await buildTestServices({
      after: (fn) => void cleanups.push(fn as () => unknown),
    })
    const { mediaRoot } = built
    mkdirSync(join(mediaRoot, 'bench'))
    const videos = Array.from({ length: STREAMS }, (_, i) => {
      const location = `bench/clip-${i}.mp4`
      copyFileSync(join(mediaRoot, 'demo/mp4/demo.mp4'), join(mediaRoot, location))
      return { referenceId: `clip-${i}`, title: `Clip ${i}`, streams: [{ location }] }
    })
    const doc = { tenants: [{ id: 'tn_bench', name: 'Bench', videos }] }
    const cached = createCachedMediaProbe(createMediaProbe())
    const pool = availableParallelism()
    const passes = [
      { name: 'one at a time', probe: createMediaProbe(), probeConcurrency: 1 },
      { name: `pool of ${pool}`, probe: cached, probeConcurrency: pool },
      { name: `pool of ${pool}, cached`, probe: cached, probeConcurrency: pool },
    ]
    for (const pass of passes) {
      const importer = createImporter({ ...built.deps, mediaProbe: pass.probe })
      const started = performance.now()
      const problems = await importer.validate(doc, { probeConcurrency: pass.probeConcurrency })
      if (problems.length > 0) throw new Error(JSON.stringify(problems[0]))
      const ms = performance.now() - started
      const rate = ((STREAMS / ms) * 1000).toFixed(1)
      console.log(`${STREAMS} streams, ${pass.name}: ${ms.toFixed(0)} ms (${rate}/s)`)
    }
  } finally {
    for (const fn of cleanups.reverse()) await fn()
  }
}
