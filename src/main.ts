// Composition root of the server: preflight (data dir writable, ports free) → runtime (db,
// migrations, state, services) → HTTP app (API, dialects, edge) → listen → only then the first-start
// bootstrap (admin token, demo), so a failed start never shows or loses anything once-only.
import { chmodSync, cpSync, existsSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import type { Config } from './config/schema.ts'
import { settingNames, StartupError } from './config/problems.ts'
import { createRuntime, dataPaths, type Runtime, type RuntimeOverrides } from './compose.ts'
import { startEdge, type RunningEdge } from './edge/server.ts'
import { buildApp } from './http/app.ts'
import { DOCS_PATH, OPENAPI_PATH } from './http/native/openapi.ts'
import { createMetrics } from './http/shared/metrics.ts'
import { packageInfo } from './platform/node/package-info.ts'
import { checkCanListen, checkWritableDir, reasonOf } from './platform/node/preflight.ts'
import { DEMO, seedDemo } from './services/demo.ts'
import { redactUrl } from './storage/db.ts'

const BUNDLED_DEMO_MEDIA = fileURLToPath(new URL('../media/demo', import.meta.url))

/** The file the first admin token is written to (mode 0600), inside the data directory. */
export const ADMIN_TOKEN_FILE = 'admin-token'

export interface StartOptions {
  /** Where JSON logs go (stdout by default); tests pass a capture stream. */
  readonly logStream?: DestinationStream
  readonly overrides?: RuntimeOverrides
}

/** What the start-up banner and log line say. Secrets in URLs are masked. */
export interface StartupReport {
  readonly version: string
  readonly urls: {
    readonly api: string
    readonly edge: string
    readonly docs: string
    readonly openapi: string
    readonly console: string
    readonly metrics: string
  }
  readonly dataDir: string
  readonly database: string
  readonly sharedState: string
  readonly demo: 'seeded' | 'present' | 'disabled'
  /** Set on the start that created the first admin token. */
  readonly adminToken?: { readonly token: string; readonly file: string }
}

export interface RunningServer {
  readonly url: string
  /** Where the media edge listens: its own port, or the API's listener. */
  readonly edgeUrl: string
  readonly runtime: Runtime
  readonly log: FastifyBaseLogger
  readonly startup: StartupReport
  /** Requests being answered now on either listener, downloads included. */
  inFlight(): number
  /** Stops accepting, lets in-flight requests finish, flushes the audit batch, closes storage. */
  close(): Promise<void>
  /** Cuts every open connection (the grace period is over); close() then completes. */
  cutConnections(): void
}

export async function startServer(
  given: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const paths = dataPaths(given)
  const config = await preflight(given, paths.dataDir)
  const runtime = await createRuntime(config, options.overrides)
  let app: FastifyInstance | undefined
  let edge: RunningEdge | undefined
  try {
    app = await buildApp({
      config,
      services: runtime.services,
      metrics: createMetrics(),
      ready: () => runtime.ready(),
      logStream: options.logStream,
    })
    const url = await listen('http.port', config.http.host, config.http.port, () =>
      app!.listen({ host: config.http.host, port: config.http.port }),
    )
    // With edge.port set the edge has its own listener; otherwise it is mounted on the API's.
    if (config.edge.port !== 0)
      edge = await listen('edge.port', config.edge.host, config.edge.port, () =>
        startEdge({ config, services: runtime.services, logStream: options.logStream }),
      )
    const servers = [app.server, ...(edge ? [edge.app.server] : [])]
    const requests = trackRequests(servers)

    const adminToken = await firstAdminToken(runtime, config, paths.dataDir)
    const demo = await ensureDemo(runtime, config)
    const edgeUrl = edge?.url ?? url
    const startup: StartupReport = {
      version: packageInfo().version,
      urls: {
        api: `${url}/v1`,
        edge: edgeUrl,
        docs: `${url}${DOCS_PATH}`,
        openapi: `${url}${OPENAPI_PATH}`,
        console: `${url}/`,
        metrics: `${url}/metrics`,
      },
      dataDir: paths.dataDir,
      database: redactUrl(paths.databaseUrl),
      sharedState: config.redis.url ? redactUrl(config.redis.url) : 'in-process',
      demo,
      ...(adminToken ? { adminToken } : {}),
    }
    const running = app
    return {
      url,
      edgeUrl,
      runtime,
      log: app.log,
      startup,
      inFlight: requests.count,
      async close() {
        requests.closing()
        await Promise.all([running.close(), edge?.close()])
        await runtime.close()
      },
      cutConnections() {
        for (const server of servers) server.closeAllConnections()
      },
    }
  } catch (error) {
    await Promise.all([app?.close(), edge?.close()])
    await runtime.close()
    throw error
  }
}

/**
 * Checks that write nothing that matters: the data dir can be written, the ports are free. Answers
 * the config to run with: http.port 0 (any free port) becomes the port the OS chose, so everything
 * built from the config (signed play URLs, the console's preview, the banner) names the port the
 * server listens on. Another process could take it in the moment between; the listen then fails
 * naming http.port, as for a fixed port taken since this check.
 */
async function preflight(config: Config, dataDir: string): Promise<Config> {
  const dir = checkWritableDir(dataDir)
  if (!dir.ok)
    throw new StartupError(
      'data.dir',
      `cannot write to the data directory ${dataDir}: ${dir.reason} (${dir.errno}); ` +
        `fix its permissions or set ${settingNames('data.dir')} to a writable directory`,
    )
  const ports: [string, string, number][] = [['http.port', config.http.host, config.http.port]]
  if (config.edge.port !== 0) ports.push(['edge.port', config.edge.host, config.edge.port])
  const bound: number[] = []
  for (const [setting, host, port] of ports) {
    const check = await checkCanListen(host, port)
    if (!check.ok) throw cannotListen(setting, host, port, check)
    bound.push(check.port)
  }
  if (config.http.port !== 0) return config
  return Object.freeze({ ...config, http: Object.freeze({ ...config.http, port: bound[0]! }) })
}

function cannotListen(
  setting: string,
  host: string,
  port: number,
  why: { errno: string; reason: string },
): StartupError {
  const hostSetting = setting.replace('.port', '.host')
  const fix =
    why.errno === 'EADDRNOTAVAIL' || why.errno === 'ENOTFOUND'
      ? `set ${settingNames(hostSetting)} to an address of this machine`
      : why.errno === 'EACCES'
        ? `choose a port above 1023 with ${settingNames(setting)}`
        : `stop the other process or set ${settingNames(setting)} to a free port`
  return new StartupError(
    setting,
    `cannot listen on ${host}:${port}: ${why.reason} (${why.errno}); ${fix}`,
  )
}

/** Listens, turning a bind failure (the port taken since the preflight) into a StartupError. */
async function listen<T>(
  setting: string,
  host: string,
  port: number,
  bind: () => Promise<T>,
): Promise<T> {
  try {
    return await bind()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (/^E(ADDR|ACCES|NOTFOUND)/.test(code))
      throw cannotListen(setting, host, port, reasonOf(error))
    throw error
  }
}

/**
 * Counts requests in flight (a download until its last byte) and, once closing, drops each
 * keep-alive connection as soon as its response is done, so close() does not wait on idle ones.
 * The graceful close itself is Fastify's close() plus Node's closeIdleConnections and
 * closeAllConnections (since Node 18.2): what http-terminator or stoppable add to older Nodes.
 */
function trackRequests(servers: readonly Server[]) {
  let active = 0
  let closing = false
  for (const server of servers)
    server.on('request', (_request, response) => {
      active++
      response.once('close', () => {
        active--
        if (closing) setImmediate(() => server.closeIdleConnections())
      })
    })
  return {
    count: () => active,
    closing: () => void (closing = true),
  }
}

/** With no admin token yet, creates one and writes it to a 0600 file in the data directory. */
async function firstAdminToken(
  runtime: Runtime,
  config: Config,
  dataDir: string,
): Promise<StartupReport['adminToken']> {
  const { created } = await runtime.services.adminAuth.ensure(config.admin.token)
  if (!created) return undefined
  const file = join(dataDir, ADMIN_TOKEN_FILE)
  writeFileSync(file, created + '\n', { mode: 0o600 })
  // The mode above applies only to a new file; an old file of the same name is tightened too.
  chmodSync(file, 0o600)
  return { token: created, file }
}

async function ensureDemo(runtime: Runtime, config: Config): Promise<StartupReport['demo']> {
  if (!config.demo.enabled) return 'disabled'
  const demoMedia = join(runtime.mediaRoot, 'demo')
  if (!existsSync(demoMedia) && existsSync(BUNDLED_DEMO_MEDIA))
    cpSync(BUNDLED_DEMO_MEDIA, demoMedia, { recursive: true })
  return (await seedDemo(runtime.services)) ? 'seeded' : 'present'
}

/** Where the demo video's signed URLs come from (for the banner). */
export const DEMO_PLAY_URLS = `/v1/videos/${DEMO.videoId}/play-urls`

// `node src/main.ts [flags]` (npm run dev) is `playgate serve [flags]`.
// Not awaited: the serve command imports this module, and a top-level await on that import
// would wait for this module to finish evaluating (Node exits 13, printing nothing).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void import('./cli/main.ts').then(({ runFromProcess }) =>
    runFromProcess(['serve', ...process.argv.slice(2)]),
  )
}
