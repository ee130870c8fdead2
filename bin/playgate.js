#!/usr/bin/env node
// The `playgate` command. It runs the compiled CLI in dist/ (built by `npm install` or `npm ci`
// through the prepare script), which starts in a fraction of a second. When src/ holds a file
// newer than that build (an edited checkout), it runs the TypeScript source through tsx instead,
// so the command never runs stale code; `npm run build` makes it fast again.
import { readdirSync, statSync } from 'node:fs'

const root = new URL('../', import.meta.url)
const built = new URL('dist/cli/main.js', root)

/** The build's time, or 0 without one. */
function builtAt() {
  try {
    return statSync(built).mtimeMs
  } catch {
    return 0
  }
}

/** True when some file under src/ changed after the build (a published package has no src/). */
function sourceNewerThan(time) {
  let names
  try {
    names = readdirSync(new URL('src/', root), { recursive: true })
  } catch {
    return false
  }
  for (const name of names) {
    if (statSync(new URL(`src/${name}`, root)).mtimeMs > time) return true
  }
  return false
}

const time = builtAt()
if (time > 0 && !sourceNewerThan(time)) {
  const { runFromProcess } = await import(built.href)
  await runFromProcess()
} else {
  if (process.stderr.isTTY)
    process.stderr.write('playgate: running from source (slower); `npm run build` to compile\n')
  const { register } = await import('tsx/esm/api')
  register()
  const { runFromProcess } = await import('../src/cli/main.ts')
  await runFromProcess()
}
