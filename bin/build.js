#!/usr/bin/env node
// `npm install` / `npm ci` (the prepare script): compiles src/ to dist/ so bin/playgate.js runs
// JavaScript. Without TypeScript (an install that omits dev dependencies) it skips the build,
// and bin/playgate.js runs the source through tsx, a runtime dependency.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

let tsc
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
} catch {
  process.stderr.write('playgate: TypeScript is not installed; skipping the build (slower CLI)\n')
  process.exit(0)
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: new URL('../', import.meta.url),
  stdio: 'inherit',
})
process.exit(build.status ?? 1)
