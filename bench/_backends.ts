// PostgreSQL and Redis for the bench rows that need them: a database of its own (dropped after)
// on PLAYGATE_BENCH_PG_URL, and Redis database 9 on PLAYGATE_BENCH_REDIS_URL (its PlayGate keys
// deleted after). Either falls back to the test suite's PLAYGATE_TEST_*_URL; without both, the
// rows are skipped.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'

export interface BenchBackends {
  readonly databaseUrl: string
  readonly redisUrl: string
  drop(): Promise<void>
}

const PG_URL = process.env.PLAYGATE_BENCH_PG_URL ?? process.env.PLAYGATE_TEST_PG_URL
const REDIS_URL = process.env.PLAYGATE_BENCH_REDIS_URL ?? process.env.PLAYGATE_TEST_REDIS_URL

export const backendsConfigured = (): boolean => Boolean(PG_URL && REDIS_URL)

/** A fresh PostgreSQL database and a Redis database for one bench row; undefined when not set. */
export async function benchBackends(): Promise<BenchBackends | undefined> {
  if (!PG_URL || !REDIS_URL) return undefined
  const name = `playgate_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const databaseUrl = new URL(PG_URL)
  databaseUrl.pathname = `/${name}`
  const redisUrl = new URL(REDIS_URL)
  redisUrl.pathname = '/9'
  return {
    databaseUrl: databaseUrl.href,
    redisUrl: redisUrl.href,
    async drop() {
      const redis = new Redis(redisUrl.href, { lazyConnect: true })
      await redis.connect()
      let cursor = '0'
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', 'playgate:*', 'COUNT', 1000)
        if (keys.length > 0) await redis.del(...keys)
        cursor = next
      } while (cursor !== '0')
      redis.disconnect()
      const dropper = new pg.Client({ connectionString: PG_URL })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}
