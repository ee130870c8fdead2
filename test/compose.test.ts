// What a runtime leaves on disk and what it refuses to read: a data dir only its user can enter,
// a database (with its WAL and SHM) only its user can read, and no master key file others can read.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { createRuntime } from '../src/compose.ts'
import { loadConfig } from '../src/config/load.ts'

function tempDir(t: Pick<TestContext, 'after'>): string {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-compose-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

const readFile = (path: string) => readFileSync(path, 'utf8')
const modeOf = (path: string) => statSync(path).mode & 0o777

async function open(t: Pick<TestContext, 'after'>, env: Record<string, string>) {
  const runtime = await createRuntime(loadConfig({ env: { PLAYGATE_LOG_LEVEL: 'silent', ...env } }))
  t.after(() => runtime.close())
  return runtime
}

describe('createRuntime on disk', () => {
  // Regression #14: the database, its WAL and SHM were 0644 in a 0755 data dir.
  it('creates the data dir 0700 and the database, WAL and SHM 0600', async (t) => {
    const dataDir = join(tempDir(t), 'nested', 'data')
    const runtime = await open(t, { PLAYGATE_DATA_DIR: dataDir })
    await runtime.services.tenants.create({ id: 'tn_a', name: 'A' })
    assert.equal(modeOf(dataDir), 0o700)
    assert.equal(modeOf(join(dataDir, 'master.key')), 0o600)
    for (const file of ['playgate.db', 'playgate.db-wal', 'playgate.db-shm']) {
      assert.ok(existsSync(join(dataDir, file)), file)
      assert.equal(modeOf(join(dataDir, file)), 0o600, file)
    }
  })

  it('tightens a database file an older version left 0644', async (t) => {
    const dataDir = tempDir(t)
    await (await open(t, { PLAYGATE_DATA_DIR: dataDir })).close()
    chmodSync(join(dataDir, 'playgate.db'), 0o644)
    await open(t, { PLAYGATE_DATA_DIR: dataDir })
    assert.equal(modeOf(join(dataDir, 'playgate.db')), 0o600)
  })

  // Regression #14: a world-readable key file passed without a word.
  for (const mode of [0o644, 0o604, 0o620, 0o666]) {
    it(`refuses a master key file others can read or write (${mode.toString(8)})`, async (t) => {
      const dir = tempDir(t)
      const file = join(dir, 'key')
      writeFileSync(file, randomBytes(32).toString('hex'))
      chmodSync(file, mode)
      const env = { PLAYGATE_DATA_DIR: dir, PLAYGATE_SECRETS_MASTER_KEY_FILE: file }
      await assert.rejects(createRuntime(loadConfig({ env, readFile })), {
        code: 'INVALID_PARAMETER',
        message: `the master key file ${file} can be read or written by other users (mode 0${mode.toString(8)}); run: chmod 600 ${file}`,
      })
      assert.equal(existsSync(join(dir, 'playgate.db')), false)
    })
  }

  it('takes a master key file only its owner (and group) can read', async (t) => {
    const dir = tempDir(t)
    const file = join(dir, 'key')
    writeFileSync(file, randomBytes(32).toString('hex'))
    chmodSync(file, 0o640)
    const env = { PLAYGATE_DATA_DIR: dir, PLAYGATE_SECRETS_MASTER_KEY_FILE: file }
    const runtime = await createRuntime(loadConfig({ env, readFile }))
    await runtime.close()
  })

  // Regression #14: a byte counter, a repeated pattern and text passed as master keys.
  it('refuses a weak master key and says how to generate a good one', async (t) => {
    const counter = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex')
    await assert.rejects(
      createRuntime(
        loadConfig({
          env: { PLAYGATE_DATA_DIR: tempDir(t), PLAYGATE_SECRETS_MASTER_KEY: counter },
        }),
      ),
      {
        code: 'INVALID_PARAMETER',
        message:
          'the master key is too weak (a counter or pattern); generate one with: openssl rand -hex 32',
      },
    )
  })
})

describe('createRuntime close', () => {
  // #12: shutdown flushes the audit batch. A counted event waits up to 10 s to be written; close()
  // (what SIGTERM ends in, test/cli/shutdown.test.ts) writes it before the database closes.
  it('writes the audit events still queued before it closes the database', async (t) => {
    const env = { PLAYGATE_LOG_LEVEL: 'silent', PLAYGATE_DATA_DIR: tempDir(t) }
    const first = await createRuntime(loadConfig({ env }))
    await first.services.tenants.create({ id: 'tn_a', name: 'A' })
    first.services.audit.count({
      tenantId: 'tn_a',
      kind: 'password.attempted',
      subject: 'v1',
      reason: 'RATE_LIMITED',
    })
    await first.close()
    const again = await open(t, env)
    const events = await again.services.audit.list({ tenantId: 'tn_a' })
    assert.deepEqual(
      events.items.map((e) => [e.kind, e.subject, e.reason]),
      [['password.attempted', 'v1', 'RATE_LIMITED']],
    )
  })
})
