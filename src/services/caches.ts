// Per-replica read-through caches with invalidation published through shared state: a write on
// any replica drops the entry here at once and on every other replica within a message's trip
// (Redis pub/sub; in-process state delivers to this process). The TTL is only a backstop for a
// message lost while the store was unreachable. Hits and misses are counted per cache name.
import { Counter, Gauge } from 'prom-client'
import { toHex } from '../core/encoding/bytes.ts'
import type { SharedState } from '../core/shared-state.ts'
import type { ServiceDeps } from './deps.ts'

/** The one channel every replica's caches listen on. */
export const CACHE_CHANNEL = 'cache:invalidate'

/** Every cache by name; metrics and invalidation messages carry these names. */
export const CACHE_NAMES = [
  'play-domains',
  'tenant-default-domains',
  'access-keys',
  'vendor-accounts',
  'play-auth-keys',
  'live-streams',
  'live-stream-presence',
  'live-decisions',
  'videos',
] as const
export type CacheName = (typeof CACHE_NAMES)[number]

export interface CacheSpec {
  /** How long an entry is trusted without an invalidation (a backstop for a lost message). */
  readonly ttlMs: number
  /** Most entries held; the oldest is dropped to make room. */
  readonly maxEntries?: number
  /** While the loader fails, an expired (not invalidated) entry stands in for the answer. */
  readonly staleIfError?: boolean
}

export interface Cache<V> {
  /**
   * The entry for `key`, else what `load` answers (one load per key at a time), kept unless
   * `keep` refuses it or the key was invalidated while it loaded.
   */
  get(key: string, load: () => Promise<V>, keep?: (value: V) => boolean): Promise<V>
  /**
   * The value `get` would answer for `key` without loading, when `answers` accepts it (by
   * default: any but undefined), counted as a hit; else undefined, uncounted (the caller then
   * asks `get`, which counts as before). For callers that answer at once, without a promise,
   * when everything is in memory.
   */
  peek(key: string, answers?: (value: V) => boolean): V | undefined
  /** Drops `key` here at once and tells every replica to drop it. */
  invalidate(...keys: readonly string[]): Promise<void>
  /** Drops every entry here at once and on every replica. */
  invalidateAll(): Promise<void>
  /** Drops `key` on this replica only, so the next get reloads it (others need not). */
  forgetLocally(key: string): void
}

interface Entry<V> {
  readonly value: V
  at: number
}

interface Message {
  /** The sending Caches; it dropped its own entries already. */
  readonly from: string
  /** A cache name, or '*' for every cache. */
  readonly cache: string
  /** Keys to drop; absent for all of them. */
  readonly keys?: readonly string[]
}

const DEFAULT_MAX_ENTRIES = 10_000

/**
 * Tells every replica's caches to forget everything: for writers that change storage without
 * going through the services (a restore, a manual repair); import goes through them.
 */
export async function publishCacheReset(deps: Pick<ServiceDeps, 'state'>): Promise<void> {
  const message: Message = { from: '', cache: '*' }
  await deps.state.publish(CACHE_CHANNEL, JSON.stringify(message))
}

/** Without `state` (a service built alone in a test), invalidation stays in this process. */
export function createCaches(
  deps: Pick<ServiceDeps, 'clock' | 'crypto'> & { readonly state?: SharedState },
) {
  const id = toHex(deps.crypto.randomBytes(8))
  // Hits (one or more per edge request) are counted in numbers and added when the counter is
  // read: prom-client hashes a child's labels on every `inc`, even a child labelled once.
  const flushHits: (() => void)[] = []
  const lookups = new Counter({
    name: 'playgate_cache_lookups_total',
    help: 'Cache lookups by cache and result (hit or miss).',
    labelNames: ['cache', 'result'] as const,
    registers: [],
    collect() {
      for (const flush of flushHits) flush()
    },
  })
  const invalidations = new Counter({
    name: 'playgate_cache_invalidations_total',
    help: 'Cache entries dropped by invalidation, by cache and source (local, remote, resync).',
    labelNames: ['cache', 'source'] as const,
    registers: [],
  })
  const clearers = new Map<string, (keys: readonly string[] | undefined, source: string) => void>()
  const sizes = new Map<string, () => number>()
  const entriesGauge = new Gauge({
    name: 'playgate_cache_entries',
    help: 'Entries held per cache.',
    labelNames: ['cache'] as const,
    registers: [],
    collect() {
      for (const [name, size] of sizes) this.set({ cache: name }, size())
    },
  })

  function drop(message: Message, source: string): void {
    if (message.cache === '*') for (const clear of clearers.values()) clear(undefined, source)
    else clearers.get(message.cache)?.(message.keys, source)
  }

  // Published invalidations from other replicas; a gap in delivery forgets everything.
  const state = deps.state
  const listener = {
    message(text: string) {
      const message = parse(text)
      if (message && message.from !== id) drop(message, 'remote')
    },
    missed: () => drop({ from: id, cache: '*' }, 'resync'),
  }
  // Without a subscription, entries still expire with their TTL.
  const subscribed = state
    ? state.subscribe(CACHE_CHANNEL, listener).then(
        () => true,
        () => false,
      )
    : Promise.resolve(false)

  async function publish(message: Message): Promise<void> {
    // The write is committed: a lost message only leaves other replicas on their TTL backstop.
    await state?.publish(CACHE_CHANNEL, JSON.stringify(message)).catch(() => undefined)
  }

  function named<V>(name: CacheName, spec: CacheSpec): Cache<V> {
    if (clearers.has(name)) throw new TypeError(`cache ${name} is defined twice`)
    const maxEntries = spec.maxEntries ?? DEFAULT_MAX_ENTRIES
    const entries = new Map<string, Entry<V>>()
    const loading = new Map<string, Promise<V>>()
    const hit = lookups.labels(name, 'hit')
    const miss = lookups.labels(name, 'miss')
    let hits = 0
    flushHits.push(() => {
      if (hits > 0) hit.inc(hits)
      hits = 0
    })
    // Bumped by every invalidation: a load under way meanwhile may have read the old row.
    let generation = 0

    clearers.set(name, (keys, source) => {
      generation++
      const count = keys === undefined ? entries.size : keys.filter((k) => entries.has(k)).length
      if (keys === undefined && source === 'resync') {
        // Missed messages: every entry is read again, but like one past its TTL it may still
        // stand in while the database is down (staleIfError), so an outage of Redis followed by
        // one of the database does not stop playback that was verifiable a moment before.
        for (const entry of entries.values()) entry.at = Number.NEGATIVE_INFINITY
        loading.clear()
      } else if (keys === undefined) {
        entries.clear()
        loading.clear()
      } else
        for (const key of keys) {
          entries.delete(key)
          loading.delete(key)
        }
      if (count > 0) invalidations.labels(name, source).inc(count)
    })
    sizes.set(name, () => entries.size)

    async function load(key: string, loader: () => Promise<V>, keep?: (value: V) => boolean) {
      const stale = entries.get(key)
      const startedAt = generation
      const now = deps.clock.now()
      let value: V
      try {
        value = await loader()
      } catch (error) {
        if (spec.staleIfError && stale && entries.get(key) === stale) return stale.value
        throw error
      }
      if (startedAt === generation && (keep === undefined || keep(value))) {
        entries.delete(key)
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
        entries.set(key, { value, at: now })
      }
      return value
    }

    /** The entry `get` answers without loading. */
    function fresh(key: string): Entry<V> | undefined {
      const entry = entries.get(key)
      const age = entry === undefined ? -1 : deps.clock.now() - entry.at
      // A clock that stepped back makes an age negative: read again rather than trust it.
      return entry !== undefined && age >= 0 && age < spec.ttlMs ? entry : undefined
    }

    return {
      get(key, loader, keep) {
        const entry = fresh(key)
        if (entry !== undefined) {
          hits++
          return Promise.resolve(entry.value)
        }
        miss.inc()
        let pending = loading.get(key)
        if (pending === undefined) {
          pending = load(key, loader, keep).finally(() => {
            if (loading.get(key) === pending) loading.delete(key)
          })
          loading.set(key, pending)
        }
        return pending
      },
      peek(key, answers = (value) => value !== undefined) {
        const entry = fresh(key)
        if (entry === undefined || !answers(entry.value)) return undefined
        hits++
        return entry.value
      },
      async invalidate(...keys) {
        clearers.get(name)!(keys, 'local')
        await publish({ from: id, cache: name, keys })
      },
      async invalidateAll() {
        clearers.get(name)!(undefined, 'local')
        await publish({ from: id, cache: name })
      },
      forgetLocally(key) {
        // A load under way is fresh enough: the next get joins it.
        entries.delete(key)
      },
    }
  }

  return {
    named,
    /** Resolves once invalidations from other replicas are received (false: TTLs only). */
    listening: () => subscribed,
    /** Forgets every entry of every cache here and on every replica. */
    async invalidateEverything(): Promise<void> {
      drop({ from: id, cache: '*' }, 'local')
      await publish({ from: id, cache: '*' })
    },
    /** Counters and the entries gauge (for /metrics); each app's registry adopts them. */
    metrics: [lookups, invalidations, entriesGauge] as const,
  }
}

export type Caches = ReturnType<typeof createCaches>

function parse(text: string): Message | undefined {
  try {
    const value = JSON.parse(text) as Partial<Message> | null
    if (typeof value?.from !== 'string' || typeof value.cache !== 'string') return undefined
    const keys = value.keys
    if (keys !== undefined && !(Array.isArray(keys) && keys.every((k) => typeof k === 'string')))
      return undefined
    return { from: value.from, cache: value.cache, ...(keys ? { keys } : {}) }
  } catch {
    return undefined
  }
}
