// Shutdown of the real server process, started as operators start it (`npm start`, the bin): a
// download in flight when SIGTERM arrives is finished, new connections are refused, one JSON line
// is logged and the exit code is 0; audit events still queued are written first; past the grace
// period connections are cut; a second signal exits at once.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { request, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { describe, it, type TestContext } from 'node:test'
import { DEMO } from '../../src/services/demo.ts'
import { TEST_ADMIN_TOKEN, TEST_MASTER_KEY } from '../helpers/build-app.ts'
import { REPO } from './cli-harness.ts'

/** Larger than loopback socket buffers, so an unread download stays in flight. */
const PADDING_BYTES = 48 * 1024 * 1024

interface Started {
  readonly child: ChildProcess
  readonly port: number
  readonly logs: () => Record<string, unknown>[]
  readonly exited: Promise<number | null>
}

/** A data dir whose demo MP4 ends in a large `free` box (valid MP4, just long). */
function dataDirWithLargeDemo(t: TestContext): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-shutdown-'))
  t.after(() => rmSync(dataDir, { recursive: true, force: true }))
  cpSync(join(REPO, 'media/demo'), join(dataDir, 'media/demo'), { recursive: true })
  const box = Buffer.alloc(PADDING_BYTES)
  box.writeUInt32BE(PADDING_BYTES, 0)
  box.write('free', 4, 'latin1')
  appendFileSync(join(dataDir, 'media', DEMO.mp4), box)
  return dataDir
}

async function startCommand(
  t: TestContext,
  command: readonly string[],
  env: Record<string, string>,
): Promise<Started> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO,
    env: {
      ...process.env,
      PLAYGATE_HTTP_PORT: '0',
      PLAYGATE_LOG_LEVEL: 'info',
      PLAYGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PLAYGATE_SECRETS_MASTER_KEY: TEST_MASTER_KEY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.after(() => child.kill('SIGKILL'))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const lines: Record<string, unknown>[] = []
  let partial = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString()
      const complete = text.split('\n')
      partial = complete.pop()!
      for (const line of complete) {
        if (!line.startsWith('{')) continue // npm's own "> playgate start" lines
        const entry = JSON.parse(line) as Record<string, unknown>
        lines.push(entry)
        const urls = entry.urls as { api?: string } | undefined
        if (entry.msg === 'PlayGate started' && urls?.api) resolve(urls.api)
      }
    })
    void exited.then((code) => reject(new Error(`exited ${code} before starting: ${stderr}`)))
  })
  const api = await started
  return { child, port: Number(new URL(api).port), logs: () => lines, exited }
}

/** The demo MP4's signed path on the edge. */
async function demoMp4Path(port: number): Promise<string> {
  const reply = await fetch(`http://127.0.0.1:${port}/v1/videos/${DEMO.videoId}/play-urls`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  })
  assert.equal(reply.status, 200)
  const body = (await reply.json()) as { items: { format: string; url: string }[] }
  const mp4 = body.items.find((i) => i.format === 'mp4')!
  const url = new URL(mp4.url)
  return url.pathname + url.search
}

/** Starts a download and reads nothing of its body yet. */
function openDownload(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, resolve).on('error', reject).end()
  })
}

/** Resolves once the listener refuses new connections (it has begun to shut down). */
async function refusedOnce(port: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', () => resolve(true))
    })
    if (refused) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.fail('the listener kept accepting connections')
}

function readAll(response: IncomingMessage): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0
    response.on('data', (chunk: Buffer) => (bytes += chunk.length))
    response.once('end', () => resolve(bytes))
    response.once('error', () => resolve(bytes))
  })
}

const shutdownLines = (started: Started) => started.logs().filter((l) => l.event === 'shutdown')

describe('server shutdown (real process)', () => {
  it('npm start: SIGTERM finishes a running download, logs one JSON line and exits 0', async (t) => {
    const dataDir = dataDirWithLargeDemo(t)
    const server = await startCommand(t, ['npm', 'start', '--silent'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_SHUTDOWN_GRACE_SECONDS: '120',
    })
    const download = await openDownload(server.port, await demoMp4Path(server.port))
    assert.equal(download.statusCode, 200)
    const length = Number(download.headers['content-length'])
    assert.ok(length > PADDING_BYTES)

    server.child.kill('SIGTERM')
    await refusedOnce(server.port)
    assert.equal(await readAll(download), length)
    assert.equal(await server.exited, 0)
    const lines = shutdownLines(server)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]!.msg, 'PlayGate stopped')
    assert.equal(lines[0]!.signal, 'SIGTERM')
    assert.equal(lines[0]!.inFlightAtSignal, 1)
    assert.equal(lines[0]!.cutAfterGrace, 0)
  })

  it('npm start: audit events queued at SIGTERM are in the database after exit', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'playgate-shutdown-'))
    t.after(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await startCommand(t, ['npm', 'start', '--silent'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_AUDIT_DURABILITY: 'batched',
      PLAYGATE_LIMITS_PASSWORD_ATTEMPTS_PER_MINUTE: '1',
    })
    const call = (method: string, path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${server.port}/v1/videos/${DEMO.videoId}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      })
    assert.equal((await call('PUT', 'password', { password: 'open-sesame' })).status, 204)
    // A credential (its event batched: written within 50 ms), then two refusals past the limit of
    // one attempt a minute: the first recorded (batched), the second refused from memory and
    // counted, which stays queued for its 10-second window: only the shutdown flush writes it.
    assert.equal((await call('POST', 'unlock', { password: 'open-sesame' })).status, 200)
    assert.equal((await call('POST', 'unlock', { password: 'open-sesame' })).status, 429)
    assert.equal((await call('POST', 'unlock', { password: 'open-sesame' })).status, 429)
    server.child.kill('SIGTERM')
    assert.equal(await server.exited, 0)

    const db = new SQLite(join(dataDir, 'playgate.db'), { readonly: true })
    t.after(() => db.close())
    const events = db
      .prepare(
        "select kind, reason, detail from audit_events where subject = ? and kind in ('credential.issued', 'password.attempted') order by at, id",
      )
      .all(DEMO.videoId) as { kind: string; reason: string | null; detail: string }[]
    assert.deepEqual(
      events.map((e) => [e.kind, e.reason, (JSON.parse(e.detail) as { count?: number }).count]),
      [
        ['password.attempted', null, undefined],
        ['credential.issued', null, undefined],
        ['password.attempted', 'RATE_LIMITED', undefined],
        ['password.attempted', 'RATE_LIMITED', 1],
      ],
    )
  })

  it('cuts what is still running when the grace period ends, and exits 0', async (t) => {
    const dataDir = dataDirWithLargeDemo(t)
    const server = await startCommand(t, [process.execPath, 'bin/playgate.js', 'serve'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_SHUTDOWN_GRACE_SECONDS: '1',
    })
    const download = await openDownload(server.port, await demoMp4Path(server.port))
    const length = Number(download.headers['content-length'])
    server.child.kill('SIGTERM')
    assert.equal(await server.exited, 0)
    assert.ok((await readAll(download)) < length)
    const lines = shutdownLines(server)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]!.cutAfterGrace, 1)
  })

  it('exits at once on a second signal, with 128 + its number', async (t) => {
    const dataDir = dataDirWithLargeDemo(t)
    const server = await startCommand(t, [process.execPath, 'bin/playgate.js', 'serve'], {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_SHUTDOWN_GRACE_SECONDS: '600',
    })
    const download = await openDownload(server.port, await demoMp4Path(server.port))
    server.child.kill('SIGTERM')
    await refusedOnce(server.port)
    server.child.kill('SIGINT')
    assert.equal(await server.exited, 130)
    download.destroy()
    const lines = shutdownLines(server)
    assert.equal(lines.length, 1)
    assert.equal(lines[0]!.signal, 'SIGINT')
    assert.equal(lines[0]!.level, 40)
  })
})
