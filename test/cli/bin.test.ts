// bin/playgate.js, the installed command: runs the CLI in a real process and passes the exit code
// on; it runs the compiled dist/ unless src/ has changed since the build.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
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

describe('bin/playgate.js: compiled or source', () => {
  /** A package layout with stub entry points that say which one ran. */
  function layout(t: TestContext, withDist: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'playgate-bin-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'bin'))
    copyFileSync(BIN, join(dir, 'bin/playgate.js'))
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'))
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
    const stub = (from: string) =>
      `export async function runFromProcess() { process.stdout.write('${from}\\n') }\n`
    mkdirSync(join(dir, 'src/cli'), { recursive: true })
    writeFileSync(join(dir, 'src/cli/main.ts'), stub('src'))
    if (withDist) {
      mkdirSync(join(dir, 'dist/cli'), { recursive: true })
      writeFileSync(join(dir, 'dist/cli/main.js'), stub('dist'))
      // The build is newer than every source file.
      const past = new Date(Date.now() - 60_000)
      utimesSync(join(dir, 'src/cli/main.ts'), past, past)
    }
    return dir
  }
  const ran = (dir: string) =>
    spawnSync(process.execPath, [join(dir, 'bin/playgate.js')], { encoding: 'utf8' }).stdout

  it('runs dist/ when it is newer than every file in src/', (t) => {
    assert.equal(ran(layout(t, true)), 'dist\n')
  })

  it('runs the source through tsx when a file in src/ is newer than the build', (t) => {
    const dir = layout(t, true)
    const future = new Date(Date.now() + 60_000)
    utimesSync(join(dir, 'src/cli/main.ts'), future, future)
    assert.equal(ran(dir), 'src\n')
  })

  it('runs the source through tsx without a build', (t) => {
    assert.equal(ran(layout(t, false)), 'src\n')
  })
})

describe('playgate startup cost', () => {
  // Regression #12: every command loaded the whole server (about 4 s); help, --version and typos
  // must not load Fastify, the database drivers, Redis, the logger or the config schema.
  const HEAVY = [
    'fastify',
    'kysely',
    'pg',
    'better-sqlite3',
    'ioredis',
    'pino',
    '@sinclair/typebox',
  ]
  const hooks = `data:text/javascript,${encodeURIComponent(
    `export async function resolve(s, c, next) { if (${JSON.stringify(HEAVY)}.includes(s)) throw new Error('loaded ' + s); return next(s, c) }`,
  )}`
  const register = `data:text/javascript,${encodeURIComponent(
    `import { register } from 'node:module'; register(${JSON.stringify(hooks)})`,
  )}`

  for (const argv of [['--help'], ['--version'], ['help'], ['serv'], ['tenant', 'list']])
    it(`loads no server module for playgate ${argv.join(' ')}`, () => {
      const run = spawnSync(
        process.execPath,
        ['--import', register, '--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...argv],
        { encoding: 'utf8', cwd: REPO },
      )
      assert.doesNotMatch(run.stderr, /loaded /)
      assert.ok(run.status === 0 || run.status === 2, run.stderr)
    })

  it('does load them for a command that needs them (the check works)', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', register, '--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'tenants', 'list'],
      { encoding: 'utf8', cwd: REPO },
    )
    assert.match(run.stderr, /loaded /)
  })
})

// #12's CLI items with the installed command in its own process, as an operator types them.
describe('playgate (real process): version, typos, completion, catalog commands', () => {
  const bin = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      cwd: REPO,
      env: { ...process.env, PLAYGATE_DEMO_ENABLED: 'false', ...env },
    })

  it('prints its version, suggests the nearest command and prints a completion script', () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      version: string
    }
    const printed = bin(['--version'])
    assert.deepEqual([printed.status, printed.stdout], [0, `playgate ${version}\n`])
    const typo = bin(['tenant', 'lst'])
    assert.equal(typo.status, 2)
    assert.match(
      typo.stderr,
      /^error\[USAGE\]: unknown command "tenant lst"; did you mean "tenants list"\?\n/,
    )
    const completion = bin(['completion', 'bash'])
    assert.equal(completion.status, 0, completion.stderr)
    assert.match(completion.stdout, /^complete -F _playgate playgate$/m)
  })

  it('lists play domains and prints a video’s play URLs after an import', (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bin-'))
    t.after(() => rmSync(dataDir, { recursive: true, force: true }))
    cpSync(join(REPO, 'media/demo'), join(dataDir, 'media/demo'), { recursive: true })
    const env = { PLAYGATE_DATA_DIR: dataDir }
    const imported = bin(['import', 'examples/fixture.yaml'], env)
    assert.equal(imported.status, 0, imported.stderr)
    const domains = bin(['domains', 'list', '--tenant', 'tn_acme'], env)
    assert.equal(domains.status, 0, domains.stderr)
    assert.match(domains.stdout, /^ID +TENANT +HOST +SCHEME +TTL +AUTH +DEFAULT +CREATED\n/)
    assert.match(domains.stdout, /\bmedia\.acme\.test\b/)
    const urls = bin(['play-urls', 'e92c477adb46eeb7802556c657cc1b8a'], env)
    assert.equal(urls.status, 0, urls.stderr)
    assert.match(urls.stdout, /^FORMAT +DEFINITION +URL\n(\S+ +\S+ +https?:\/\/\S+\n){2}$/)
  })
})
