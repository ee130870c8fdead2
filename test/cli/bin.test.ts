// bin/playgate.js, the installed command: runs the TypeScript CLI through tsx in a real process
// and passes the exit code on.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { overview } from '../../src/cli/commands.ts'
import { REPO } from './cli-harness.ts'

const BIN = join(REPO, 'bin/playgate.js')

describe('bin/playgate.js', () => {
  it('runs a command and exits with its code', () => {
    const help = spawnSync(process.execPath, [BIN, 'help'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(help.status, 0, help.stderr)
    assert.equal(help.stdout, overview() + '\n')
    const usage = spawnSync(process.execPath, [BIN, 'nope'], { encoding: 'utf8', timeout: 60_000 })
    assert.equal(usage.status, 2)
    assert.equal(
      usage.stderr,
      'error[USAGE]: unknown command "nope"\nrun "playgate help" for usage\n',
    )
  })
})
