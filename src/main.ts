// Composition root of the server: loadConfig → runtime (db, migrations, state, services) →
// first-start bootstrap → HTTP app (API, dialects, edge) → listen; graceful shutdown on signals.
import { cpSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from './config/load.ts'
import type { Config } from './config/schema.ts'
import { createRuntime, type Runtime } from './compose.ts'
import { isAppError } from './core/errors.ts'
import { startEdge } from './edge/server.ts'
import { buildApp } from './http/app.ts'
import { createMetrics } from './http/shared/metrics.ts'
import { DEMO, seedDemo } from './services/demo.ts'

const BUNDLED_DEMO_MEDIA = fileURLToPath(new URL('../media/demo', import.meta.url))

export interface RunningServer {
  readonly url: string
  /** Where the media edge listens: its own port, or the API's listener. */
  readonly edgeUrl: string
  readonly runtime: Runtime
  close(): Promise<void>
}

export interface StartOptions {
  /** Where first-start notices (the admin token, shown once) go; stdout by default. */
  readonly notice?: (text: string) => void
}

export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const notice = options.notice ?? ((text: string) => void process.stdout.write(text + '\n'))
  const runtime = await createRuntime(config)
  try {
    const { created } = await runtime.services.adminAuth.ensure(config.admin.token)
    if (created) {
      notice(
        `\nPlayGate admin API token (shown once, store it now):\n\n  ${created}\n\n` +
          `Use it as "Authorization: Bearer <token>". Set PLAYGATE_ADMIN_TOKEN to choose your own.\n`,
      )
    }
    if (config.demo.enabled) {
      const demoMedia = join(runtime.mediaRoot, 'demo')
      if (!existsSync(demoMedia) && existsSync(BUNDLED_DEMO_MEDIA))
        cpSync(BUNDLED_DEMO_MEDIA, demoMedia, { recursive: true })
      if (await seedDemo(runtime.services))
        notice(
          `Created the demo tenant ${DEMO.tenantId} with video ${DEMO.videoId}; ` +
            `GET /v1/videos/${DEMO.videoId}/play-urls gives signed URLs to play it.`,
        )
    }
    const metrics = createMetrics()
    const app = await buildApp({
      config,
      services: runtime.services,
      metrics,
      ready: () => runtime.ready(),
    })
    const url = await app.listen({ host: config.http.host, port: config.http.port })
    app.log.info({ url }, 'PlayGate is listening')
    // With edge.port set the edge has its own listener; otherwise it is mounted on the API's.
    const edge =
      config.edge.port !== 0 ? await startEdge({ config, services: runtime.services }) : undefined
    return {
      url,
      edgeUrl: edge?.url ?? url,
      runtime,
      async close() {
        await Promise.all([app.close(), edge?.close()])
        await runtime.close()
      },
    }
  } catch (error) {
    await runtime.close()
    throw error
  }
}

/** Stops accepting, lets in-flight requests finish within the grace period, then exits. */
function onSignals(server: RunningServer, graceSeconds: number): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`received ${signal}, shutting down\n`)
    const timer = setTimeout(() => process.exit(1), graceSeconds * 1000)
    timer.unref()
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig({
      env: process.env,
      argv: process.argv.slice(2),
      readFile: (p) => readFileSync(p, 'utf8'),
    })
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n')
      process.exit(1)
    }
    throw error
  }
  try {
    const server = await startServer(config)
    onSignals(server, config.shutdown.graceSeconds)
  } catch (error) {
    const message = isAppError(error)
      ? `error[${error.code}]: ${error.message}`
      : `error: ${(error as Error).message}`
    process.stderr.write(message + '\n')
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main()
