// `npm run bench [-- NAME…]`: runs the exported `run()` of every bench/*.ts module (or only the
// named ones) one after another, so measurements never overlap.
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ratioLines } from './_ratios.ts'

interface BenchModule {
  run?: () => Promise<void>
}

const dir = import.meta.dirname
const only = new Set(process.argv.slice(2))
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => basename(f, '.ts'))
  .filter((name) => only.size === 0 || only.has(name))
  .sort()

for (const name of names) {
  const module = (await import(pathToFileURL(join(dir, `${name}.ts`)).href)) as BenchModule
  if (typeof module.run !== 'function') continue
  console.log(`\n# bench/${name}.ts\n`)
  const started = performance.now()
  await module.run()
  console.log(`\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`)
}

const lines = ratioLines()
if (lines.length > 0) console.log(`\n${lines.join('\n')}`)
