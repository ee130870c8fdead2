#!/usr/bin/env node
// The `playgate` command: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader, which
// is a runtime dependency, so nothing needs building after `npm install`.
import { register } from 'tsx/esm/api'

register()
const { runFromProcess } = await import('../src/cli/main.ts')
await runFromProcess()
