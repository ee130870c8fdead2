// The mistakes of #12, made with the real command (`playgate serve` in its own process, as an
// operator runs it): each ends in one sentence on stderr naming the setting to change, with the
// exit code docs/operations.md documents (78 a setting, 69 a dependency), and writes nothing.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, it, type TestContext } from 'node:test'
import { REPO } from './cli-harness.ts'

const BIN = join(REPO, 'bin/playgate.js')

interface Ended {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-startup-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Runs the bin with only the given PLAYGATE_* settings (none from the test's environment). */
function playgate(args: string[], env: Record<string, string>, cwd = REPO): Promise<Ended> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PLAYGATE_')),
  )
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...clean, PLAYGATE_DEMO_ENABLED: 'false', ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}

describe('playgate serve: start-up failures (real process)', () => {
  it('a busy port: exit 78 naming http.port, nothing written', async (t) => {
    const dataDir = tempDir(t)
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    t.after(() => busy.close())
    const port = (busy.address() as AddressInfo).port
    const ended = await playgate(['serve'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_HTTP_PORT: String(port),
    })
    assert.deepEqual(ended, {
      code: 78,
      stdout: '',
      stderr:
        `error[INVALID_PARAMETER]: cannot listen on 127.0.0.1:${port}: the address is already in ` +
        'use (EADDRINUSE); stop the other process or set http.port (PLAYGATE_HTTP_PORT, ' +
        '--http-port) to a free port\n',
    })
    assert.deepEqual(readdirSync(dataDir), [])
  })

  it('a data dir it cannot write: exit 78 naming data.dir', async (t) => {
    const parent = tempDir(t)
    writeFileSync(join(parent, 'file'), '')
    const dataDir = join(parent, 'file', 'data')
    const ended = await playgate(['serve', '--data-dir', dataDir], { PLAYGATE_HTTP_PORT: '0' })
    assert.deepEqual(ended, {
      code: 78,
      stdout: '',
      stderr:
        `error[INVALID_PARAMETER]: cannot write to the data directory ${dataDir}: a part of the ` +
        'path is a file, not a directory (ENOTDIR); fix its permissions or set data.dir ' +
        '(PLAYGATE_DATA_DIR, --data-dir) to a writable directory\n',
    })
  })

  it('an unreachable database or Redis: exit 69 naming the URL setting, password masked', async (t) => {
    const env = { PLAYGATE_DATA_DIR: tempDir(t), PLAYGATE_HTTP_PORT: '0' }
    const database = await playgate(['serve'], {
      ...env,
      PLAYGATE_DATABASE_URL: 'postgres://pg:hunter2@127.0.0.1:1/x',
    })
    assert.deepEqual(database, {
      code: 69,
      stdout: '',
      stderr:
        'error[UNAVAILABLE]: cannot reach the database at postgres://pg:***@127.0.0.1:1/x ' +
        '(ECONNREFUSED); check database.url (PLAYGATE_DATABASE_URL, --database-url) and that ' +
        'PostgreSQL is running\n',
    })
    const redis = await playgate(['serve'], { ...env, PLAYGATE_REDIS_URL: 'redis://127.0.0.1:1' })
    assert.deepEqual(redis, {
      code: 69,
      stdout: '',
      stderr:
        'error[UNAVAILABLE]: cannot reach Redis at redis://127.0.0.1:1; check redis.url ' +
        '(PLAYGATE_REDIS_URL, --redis-url) and that Redis is running (or leave it empty for ' +
        'in-process state on one replica)\n',
    })
  })

  // Regression #12: this ended in `error[INTERNAL]: Invalid URL`.
  it('a malformed database URL: exit 78 naming database.url, password masked', async (t) => {
    const dataDir = tempDir(t)
    const ended = await playgate(['serve'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_HTTP_PORT: '0',
      PLAYGATE_DATABASE_URL: 'postgres://u:pw@[bad/x',
    })
    assert.deepEqual(ended, {
      code: 78,
      stdout: '',
      stderr: [
        'error[INVALID_PARAMETER]: invalid configuration',
        '  database.url = "postgres://u:***@[bad/x" (from PLAYGATE_DATABASE_URL): is not a valid URL (percent-encode special characters in the user name and password, e.g. @ as %40); must be empty (SQLite in the data dir), postgres://… (or postgresql://…) or sqlite:<path>',
        '',
      ].join('\n'),
    })
    assert.deepEqual(readdirSync(dataDir), [])
  })

  it('a read-only database: exit 78 naming database.url', async (t) => {
    const pgUrl = process.env.PLAYGATE_TEST_PG_URL
    if (!pgUrl) return t.skip('PLAYGATE_TEST_PG_URL is not set')
    // An empty schema of its own, so the migration tables would go there (with none, Kysely
    // would look in public, where other tests' runs can be seen).
    const schema = `ro_cli_${process.pid}_${Date.now()}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    t.after(async () => {
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    })
    const url = `${pgUrl}?options=-c%20default_transaction_read_only%3Don%20-c%20search_path%3D${schema}`
    const ended = await playgate(['serve'], {
      PLAYGATE_DATA_DIR: tempDir(t),
      PLAYGATE_HTTP_PORT: '0',
      PLAYGATE_DATABASE_URL: url,
    })
    assert.equal(ended.code, 78, ended.stderr)
    assert.match(
      ended.stderr,
      /^error\[INVALID_PARAMETER\]: [^\n]*is read-only;[^\n]*database\.url/,
    )
    assert.equal(ended.stderr.split('\n').length, 2, 'one line')
  })
})

describe('playgate --config (real process)', () => {
  it('reads a YAML config file', async (t) => {
    const dir = tempDir(t)
    writeFileSync(join(dir, 'playgate.yaml'), `data:\n  dir: ${join(dir, 'data')}\n`)
    const ended = await playgate(
      ['tenants', 'list', '--json', '--config', 'playgate.yaml'],
      {},
      dir,
    )
    assert.deepEqual(ended, { code: 0, stdout: '[]\n', stderr: '' })
    assert.deepEqual(readdirSync(join(dir, 'data')).includes('playgate.db'), true)
  })

  it('refuses unknown keys and bad values in it, every one at once, exit 78', async (t) => {
    const dir = tempDir(t)
    writeFileSync(
      join(dir, 'playgate.yaml'),
      `data:\n  dir: ${join(dir, 'data')}\nhttp:\n  port: eighty\n  prot: 8080\nlog:\n  level: loud\n`,
    )
    const ended = await playgate(['tenants', 'list', '--config', 'playgate.yaml'], {}, dir)
    assert.deepEqual(ended, {
      code: 78,
      stdout: '',
      stderr: [
        'error[INVALID_PARAMETER]: invalid configuration',
        '  config file playgate.yaml: unknown setting http.prot (http has: host, port, publicUrl, bodyLimitBytes, trustProxy)',
        '  http.port = "eighty" (from file playgate.yaml): must be a whole number from 0 to 65535',
        '  log.level = "loud" (from file playgate.yaml): must be one of fatal, error, warn, info, debug, trace, silent',
        '',
      ].join('\n'),
    })
  })
})
