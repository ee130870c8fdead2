// buildTestApp(t): a whole PlayGate (runtime + HTTP app) on in-memory SQLite and in-process
// shared state, in a temp data dir, with captured logs. Everything is closed by t.after.
import { mkdtempSync, rmSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../src/compose.ts'
import { loadConfig } from '../../src/config/load.ts'
import { buildApp } from '../../src/http/app.ts'
import { createMetrics } from '../../src/http/shared/metrics.ts'
import type { MediaInfo, MediaProbe } from '../../src/core/media.ts'
import { createMediaProbe } from '../../src/platform/node/media-probe.ts'

export const TEST_ADMIN_TOKEN = 'pgadm_test_Vq7RxT2mKp9LwZ4nB8sYd3hJ'
export const TEST_MASTER_KEY = 'e33fd048e6b3cec452267b232c8f89afbb2305c18ad2911c81f2a93080d41375'

/**
 * One real probe per file (path, size, mtime) per test process. Test apps are built by the
 * hundred, many with the same sample media; an ffprobe each made a loaded machine time them out.
 * Tests of probing itself pass their own `overrides.mediaProbe`.
 */
const realProbe = createMediaProbe()
const probed = new Map<string, Promise<MediaInfo>>()
export const sharedTestProbe: MediaProbe = {
  async probe(absolutePath) {
    const facts = await stat(absolutePath).catch(() => undefined)
    if (!facts?.isFile()) return realProbe.probe(absolutePath)
    const { size, mtimeMs } = facts
    const key = `${absolutePath}\0${size}\0${mtimeMs}`
    let info = probed.get(key)
    if (!info) {
      info = realProbe.probe(absolutePath)
      probed.set(key, info)
      info.catch(() => probed.delete(key))
    }
    return info
  },
}

export interface TestApp {
  readonly app: FastifyInstance
  readonly runtime: Runtime
  readonly services: Runtime['services']
  /** Every log line written so far (JSON text). */
  readonly logs: string[]
  readonly dataDir: string
  /** Authorization header for the native admin API. */
  readonly admin: { authorization: string }
}

export async function buildTestApp(
  t: Pick<TestContext, 'after'>,
  options: { env?: Record<string, string>; overrides?: RuntimeOverrides } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-test-'))
  const config = loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_DATABASE_URL: 'sqlite::memory:',
      PLAYGATE_SECRETS_MASTER_KEY: TEST_MASTER_KEY,
      PLAYGATE_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PLAYGATE_LOG_LEVEL: 'debug',
      PLAYGATE_DEMO_ENABLED: 'false',
      ...options.env,
    },
  })
  const runtime = await createRuntime(config, { mediaProbe: sharedTestProbe, ...options.overrides })
  await runtime.services.adminAuth.ensure(TEST_ADMIN_TOKEN)
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      callback()
    },
  })
  const app = await buildApp({
    config,
    services: runtime.services,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
    logStream,
  })
  t.after(async () => {
    await app.close()
    await runtime.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return {
    app,
    runtime,
    services: runtime.services,
    logs,
    dataDir,
    admin: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  }
}
