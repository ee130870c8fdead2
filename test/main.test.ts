// The server's composition root: first start in an empty data directory (admin token shown once,
// master key generated 0600, demo seeded and probed), a restart that shows nothing, health and
// readiness over a real socket, and refusal to start with a weak or malformed master key.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { loadConfig } from '../src/config/load.ts'
import { startServer, type RunningServer } from '../src/main.ts'
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

/** Starts a server whose notices are captured; it is closed by t.after (once, even if closed). */
async function start(
  t: Pick<TestContext, 'after'>,
  dataDir: string,
  env?: Record<string, string>,
): Promise<{ server: RunningServer; notices: string[]; close: () => Promise<void> }> {
  const notices: string[] = []
  const server = await startServer(configFor(dataDir, env), { notice: (x) => notices.push(x) })
  let closing: Promise<void> | undefined
  const close = () => (closing ??= server.close())
  t.after(close)
  return { server, notices, close }
}

/** A server that started although it should not have is still closed, so the run can end. */
async function closeAnyway(server: RunningServer): Promise<void> {
  await server.close()
}

const tokenIn = (text: string) => /pgadm_[A-Za-z0-9]{40}/.exec(text)?.[0]

describe('startServer', () => {
  it('shows the admin token exactly once on first start, and nothing on a restart', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    const withToken = first.notices.filter((n) => tokenIn(n) !== undefined)
    assert.equal(withToken.length, 1)
    const token = tokenIn(withToken[0]!)!
    assert.equal(first.notices.join('\n').split(token).length - 1, 1)
    assert.equal(await first.server.runtime.services.adminAuth.verify(token), true)
    await first.close()

    const second = await start(t, dataDir)
    assert.deepEqual(second.notices, [])
    assert.equal(await second.server.runtime.services.adminAuth.verify(token), true)
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

  it('seeds the demo once, with the bundled media copied and probed', async (t) => {
    const dataDir = tempDataDir(t)
    const first = await start(t, dataDir)
    assert.ok(first.notices.some((n) => n.includes(DEMO.videoId)))
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
    assert.equal((await second.server.runtime.services.videos.list({})).total, 1)
  })

  it('seeds nothing with the demo disabled', async (t) => {
    const { server, notices } = await start(t, tempDataDir(t), {
      PLAYGATE_DEMO_ENABLED: 'false',
    })
    assert.equal(notices.length, 1)
    assert.equal((await server.runtime.services.tenants.list()).total, 0)
  })

  it('registers a configured admin token and shows none', async (t) => {
    const token = 'pgadm_configured_0123456789abcdef'
    const { server, notices } = await start(t, tempDataDir(t), {
      PLAYGATE_ADMIN_TOKEN: token,
      PLAYGATE_DEMO_ENABLED: 'false',
    })
    assert.deepEqual(notices, [])
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
      const notices: string[] = []
      await assert.rejects(
        startServer(configFor(dataDir, { PLAYGATE_SECRETS_MASTER_KEY: key! }), {
          notice: (x) => notices.push(x),
        }).then(closeAnyway),
        { code: 'INVALID_PARAMETER' },
      )
      assert.deepEqual(notices, [])
      assert.equal(existsSync(join(dataDir, 'playgate.db')), false)
    })
  }

  it('refuses to start with an admin token too short to ever verify', async (t) => {
    const dataDir = tempDataDir(t)
    await assert.rejects(
      startServer(configFor(dataDir, { PLAYGATE_ADMIN_TOKEN: 'changeme' }), {
        notice: () => {},
      }).then(closeAnyway),
      { code: 'INVALID_PARAMETER' },
    )
  })
})
