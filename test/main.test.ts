// The server's composition root: first start in an empty data directory (admin token created
// once, in a 0600 file; master key generated 0600, demo seeded and probed), a restart that creates
// nothing, health and readiness over a real socket, refusal to start with a weak or malformed
// master key, and start-up failures that name the setting and leave nothing behind.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { describe, it, type TestContext } from 'node:test'
import { loadConfig } from '../src/config/load.ts'
import { StartupError } from '../src/config/problems.ts'
import { ADMIN_TOKEN_FILE, startServer, type RunningServer } from '../src/main.ts'
import { DEMO } from '../src/services/demo.ts'

function tempDataDir(t: Pick<TestContext, 'after'>): string {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-main-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function configFor(dataDir: string, env: Record<string, string> = {}) {
  return loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_HTTP_PORT: '0',
      PLAYGATE_LOG_LEVEL: 'silent',
      ...env,
    },
  })
}

/** Starts a server; it is closed by t.after (once, even if closed). */
async function start(
  t: Pick<TestContext, 'after'>,
  dataDir: string,
  env?: Record<string, string>,
): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  const server = await startServer(configFor(dataDir, env))
  let closing: Promise<void> | undefined
  const close = () => (closing ??= server.close())
  t.after(close)
  return { server, close }
}

/** A server that started although it should not have is still closed, so the run can end. */
async function closeAnyway(server: RunningServer): Promise<void> {
  await server.close()
}

describe('startServer', () => {
  it('creates the admin token once, in a 0600 file in the data dir, and nothing on a restart', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    const created = first.server.startup.adminToken
    assert.ok(created)
    assert.match(created.token, /^pgadm_[A-Za-z0-9]{40}$/)
    assert.equal(created.file, join(dataDir, ADMIN_TOKEN_FILE))
    assert.equal(readFileSync(created.file, 'utf8'), created.token + '\n')
    assert.equal(statSync(created.file).mode & 0o777, 0o600)
    assert.equal(await first.server.runtime.services.adminAuth.verify(created.token), true)
    await first.close()

    const second = await start(t, dataDir)
    assert.equal(second.server.startup.adminToken, undefined)
    assert.equal(await second.server.runtime.services.adminAuth.verify(created.token), true)
  })

  it('generates data/master.key with mode 0600 and reuses it on restart', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    const file = join(dataDir, 'master.key')
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const key = readFileSync(file, 'utf8')
    assert.match(key, /^[0-9a-f]{64}\n$/)
    await first.close()
    const second = await start(t, dataDir)
    assert.equal(readFileSync(file, 'utf8'), key)
    // Secrets sealed by the first run still open under the reused key.
    const domain = await second.server.runtime.services.playDomains.forTenant(DEMO.tenantId)
    assert.match(domain.keys.primary.secret, /^[A-Za-z0-9]{32}$/)
  })

  it('answers /healthz and /readyz on its socket', async (t) => {
    const { server } = await start(t, tempDataDir(t))
    const health = await fetch(`${server.url}/healthz`)
    assert.equal(health.status, 200)
    assert.deepEqual(await health.json(), { status: 'ok' })
    const ready = await fetch(`${server.url}/readyz`)
    assert.equal(ready.status, 200)
    assert.deepEqual(await ready.json(), {
      status: 'ready',
      checks: { database: true, sharedState: true },
    })
  })

  // Regression #12: with http.port 0 the signed play URLs (and so the console's preview) named
  // port 0, not the port the server listens on.
  it('signs play URLs with the bound port when http.port is 0, and they play', async (t) => {
    const { server } = await start(t, tempDataDir(t))
    const token = server.startup.adminToken!.token
    const reply = await fetch(`${server.url}/v1/videos/${DEMO.videoId}/play-urls`, {
      headers: { authorization: `Bearer ${token}` },
    })
    assert.equal(reply.status, 200)
    const { items } = (await reply.json()) as { items: { format: string; url: string }[] }
    const mp4 = items.find((item) => item.format === 'mp4')!.url
    assert.ok(
      mp4.startsWith(`${server.url}/play/demo.playgate.local/`),
      `${mp4} starts with ${server.url}`,
    )
    assert.notEqual(new URL(server.url).port, '0')
    assert.equal(server.startup.urls.edge, server.url)
    const media = await fetch(mp4, { headers: { range: 'bytes=0-3' } })
    assert.equal(media.status, 206)
    await media.arrayBuffer()
  })

  it('seeds the demo once, with the bundled media copied and probed', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    assert.equal(first.server.startup.demo, 'seeded')
    assert.ok(existsSync(join(dataDir, 'media', DEMO.mp4)))
    const { services } = first.server.runtime
    const video = await services.videos.get(DEMO.videoId)
    assert.ok(Math.abs(video.duration - 6) < 0.1, `duration ${video.duration}`)
    assert.deepEqual((await services.videos.streams(DEMO.videoId)).map((s) => s.format).sort(), [
      'm3u8',
      'mp4',
    ])
    await first.close()
    const second = await start(t, dataDir)
    assert.equal(second.server.startup.demo, 'present')
    assert.equal((await second.server.runtime.services.videos.list({})).total, 1)
  })

  it('seeds nothing with the demo disabled', async (t) => {
    const { server } = await start(t, tempDataDir(t), {
      PLAYGATE_DEMO_ENABLED: 'false',
    })
    assert.equal(server.startup.demo, 'disabled')
    assert.equal((await server.runtime.services.tenants.list()).total, 0)
  })

  it('registers a configured admin token and shows none', async (t) => {
    const token = 'pgadm_configured_0123456789abcdef'
    const dataDir = tempDataDir(t)
    const { server } = await start(t, dataDir, {
      PLAYGATE_ADMIN_TOKEN: token,
      PLAYGATE_DEMO_ENABLED: 'false',
    })
    assert.equal(server.startup.adminToken, undefined)
    assert.equal(existsSync(join(dataDir, ADMIN_TOKEN_FILE)), false)
    assert.equal(await server.runtime.services.adminAuth.verify(token), true)
  })

  for (const [name, key] of [
    ['weak (one repeated byte)', '00'.repeat(32)],
    ['weak (a short repeating pattern)', 'deadbeef'.repeat(8)],
    ['malformed (not hex or base64 of 32 bytes)', 'not-a-master-key'],
    ['malformed (31 bytes)', 'ab'.repeat(31)],
  ]) {
    it(`refuses to start with a ${name} master key, as INVALID_PARAMETER`, async (t) => {
      const dataDir = tempDataDir(t)
      await assert.rejects(
        startServer(configFor(dataDir, { PLAYGATE_SECRETS_MASTER_KEY: key! })).then(closeAnyway),
        { code: 'INVALID_PARAMETER' },
      )
      assert.equal(existsSync(join(dataDir, ADMIN_TOKEN_FILE)), false)
      assert.equal(existsSync(join(dataDir, 'playgate.db')), false)
    })
  }

  // Regression #14: a different master key started, reported ready, then answered 500s.
  it('refuses to start when the master key cannot open the stored secrets', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    await first.close()
    const original = readFileSync(join(dataDir, 'master.key'), 'utf8').trim()
    const other = randomBytes(32).toString('hex')
    await assert.rejects(
      startServer(configFor(dataDir, { PLAYGATE_SECRETS_MASTER_KEY: other })).then(closeAnyway),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INVALID_PARAMETER')
        assert.match(
          error.message,
          /^the master key cannot open \d+ of \d+ stored secrets \(first: [a-z_]+\.[a-z_]+\); start with the key they were sealed with/,
        )
        assert.ok(!error.message.includes(original) && !error.message.includes(other))
        return true
      },
    )
    // During a rotation the old key, given as the previous one, still opens them.
    const rotating = await start(t, dataDir, {
      PLAYGATE_SECRETS_MASTER_KEY: other,
      PLAYGATE_SECRETS_PREVIOUS_MASTER_KEY: original,
    })
    const ready = await fetch(`${rotating.server.url}/readyz`)
    assert.equal(ready.status, 200)
  })

  it('refuses to start with an admin token too short to ever verify', async (t) => {
    const dataDir = tempDataDir(t)
    await assert.rejects(
      startServer(configFor(dataDir, { PLAYGATE_ADMIN_TOKEN: 'changeme' })).then(closeAnyway),
      { code: 'INVALID_PARAMETER' },
    )
  })

  // Regression #12: a busy port used to fail only after the first admin token was created and
  // printed, so the only copy was lost.
  it('refuses a busy port before writing anything, naming http.port', async (t) => {
    const dataDir = tempDataDir(t)
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    t.after(() => busy.close())
    const port = (busy.address() as AddressInfo).port
    await assert.rejects(
      startServer(configFor(dataDir, { PLAYGATE_HTTP_PORT: String(port) })).then(closeAnyway),
      (error: unknown) => {
        assert.ok(error instanceof StartupError)
        assert.equal(error.setting, 'http.port')
        assert.equal(error.exitCode, 78)
        assert.equal(
          error.message,
          `cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE); ` +
            'stop the other process or set http.port (PLAYGATE_HTTP_PORT, --http-port) to a free port',
        )
        return true
      },
    )
    assert.deepEqual(readdirSync(dataDir), [])
  })

  it('refuses a data dir it cannot write, naming data.dir', async (t) => {
    const parent = tempDataDir(t)
    writeFileSync(join(parent, 'file'), '')
    const dataDir = join(parent, 'file', 'data')
    await assert.rejects(startServer(configFor(dataDir)).then(closeAnyway), {
      name: 'StartupError',
      setting: 'data.dir',
      message:
        `cannot write to the data directory ${dataDir}: a part of the path is a file, not a ` +
        'directory (ENOTDIR); fix its permissions or set data.dir (PLAYGATE_DATA_DIR, --data-dir) ' +
        'to a writable directory',
    })
  })

  it('names database.url when the database cannot be reached (exit 69)', async (t) => {
    await assert.rejects(
      startServer(
        configFor(tempDataDir(t), { PLAYGATE_DATABASE_URL: 'postgres://pg:hunter2@127.0.0.1:1/x' }),
      ).then(closeAnyway),
      {
        name: 'StartupError',
        setting: 'database.url',
        exitCode: 69,
        message:
          'cannot reach the database at postgres://pg:***@127.0.0.1:1/x (ECONNREFUSED); check ' +
          'database.url (PLAYGATE_DATABASE_URL, --database-url) and that PostgreSQL is running',
      },
    )
  })

  it('names database.url when the database is read-only (exit 78)', async (t) => {
    const pgUrl = process.env.PLAYGATE_TEST_PG_URL
    if (!pgUrl) return t.skip('PLAYGATE_TEST_PG_URL is not set')
    // An empty schema of its own, so no other test's migrations in the shared database decide
    // what fails first (without one, current_schema() is null and Kysely looks in public).
    const schema = `ro_${process.pid}_${Date.now()}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    t.after(async () => {
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    })
    const url = `${pgUrl}?options=-c%20default_transaction_read_only%3Don%20-c%20search_path%3D${schema}`
    await assert.rejects(
      startServer(configFor(tempDataDir(t), { PLAYGATE_DATABASE_URL: url })).then(closeAnyway),
      { name: 'StartupError', setting: 'database.url', exitCode: 78, message: /is read-only;/ },
    )
  })

  it('names redis.url when Redis cannot be reached (exit 69)', async (t) => {
    await assert.rejects(
      startServer(configFor(tempDataDir(t), { PLAYGATE_REDIS_URL: 'redis://127.0.0.1:1' })).then(
        closeAnyway,
      ),
      {
        name: 'StartupError',
        setting: 'redis.url',
        exitCode: 69,
        message:
          'cannot reach Redis at redis://127.0.0.1:1; check redis.url (PLAYGATE_REDIS_URL, ' +
          '--redis-url) and that Redis is running (or leave it empty for in-process state on one replica)',
      },
    )
  })
})

describe('src/main.ts run directly (npm run dev)', () => {
  it('is `playgate serve`: answers --help instead of hanging on its own import', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))
    const run = spawnSync(process.execPath, ['--import', 'tsx', main, '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /^usage: playgate serve \[options\]/)
  })
})
