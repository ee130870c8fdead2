// Shared state port: what replicas must agree on (replay nonces, rate-limit counters,
// revocations, small caches). In-process by default, Redis when several replicas run.

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
  /** A small cached value with a time to live. */
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /** True when the backing store answers (for /readyz); never rejects. */
  ping(): Promise<boolean>
  /** Idempotent. Later calls reject with UNAVAILABLE. */
  close(): Promise<void>
}
