// `playgate --help` wall time next to `node -e 0` (the floor any Node command pays): the bin runs
// compiled dist/, which `npm install` builds; without a fresh build it falls back to tsx (shown
// too, as the cost the build saves). Medians of interleaved runs.
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { reportRatio } from './_ratios.ts'

const REPO = join(import.meta.dirname, '..')
const RUNS = 15

function wall(args: readonly string[]): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'ignore' })
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}`)
  return performance.now() - started
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export function run(): Promise<void> {
  let built = true
  try {
    statSync(join(REPO, 'dist/cli/main.js'))
  } catch {
    built = false
  }
  const rows: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['playgate --help (bin)', ['bin/playgate.js', '--help']],
    ['playgate --version (bin)', ['bin/playgate.js', '--version']],
    ['playgate --help (tsx, no build)', ['--import', 'tsx', 'src/cli/main.ts', '--help']],
  ]
  const times = rows.map((): number[] => [])
  for (let i = 0; i < RUNS; i++) rows.forEach(([, args], r) => times[r]!.push(wall(args)))
  const floor = median(times[0]!)
  console.log(`${'command'.padEnd(34)}${'median ms'.padStart(10)}${'× node -e 0'.padStart(13)}`)
  rows.forEach(([name], r) => {
    const ms = median(times[r]!)
    console.log(
      `${name.padEnd(34)}${ms.toFixed(0).padStart(10)}${(ms / floor).toFixed(2).padStart(13)}`,
    )
  })
  // The headline: the bin's --help over the bare Node start (run.ts prints it as a ratio line).
  reportRatio('cli_help_vs_node', median(times[1]!) / floor)
  if (!built) console.log('(no dist/: the bin ran through tsx; run `npm run build` first)')
  return Promise.resolve()
}
