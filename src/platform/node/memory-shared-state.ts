// In-process SharedState: a Map whose expiry reads the injected Clock, and remembered keys (nonces,
// single-use marks) in a compact set of their own. Memory is bounded: at most `maxEntries` keys in
// the Map, evicting the entry that expires soonest; at most `maxRemembered` remembered keys, and
// past that `remember` fails closed (a nonce is never forgotten within its window, or its replay
// would pass). State is per process; run Redis when several replicas must agree.
import { AppError } from '../../core/errors.ts'
import type { Clock } from '../../core/ports.ts'
import type { SharedState, Subscriber } from '../../core/shared-state.ts'
import { createExpiryHeap, type Entry, type HeapItem } from './expiry-heap.ts'
import { fingerprinter, RememberedSet } from './remembered-set.ts'

export interface MemorySharedStateOptions {
  clock: Clock
  /** Most keys held at once; at the bound, the entry expiring soonest is evicted. */
  maxEntries?: number
  /** Most remembered keys live at once (32–64 bytes each); past it `remember` is UNAVAILABLE. */
  maxRemembered?: number
  /** How often expired entries are swept; 0 turns the timer off (lazy expiry still applies). */
  sweepIntervalMs?: number
  /** Most entries one sweep looks at, so a sweep never holds the event loop for long. */
  sweepBatch?: number
}

export interface MemorySharedState extends SharedState {
  /** Keys held, including expired ones not swept yet (for metrics and tests). */
  size(): number
  /**
   * Removes up to `sweepBatch` expired entries, and every expired remembered key, and returns how
   * many it removed.
   */
  sweep(): number
}

export const MEMORY_SHARED_STATE_DEFAULTS = {
  maxEntries: 100_000,
  // Some 1,100 signed requests a second, sustained, with Aliyun's 15-minute nonce window: three
  // times Aliyun's own per-account limit for GetVideoPlayAuth. At most 64 MB of slots.
  maxRemembered: 1_000_000,
  sweepIntervalMs: 30_000,
  sweepBatch: 10_000,
} as const

export function createMemorySharedState(options: MemorySharedStateOptions): MemorySharedState {
  const { clock } = options
  const maxEntries = positiveInteger(
    'maxEntries',
    options.maxEntries ?? MEMORY_SHARED_STATE_DEFAULTS.maxEntries,
  )
  const sweepBatch = positiveInteger(
    'sweepBatch',
    options.sweepBatch ?? MEMORY_SHARED_STATE_DEFAULTS.sweepBatch,
  )
  const sweepIntervalMs = options.sweepIntervalMs ?? MEMORY_SHARED_STATE_DEFAULTS.sweepIntervalMs
  const maxRemembered = positiveInteger(
    'maxRemembered',
    options.maxRemembered ?? MEMORY_SHARED_STATE_DEFAULTS.maxRemembered,
  )
  const entries = new Map<string, Entry>()
  const heap = createExpiryHeap()
  let remembered = new RememberedSet(maxRemembered)
  const fingerprint = fingerprinter()
  let closed = false

  const timer =
    sweepIntervalMs > 0
      ? setInterval(() => {
          sweep()
        }, sweepIntervalMs)
      : undefined
  timer?.unref()

  function isLive(item: HeapItem): boolean {
    return entries.get(item.key) === item.entry
  }

  function read(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= clock.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  function write(key: string, value: string, ttlSeconds: number): Entry {
    const entry: Entry = { value, expiresAt: clock.now() + ttlMillis(ttlSeconds) }
    if (!entries.has(key)) {
      while (entries.size >= maxEntries) if (!evictSoonest()) break
    }
    entries.set(key, entry)
    heap.push({ key, entry })
    // Re-set keys leave stale items behind; rebuild before they outgrow the live entries.
    if (heap.size() > 2 * entries.size + 1024) {
      heap.rebuild(Array.from(entries, ([k, e]) => ({ key: k, entry: e })))
    }
    return entry
  }

  // Expired entries have the smallest expiresAt, so they go first; then the one expiring soonest.
  function evictSoonest(): boolean {
    for (let item = heap.pop(); item !== undefined; item = heap.pop()) {
      if (isLive(item)) {
        entries.delete(item.key)
        return true
      }
    }
    return false
  }

  function sweep(): number {
    const now = clock.now()
    let removed = remembered.purge(now)
    for (let looked = 0; looked < sweepBatch; looked++) {
      const top = heap.peek()
      if (top === undefined) break
      if (isLive(top) && top.entry.expiresAt > now) break
      heap.pop()
      if (isLive(top)) {
        entries.delete(top.key)
        removed++
      }
    }
    return removed
  }

  function ensureOpen(): void {
    if (closed) throw new AppError('UNAVAILABLE', 'in-memory shared state is closed')
  }

  function remember(key: string, ttlSeconds: number): boolean {
    ensureOpen()
    const ttl = ttlMillis(ttlSeconds)
    if (read(key) !== undefined) return false
    const now = clock.now()
    try {
      return remembered.add(fingerprint(key), now + ttl, now)
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      throw new AppError('UNAVAILABLE', 'the in-process replay store is full', {
        details: {
          hint: `${maxRemembered} nonces and single-use marks are within their windows, and none is forgotten early (its replay would pass); retry shortly, or share state through Redis (redis.url) for this load.`,
        },
      })
    }
  }

  /** Whether `key` is a live remembered key. */
  function isRemembered(key: string): boolean {
    return remembered.held > 0 && remembered.find(fingerprint(key), clock.now()) !== undefined
  }

  /**
   * Before a key is written as a value (set, counters): a remembered key of that name becomes an
   * entry holding "1" until its expiry (Redis has one key space), and the mark itself goes.
   */
  function adopt(key: string): void {
    if (remembered.held === 0 || entries.has(key)) return
    const mark = fingerprint(key)
    const expiresAt = remembered.find(mark, clock.now())
    remembered.remove(mark)
    if (expiresAt === undefined) return
    while (entries.size >= maxEntries) if (!evictSoonest()) break
    const entry: Entry = { value: '1', expiresAt }
    entries.set(key, entry)
    heap.push({ key, entry })
  }

  function increment(key: string, windowSeconds: number) {
    ensureOpen()
    adopt(key)
    const now = clock.now()
    const current = read(key)
    if (current === undefined) {
      const entry = write(key, '1', windowSeconds)
      return { count: 1, resetSeconds: Math.ceil((entry.expiresAt - now) / 1000) }
    }
    ttlMillis(windowSeconds)
    const count = Number(current.value)
    // Mirrors Redis INCR, which refuses a value that is not an integer.
    if (!Number.isSafeInteger(count)) {
      throw new AppError('INTERNAL', `shared state key does not hold an integer: ${key}`)
    }
    current.value = String(count + 1)
    return { count: count + 1, resetSeconds: Math.ceil((current.expiresAt - now) / 1000) }
  }

  function add(key: string, amount: number, ttlSeconds: number): number {
    ensureOpen()
    ttlMillis(ttlSeconds)
    if (!Number.isSafeInteger(amount) || amount < 0)
      throw new TypeError(`amount must be a non-negative integer, got ${amount}`)
    adopt(key)
    const current = read(key)
    const total = (current === undefined ? 0 : Number(current.value)) + amount
    // Mirrors Redis INCRBY, which refuses a value that is not an integer.
    if (!Number.isSafeInteger(total)) {
      throw new AppError('INTERNAL', `shared state key does not hold an integer: ${key}`)
    }
    write(key, String(total), ttlSeconds)
    return total
  }

  // Lease sets: member → expiry (ms); a set is dropped when its last lease ends.
  const leaseSets = new Map<string, Map<string, number>>()

  function liveLeases(key: string): Map<string, number> | undefined {
    const set = leaseSets.get(key)
    if (set === undefined) return undefined
    const now = clock.now()
    for (const [member, expiresAt] of set) if (expiresAt <= now) set.delete(member)
    if (set.size === 0) leaseSets.delete(key)
    return set.size === 0 ? undefined : set
  }

  function lease(key: string, member: string, capacity: number, ttlSeconds: number): boolean {
    ensureOpen()
    const ttl = ttlMillis(ttlSeconds)
    const set = liveLeases(key) ?? new Map<string, number>()
    if (!set.has(member) && set.size >= capacity) return false
    if (!leaseSets.has(key)) {
      while (leaseSets.size >= maxEntries) leaseSets.delete(leaseSets.keys().next().value!)
      leaseSets.set(key, set)
    }
    set.set(member, clock.now() + ttl)
    return true
  }

  function consume(key: string, limit: number, ttlSeconds: number): boolean {
    ensureOpen()
    ttlMillis(ttlSeconds)
    adopt(key)
    const current = read(key)
    const used = current === undefined ? 0 : Number(current.value)
    if (used >= limit) return false
    if (current === undefined) write(key, '1', ttlSeconds)
    else current.value = String(used + 1)
    return true
  }

  function refund(key: string): void {
    ensureOpen()
    adopt(key)
    const current = read(key)
    if (current !== undefined && Number(current.value) > 0)
      current.value = String(Number(current.value) - 1)
  }

  // Channels: every subscriber of this process; a message reaches them before publish resolves.
  const channels = new Map<string, Set<Subscriber>>()

  function publish(channel: string, text: string): void {
    ensureOpen()
    for (const subscriber of [...(channels.get(channel) ?? [])]) {
      try {
        subscriber.message(text)
      } catch {
        // One subscriber's failure must not keep the message from the others (as on Redis).
      }
    }
  }

  function subscribe(channel: string, subscriber: Subscriber): () => void {
    ensureOpen()
    let set = channels.get(channel)
    if (set === undefined) channels.set(channel, (set = new Set()))
    // Its own entry, so one subscriber object subscribed twice is unsubscribed once per call.
    const entry: Subscriber = { message: (text) => subscriber.message(text) }
    set.add(entry)
    return () => {
      set.delete(entry)
      if (set.size === 0 && channels.get(channel) === set) channels.delete(channel)
    }
  }

  return {
    publish: (channel, text) => settle(() => publish(channel, text)),
    subscribe: (channel, subscriber) => settle(() => subscribe(channel, subscriber)),
    remember: (key, ttlSeconds) => settle(() => remember(key, ttlSeconds)),
    lease: (key, member, capacity, ttlSeconds) =>
      settle(() => lease(key, member, capacity, ttlSeconds)),
    leases: (key) =>
      settle(() => {
        ensureOpen()
        return [...(liveLeases(key)?.keys() ?? [])]
      }),
    release: (key, member) =>
      settle(() => {
        ensureOpen()
        leaseSets.get(key)?.delete(member)
      }),
    consume: (key, limit, ttlSeconds) => settle(() => consume(key, limit, ttlSeconds)),
    refund: (key) => settle(() => refund(key)),
    increment: (key, windowSeconds) => settle(() => increment(key, windowSeconds)),
    add: (key, amount, ttlSeconds) => settle(() => add(key, amount, ttlSeconds)),
    get: (key) =>
      settle(() => {
        ensureOpen()
        return read(key)?.value ?? (isRemembered(key) ? '1' : undefined)
      }),
    set: (key, value, ttlSeconds) =>
      settle(() => {
        ensureOpen()
        if (remembered.held > 0) remembered.remove(fingerprint(key))
        write(key, value, ttlSeconds)
      }),
    delete: (key) =>
      settle(() => {
        ensureOpen()
        entries.delete(key)
        if (remembered.held > 0) remembered.remove(fingerprint(key))
      }),
    ping: () => Promise.resolve(!closed),
    close() {
      closed = true
      if (timer !== undefined) clearInterval(timer)
      entries.clear()
      leaseSets.clear()
      channels.clear()
      heap.rebuild([])
      remembered = new RememberedSet(maxRemembered)
      return Promise.resolve()
    },
    size: () => entries.size + remembered.held,
    sweep,
  }
}

// Throws become rejections, as they would from a store across the network.
function settle<T>(operation: () => T): Promise<T> {
  return new Promise((resolve) => resolve(operation()))
}

// Both implementations round TTLs up to whole seconds (Redis EX), so they expire alike.
function ttlMillis(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`TTL must be a positive number of seconds, got ${ttlSeconds}`)
  }
  return Math.ceil(ttlSeconds) * 1000
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer, got ${value}`)
  }
  return value
}
