// buildEdgeTestApp(t): a PlayGate with the committed demo media copied into its media root, a
// tenant, a fixed clock, and the API (with the edge on it) listening on 127.0.0.1:0.
import { cpSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import type { TestContext } from 'node:test'
import { fixedClock } from '../../src/core/ports.ts'
import type { PlayDomainWithKeys } from '../../src/core/model.ts'
import type { SharedState } from '../../src/core/shared-state.ts'
import type { UrlSchemeName } from '../../src/core/schemes/url-scheme.ts'
import type { NewPlayDomainInput } from '../../src/services/play-domains.ts'
import { createPlayUrls, type PlayUrls } from '../../src/services/play-urls.ts'
import { buildTestApp, type TestApp } from '../helpers/build-app.ts'

export const DEMO_MEDIA = resolve(import.meta.dirname, '../../media/demo')
/** 2026-01-01T00:00:00Z, where every edge test's clock starts. */
export const EDGE_EPOCH = Date.UTC(2026, 0, 1) / 1000
export const TENANT = 'tn_edge'

export interface EdgeTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string
  readonly clock: ReturnType<typeof fixedClock>
  readonly playUrls: PlayUrls
  readonly mediaRoot: string
  domain(
    scheme: UrlSchemeName,
    extra?: Partial<Omit<NewPlayDomainInput, 'tenantId' | 'scheme'>>,
  ): Promise<PlayDomainWithKeys>
  /** `<base>/play/<host>/…` for a target under the domain, signed as delivered (prefix included). */
  signedUrl(
    domain: PlayDomainWithKeys,
    target: string,
    options?: Parameters<PlayUrls['signTarget']>[3],
  ): string
}

export async function buildEdgeTestApp(
  t: Pick<TestContext, 'after'>,
  options: {
    env?: Record<string, string>
    listen?: boolean
    /** A replica of another app: its shared state and clock (and the same database in `env`). */
    replica?: { state: SharedState; clock: ReturnType<typeof fixedClock>; joins?: boolean }
  } = {},
): Promise<EdgeTestApp> {
  const clock = options.replica?.clock ?? fixedClock(EDGE_EPOCH * 1000)
  const app = await buildTestApp(t, {
    env: { PLAYGATE_LOG_LEVEL: 'warn', ...options.env },
    overrides: { clock, ...(options.replica ? { state: options.replica.state } : {}) },
  })
  const mediaRoot = join(app.dataDir, 'media')
  cpSync(DEMO_MEDIA, join(mediaRoot, 'demo'), { recursive: true })
  // A replica that joins shares the first one's database, tenant included.
  if (!options.replica?.joins) await app.services.tenants.create({ id: TENANT, name: 'Edge tests' })
  const playUrls = createPlayUrls(app.services.deps)
  const base = options.listen === false ? '' : await app.app.listen({ host: '127.0.0.1', port: 0 })
  let counter = 0
  return {
    ...app,
    base,
    clock,
    playUrls,
    mediaRoot,
    domain: (scheme, extra = {}) =>
      app.services.playDomains.create({
        tenantId: TENANT,
        host: `d${++counter}.${scheme}.playgate.test`,
        scheme,
        ...extra,
      }),
    signedUrl: (domain, target, signOptions) =>
      base +
      playUrls.signTarget(domain, target, domain.ttlSeconds, signOptions, `/play/${domain.host}`)
        .target,
  }
}

export interface RawResponse {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: Buffer
}

/**
 * A GET with the request target sent exactly as given (fetch would normalise `%2e%2e` and
 * cannot set Host), for traversal probes and Host-routed requests.
 */
export function rawRequest(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const url = new URL(base)
  return new Promise((resolvePromise, rejectPromise) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: target,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
        res.on('error', rejectPromise)
      },
    )
    req.on('error', rejectPromise)
    req.end()
  })
}
