// Shared state port: what replicas must agree on (replay nonces, rate-limit counters,
// revocations, small caches) and how they tell each other (cache invalidation messages).
// In-process by default, Redis when several replicas run.

/** Receives the messages of one channel (see {@link SharedState.subscribe}). */
export interface Subscriber {
  message(text: string): void
  /**
   * Messages may have been lost: the connection to the store was down and is back. A cache
   * forgets everything it holds, since it cannot know which invalidations it missed.
   */
  missed?(): void
}

/**
 * Every method rejects with AppError('UNAVAILABLE') when the store cannot be reached or is closed.
 * TTLs are rounded up to whole seconds; a TTL that is not a positive number rejects with TypeError.
 */
export interface SharedState {
  /**
   * Records `key` for `ttlSeconds` if it is not already recorded. Returns true when it was new,
   * false when it was seen within its window (a replay). Atomic across replicas.
   */
  remember(key: string, ttlSeconds: number): Promise<boolean>
  /**
   * Adds 1 to the counter of a fixed window `windowSeconds` long and returns the count so far and
   * the seconds until the window resets. Atomic across replicas.
   */
  increment(key: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }>
  /**
   * Adds `amount` (a non-negative whole number) to the counter `key`, which then lives
   * `ttlSeconds` from now (every add extends it), and returns the total. Atomic across replicas.
   */
  add(key: string, amount: number, ttlSeconds: number): Promise<number>
  /** A small cached value with a time to live. */
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /**
   * Holds `member` in the lease set `key` for `ttlSeconds` from now: granted (true) when it holds
   * a live lease already or fewer than `capacity` members do. Atomic across replicas.
   */
  lease(key: string, member: string, capacity: number, ttlSeconds: number): Promise<boolean>
  /** The members of a lease set whose lease is live. */
  leases(key: string): Promise<string[]>
  /** Ends `member`'s lease at once. */
  release(key: string, member: string): Promise<void>
  /**
   * Takes one use of the budget `key` (at most `limit` uses in all, kept `ttlSeconds` from the
   * first use): false when none is left. Atomic across replicas.
   */
  consume(key: string, limit: number, ttlSeconds: number): Promise<boolean>
  /** Gives back one use taken by `consume` (the request that took it failed). */
  refund(key: string): Promise<void>
  /**
   * Sends `text` to every subscriber of `channel` on every replica sharing this store, this one
   * included. Fire and forget: nothing is stored, so a replica disconnected at that moment misses
   * it (and is told so through {@link Subscriber.missed} once it reconnects).
   */
  publish(channel: string, text: string): Promise<void>
  /**
   * Delivers every message published on `channel` once the returned promise resolves, until the
   * function it resolves to is called.
   */
  subscribe(channel: string, subscriber: Subscriber): Promise<() => void>
  /** True when the backing store answers (for /readyz); never rejects. */
  ping(): Promise<boolean>
  /** Idempotent. Later calls reject with UNAVAILABLE. */
  close(): Promise<void>
}
