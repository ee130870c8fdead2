// SHARED_STATES: every SharedState test runs on the in-memory store, and on Redis whenever
// PLAYGATE_TEST_REDIS_URL is set. Each harness gets its own key prefix and cleans up via t.after.
import { randomBytes } from 'node:crypto'
import type { TestContext } from 'node:test'
import { Redis } from 'ioredis'
import { fixedClock } from '../../src/core/ports.ts'
import type { SharedState } from '../../src/core/shared-state.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import { createRedisSharedState } from '../../src/platform/redis/redis-shared-state.ts'

const REDIS_URL = process.env.PLAYGATE_TEST_REDIS_URL

/** Where every harness clock starts. */
export const TEST_EPOCH = '2026-01-01T00:00:00Z'

type Cleanup = Pick<TestContext, 'after'>

export interface SharedStateHarness {
  readonly state: SharedState
  /** The clock to give services under test; `advance` moves it together with the store. */
  readonly clock: ReturnType<typeof fixedClock>
  /**
   * Moves time forward by `ms` for the store's TTLs and for `clock`, without sleeping (on Redis it
   * shortens every key's PTTL, so a key whose TTL was never set does not expire).
   */
  readonly advance: (ms: number) => Promise<void>
  /** Another instance on the same backing store, as a sibling replica would open; closed for you. */
  readonly sibling: () => SharedState
}

export interface SharedStateKind {
  readonly name: 'memory' | 'redis'
  /** True when separate instances see each other's data (replicas behind a load balancer). */
  readonly sharedAcrossInstances: boolean
  readonly create: (t: Cleanup) => Promise<SharedStateHarness>
}

const memory: SharedStateKind = {
  name: 'memory',
  sharedAcrossInstances: false,
  create(t) {
    const clock = fixedClock(TEST_EPOCH)
    const open = (): SharedState => {
      const state = createMemorySharedState({ clock })
      t.after(() => state.close())
      return state
    }
    return Promise.resolve({
      state: open(),
      clock,
      advance(ms) {
        clock.advance(ms)
        return Promise.resolve()
      },
      sibling: open,
    })
  },
}

// Shortens one key's TTL as if `ms` had passed; keys without a TTL are left alone.
const SHIFT_TTL_LUA = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then return ttl end
local left = ttl - tonumber(ARGV[1])
if left <= 0 then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], left) end
return left
`

function redisKind(url: string): SharedStateKind {
  return {
    name: 'redis',
    sharedAcrossInstances: true,
    async create(t) {
      const keyPrefix = `playgate-test:${process.pid}:${randomBytes(6).toString('hex')}:`
      const admin = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
      const keys = async (): Promise<string[]> => {
        const found: string[] = []
        for await (const batch of admin.scanStream({ match: `${keyPrefix}*`, count: 500 })) {
          found.push(...(batch as string[]))
        }
        return found
      }
      t.after(async () => {
        const left = await keys()
        if (left.length > 0) await admin.del(...left)
        await admin.quit()
      })
      const clock = fixedClock(TEST_EPOCH)
      const open = (): SharedState => {
        const state = createRedisSharedState({ url, keyPrefix, clock })
        t.after(() => state.close())
        return state
      }
      const state = open()
      await admin.ping()
      return {
        state,
        clock,
        async advance(ms) {
          clock.advance(ms)
          for (const key of await keys()) await admin.eval(SHIFT_TTL_LUA, 1, key, ms)
        },
        sibling: open,
      }
    },
  }
}

export const SHARED_STATES: readonly SharedStateKind[] = REDIS_URL
  ? [memory, redisKind(REDIS_URL)]
  : [memory]
