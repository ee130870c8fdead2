// Runs `playgate` in-process: main(argv, io) with captured stdout and stderr, a temp data dir
// (SQLite file, master key from the environment, demo media copied into the media root), a fixed
// clock and the built-in media readers, so outputs are exact.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { main } from '../../src/cli/main.ts'
import type { CliIo } from '../../src/cli/output.ts'
import { createRuntime, type Runtime } from '../../src/compose.ts'
import { loadConfig } from '../../src/config/load.ts'
import { fixedClock } from '../../src/core/ports.ts'
import { createMediaProbe } from '../../src/platform/node/media-probe.ts'
import { TEST_MASTER_KEY } from '../helpers/build-app.ts'

export const REPO = new URL('../../', import.meta.url).pathname
export const FIXTURE = join(REPO, 'examples/fixture.yaml')
export const T0 = '2026-01-01T00:00:00Z'

export interface Capture {
  readonly stream: CliIo['stdout']
  readonly text: () => string
}

export function capture(isTTY = false): Capture {
  let text = ''
  return {
    stream: {
      isTTY,
      write(chunk: string) {
        text += chunk
        return true
      },
    },
    text: () => text,
  }
}

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  readonly tty?: boolean
  readonly env?: Record<string, string>
  readonly untilStopped?: CliIo['untilStopped']
  /** Captures the JSON log lines `serve` writes. */
  readonly logStream?: CliIo['logStream']
}

export function cliWorld(t: Pick<TestContext, 'after'>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-cli-'))
  cpSync(join(REPO, 'media/demo'), join(dataDir, 'media/demo'), { recursive: true })
  t.after(() => rmSync(dataDir, { recursive: true, force: true }))
  const env: Record<string, string> = {
    PLAYGATE_DATA_DIR: dataDir,
    PLAYGATE_SECRETS_MASTER_KEY: TEST_MASTER_KEY,
    PLAYGATE_LOG_LEVEL: 'silent',
  }
  const clock = fixedClock(T0)

  async function run(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
    const stdout = capture()
    const stderr = capture(options.tty)
    const code = await main(argv, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: { ...env, ...options.env },
      readFile: (path) => readFileSync(path, 'utf8'),
      overrides: { clock, mediaProbe: createMediaProbe({ mode: 'builtin' }) },
      ...(options.untilStopped ? { untilStopped: options.untilStopped } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
    })
    return { code, stdout: stdout.text(), stderr: stderr.text() }
  }

  /** Opens the same data directory the commands use, to check what they wrote. */
  async function inspect<T>(use: (runtime: Runtime) => Promise<T>): Promise<T> {
    const runtime = await createRuntime(loadConfig({ env }), { clock })
    try {
      return await use(runtime)
    } finally {
      await runtime.close()
    }
  }

  return { run, inspect, dataDir, env, clock }
}

/** Imports the example fixture and fails the test if that does not work. */
export async function withFixture(world: ReturnType<typeof cliWorld>): Promise<void> {
  const result = await world.run(['import', FIXTURE])
  if (result.code !== 0) throw new Error(`fixture import failed: ${result.stderr}`)
}
