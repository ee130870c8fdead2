// `playgate serve` in-process: the server answers while the command runs and closes when told to
// stop; what it says at start-up (one JSON line, or a banner on a terminal with a new admin token).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { TEST_ADMIN_TOKEN } from '../helpers/build-app.ts'
import { cliWorld } from './cli-harness.ts'

function logCapture() {
  const lines: Record<string, unknown>[] = []
  return {
    lines,
    stream: {
      write: (chunk: string) => void lines.push(JSON.parse(chunk) as Record<string, unknown>),
    },
  }
}

describe('playgate serve', () => {
  it('serves until stopped, logs a start and a stop line, and exits 0', async (t) => {
    const world = cliWorld(t)
    const seen: string[] = []
    const logs = logCapture()
    const result = await world.run(['serve', '--http-port', '0', '--demo-enabled=false'], {
      env: { PLAYGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN, PLAYGATE_LOG_LEVEL: 'warn' },
      logStream: logs.stream,
      // Called once the server listens: use it, then tell the command to stop.
      untilStopped: async (url) => {
        const health = await fetch(`${url}/healthz`)
        seen.push(`${health.status} ${await health.text()}`)
        const tenants = await fetch(`${url}/v1/tenants`, {
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        })
        seen.push(String(tenants.status))
        return 'stopped by the test'
      },
    })
    assert.deepEqual(seen, ['200 {"status":"ok"}', '200'])
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '' })
    // At log.level warn, nothing: the start and stop lines are info.
    assert.deepEqual(logs.lines, [])
  })

  it('logs where everything is as one JSON line, never the new admin token', async (t) => {
    const world = cliWorld(t)
    const logs = logCapture()
    const result = await world.run(['serve', '--http-port', '0', '--demo-enabled=false'], {
      env: { PLAYGATE_LOG_LEVEL: 'info' },
      logStream: logs.stream,
      untilStopped: () => Promise.resolve('SIGTERM'),
    })
    assert.equal(result.code, 0)
    const started = logs.lines.find((l) => l.event === 'started')!
    const api = (started.urls as { api: string }).api
    const base = api.replace(/\/v1$/, '')
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/)
    const tokenFile = join(world.dataDir, 'admin-token')
    assert.deepEqual(
      {
        msg: started.msg,
        version: started.version,
        urls: started.urls,
        dataDir: started.dataDir,
        database: started.database,
        sharedState: started.sharedState,
        demo: started.demo,
        adminTokenCreated: started.adminTokenCreated,
      },
      {
        msg: 'PlayGate started',
        version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
        urls: {
          api,
          edge: base,
          docs: `${base}/docs`,
          openapi: `${base}/openapi.json`,
          console: `${base}/`,
          metrics: `${base}/metrics`,
        },
        dataDir: world.dataDir,
        database: `sqlite:${join(world.dataDir, 'playgate.db')}`,
        sharedState: 'in-process',
        demo: 'disabled',
        adminTokenCreated: tokenFile,
      },
    )
    const token = readFileSync(tokenFile, 'utf8').trim()
    assert.ok(!JSON.stringify(logs.lines).includes(token))
    const stopped = logs.lines.filter((l) => l.event === 'shutdown')
    assert.equal(stopped.length, 1)
    assert.equal(stopped[0]!.msg, 'PlayGate stopped')
  })

  it('shows a banner with the URLs and the new admin token on a terminal', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['serve', '--http-port', '0'], {
      tty: true,
      untilStopped: () => Promise.resolve('SIGINT'),
    })
    assert.equal(result.code, 0)
    const token = readFileSync(join(world.dataDir, 'admin-token'), 'utf8').trim()
    assert.match(
      result.stderr,
      /^\nPlayGate \d+\.\d+\.\d+\S* is running\n\n {2}API {10}http:\/\/127/,
    )
    for (const label of ['Docs', 'Console', 'Edge', 'Metrics', 'Data dir', 'Database', 'Demo'])
      assert.match(result.stderr, new RegExp(`\\n  ${label} +\\S`))
    assert.ok(result.stderr.includes(`\n  ${token}\n`))
    assert.ok(result.stderr.includes('playgate admin-token create'))
    assert.equal(result.stdout, '')
  })
})
