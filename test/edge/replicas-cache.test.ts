// Two replicas (each a whole runtime from compose.ts with its HTTP app listening) on one database
// and one Redis: a play domain's key changed, or an access key disabled, through replica A's
// native API (or a tenant suspended by an import) is seen by replica B's edge, issuance and
// vendor API within 1 s (the cache invalidation published through Redis), and on A at once.
// Prints the measured times.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { PlayDomainWithKeys } from '../../src/core/model.ts'
import { createRedisSharedState } from '../../src/platform/redis/redis-shared-state.ts'
import { createPlayUrls } from '../../src/services/play-urls.ts'
import { buildTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-app.ts'
import { aliyunCall, KEY } from '../resilience/clients.ts'

const REDIS_URL = process.env.PLAYGATE_TEST_REDIS_URL
const PG_URL = process.env.PLAYGATE_TEST_PG_URL
const MEDIA_ROOT = resolve(import.meta.dirname, '../../media')
const TENANT = 'tn_replicas'
const VIDEO = 'c0ffee0123456789abcdef0123456789'
const TARGET = '/demo/mp4/demo.mp4'
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
/** Generous: the propagation asserted is 1 s; polling longer only tells a slow one from none. */
const POLL_LIMIT_MS = 5000

interface Replica extends TestApp {
  readonly base: string
}

/** A database both replicas open: a fresh PostgreSQL database, else one SQLite file. */
async function sharedDatabase(t: TestContext): Promise<string> {
  if (!PG_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'playgate-replicas-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    return `sqlite:${join(dir, 'shared.db')}`
  }
  const name = `playgate_replicas_${randomBytes(6).toString('hex')}`
  const client = new pg.Client(PG_URL)
  await client.connect()
  await client.query(`create database ${name}`)
  t.after(async () => {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.end()
  })
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return url.toString()
}

async function twoReplicas(t: TestContext): Promise<[Replica, Replica]> {
  const databaseUrl = await sharedDatabase(t)
  const keyPrefix = `playgate-test:${process.pid}:${randomBytes(6).toString('hex')}:`
  const redis = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 })
  const start = async (): Promise<Replica> => {
    const app = await buildTestApp(t, {
      env: {
        PLAYGATE_DATABASE_URL: databaseUrl,
        PLAYGATE_MEDIA_ROOT: MEDIA_ROOT,
        PLAYGATE_LOG_LEVEL: 'warn',
      },
      // As PLAYGATE_REDIS_URL would build it, with a key prefix of this test's own.
      overrides: { state: createRedisSharedState({ url: REDIS_URL!, keyPrefix }) },
    })
    return { ...app, base: await app.app.listen({ host: '127.0.0.1', port: 0 }) }
  }
  // One after the other: both migrate the same database.
  const a = await start()
  const b = await start()
  t.after(async () => {
    const keys: string[] = []
    for await (const batch of redis.scanStream({ match: `${keyPrefix}*`, count: 500 }))
      keys.push(...(batch as string[]))
    if (keys.length > 0) await redis.del(...keys)
    await redis.quit()
  })
  return [a, b]
}

async function seed(a: Replica): Promise<PlayDomainWithKeys> {
  const { services } = a
  await services.tenants.create({ id: TENANT, name: 'Replicas' })
  await services.accessKeys.issue({
    tenantId: TENANT,
    protocol: 'aliyun',
    keyId: KEY.id,
    secret: KEY.secret,
  })
  await services.videos.create({ tenantId: TENANT, id: VIDEO, title: 'Replicas', status: 'Normal' })
  await services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
  return services.playDomains.create({
    tenantId: TENANT,
    host: 'replicas.playgate.test',
    scheme: 'aliyun-a',
    primaryKey: 'first-primary-key-0123456789',
    isDefault: true,
  })
}

/**
 * Calls `check` until it is true: the time from the call until it was (ms), printed with how many
 * checks that took (1: seen at the first one), or fails after POLL_LIMIT_MS.
 */
async function timeUntil(what: string, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now()
  let checks = 1
  while (!(await check())) {
    if (performance.now() - started > POLL_LIMIT_MS) assert.fail(`${what}: never seen`)
    await new Promise((done) => setTimeout(done, 5))
    checks++
  }
  const ms = performance.now() - started
  process.stdout.write(`replicas: ${what} after ${ms.toFixed(1)} ms (${checks} checks)\n`)
  return ms
}

async function remoteInvalidations(replica: Replica, cache: string): Promise<number> {
  const text = await (await fetch(`${replica.base}/metrics`)).text()
  const line = new RegExp(
    `^playgate_cache_invalidations_total\\{cache="${cache}",source="remote"\\} (\\d+)`,
    'm',
  ).exec(text)
  return Number(line?.[1] ?? 0)
}

describe(
  'two replicas on one database and one Redis',
  { skip: !REDIS_URL && 'PLAYGATE_TEST_REDIS_URL is not set' },
  () => {
    it('see a play domain’s key change made on the other within 1 s, and the one that made it at once', async (t) => {
      const [a, b] = await twoReplicas(t)
      const domain = await seed(a)
      const playUrls = createPlayUrls(a.services.deps)
      const signed = (base: string, secret: string) =>
        base +
        playUrls.signTarget(
          { ...domain, keys: { ...domain.keys, primary: { id: 'k', secret } } },
          TARGET,
          domain.ttlSeconds,
          undefined,
          `/play/${domain.host}`,
        ).target
      const status = async (url: string) => {
        const response = await fetch(url)
        await response.body?.cancel()
        return response.status
      }
      const oldKey = domain.keys.primary.secret
      const newKey = 'second-primary-key-0123456789'
      // Both replicas have the domain cached, and B its default for issuance too.
      assert.equal(await status(signed(a.base, oldKey)), 200)
      assert.equal(await status(signed(b.base, oldKey)), 200)
      const issued = await fetch(`${b.base}/v1/videos/${VIDEO}/play-urls`, { headers: admin })
      assert.equal(issued.status, 200)

      const changed = await fetch(`${a.base}/v1/play-domains/${domain.id}`, {
        method: 'PATCH',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ primaryKey: newKey }),
      })
      assert.equal(changed.status, 200, await changed.text())
      // The replica that made the change: at once, no waiting.
      assert.equal(await status(signed(a.base, newKey)), 200)
      assert.equal(await status(signed(a.base, oldKey)), 403)

      const edgeMs = await timeUntil(
        'the new key on B’s edge',
        async () =>
          (await status(signed(b.base, newKey))) === 200 &&
          (await status(signed(b.base, oldKey))) === 403,
      )
      // B issues URLs signed with the new key: one plays on A, which knows only the new key.
      const issuanceMs = await timeUntil('the new key in B’s play URLs', async () => {
        const response = await fetch(`${b.base}/v1/videos/${VIDEO}/play-urls`, { headers: admin })
        const body = (await response.json()) as { items: { url: string }[] }
        const { pathname, search } = new URL(body.items[0]!.url)
        return (await status(`${a.base}${pathname}${search}`)) === 200
      })
      assert.ok(edgeMs < 1000, `B's edge took ${edgeMs} ms`)
      assert.ok(edgeMs + issuanceMs < 1000, `B's issuance took ${edgeMs + issuanceMs} ms`)
      assert.ok((await remoteInvalidations(b, 'play-domains')) >= 1, 'told through Redis, not TTL')
    })

    it('refuse an access key disabled on the other within 1 s, and on the one that disabled it at once', async (t) => {
      const [a, b] = await twoReplicas(t)
      await seed(a)
      const call = async (replica: Replica) =>
        aliyunCall(replica.base, { Action: 'GetVideoPlayAuth', VideoId: VIDEO })
      // B has verified (and cached) the key.
      assert.equal((await call(b)).status, 200)
      assert.equal((await call(a)).status, 200)
      const key = (await a.services.accessKeys.list(TENANT)).items[0]!
      const disabled = await fetch(`${a.base}/v1/tenants/${TENANT}/access-keys/${key.id}`, {
        method: 'PATCH',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'disabled' }),
      })
      assert.equal(disabled.status, 200, await disabled.text())
      const refusedOnA = await call(a)
      assert.equal(refusedOnA.body.PlayAuth, undefined)
      const code = refusedOnA.body.Code
      assert.equal(typeof code, 'string')
      const refusedMs = await timeUntil('the disabled key refused on B', async () => {
        const { body } = await call(b)
        return body.PlayAuth === undefined && body.Code === code
      })
      // The key cache's TTL backstop is 2 s: under 1 s means the invalidation came through Redis.
      assert.ok(refusedMs < 1000, `B took ${refusedMs} ms`)
      assert.ok((await remoteInvalidations(b, 'access-keys')) >= 1)
    })

    it('refuse the keys of a tenant an import on the other suspends within 1 s, that one at once, and drop no other cache', async (t) => {
      const [a, b] = await twoReplicas(t)
      await seed(a)
      const call = async (replica: Replica) =>
        aliyunCall(replica.base, { Action: 'GetVideoPlayAuth', VideoId: VIDEO })
      // Both have verified (and cached) the key, and B its tenant's default domain.
      assert.equal((await call(b)).status, 200)
      assert.equal((await call(a)).status, 200)
      const domainsBefore =
        (await remoteInvalidations(b, 'play-domains')) +
        (await remoteInvalidations(b, 'tenant-default-domains'))
      const imported = await fetch(`${a.base}/v1/import`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          tenants: [{ id: TENANT, name: 'Replicas', status: 'suspended' }],
        }),
      })
      assert.equal(imported.status, 200, await imported.text())
      const refusedOnA = await call(a)
      assert.equal(refusedOnA.status, 403)
      assert.equal(refusedOnA.body.Code, 'OperationDenied.Suspended')
      const refusedMs = await timeUntil('the suspended tenant’s key refused on B', async () => {
        const { body } = await call(b)
        return body.Code === 'OperationDenied.Suspended'
      })
      // The key cache's TTL backstop is 2 s: under 1 s means the invalidation came through Redis.
      assert.ok(refusedMs < 1000, `B took ${refusedMs} ms`)
      assert.ok((await remoteInvalidations(b, 'access-keys')) >= 1)
      // Precisely: the tenant's keys, not every cache (the import changed no play domain).
      const domainsAfter =
        (await remoteInvalidations(b, 'play-domains')) +
        (await remoteInvalidations(b, 'tenant-default-domains'))
      assert.equal(domainsAfter, domainsBefore)
    })
  },
)
