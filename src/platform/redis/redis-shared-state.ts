// SharedState on Redis, so every replica sees the same nonces, counters and revocations.
// Fails fast with AppError('UNAVAILABLE') while Redis is unreachable, and never puts the URL's
// password into an error or a log line.
import { Redis } from 'ioredis'
import { AppError } from '../../core/errors.ts'
import type { SharedState, Subscriber } from '../../core/shared-state.ts'
import type { Clock } from '../../core/ports.ts'

export interface RedisSharedStateOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string
  /** Prepended to every key, so deployments (or test runs) can share one Redis. */
  keyPrefix?: string
  /** Upper bound on one command, including time spent queued while (re)connecting. */
  commandTimeoutMs?: number
  connectTimeoutMs?: number
  /** Told once per outage (not on every reconnect attempt), for logging. */
  onError?: (error: AppError) => void
  /** Lease times; the replicas' clocks must agree within a lease's length (NTP does). */
  clock?: Clock
}

export const REDIS_SHARED_STATE_DEFAULTS = {
  keyPrefix: 'playgate:',
  commandTimeoutMs: 1000,
  connectTimeoutMs: 2000,
} as const

// INCR and the window's expiry in one atomic step; also heals a counter left without a TTL.
const INCREMENT_LUA = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`

// INCRBY and a fresh lifetime in one step.
const ADD_LUA = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return total
`

// Drops ended leases, then holds ARGV[1] when it is held already or there is room; the set
// itself lives as long as its longest lease. Scores are expiry times in ms.
const LEASE_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not held and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[4]), ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
return 1
`

// A use budget: INCR only below the limit; the first use starts its lifetime.
const CONSUME_LUA = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
if used == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`

const REFUND_LUA = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then redis.call('DECR', KEYS[1]) end
return used
`

interface ScriptedRedis extends Redis {
  playgateIncrement(key: string, windowMillis: number): Promise<[number, number]>
  playgateAdd(key: string, amount: number, ttlMillis: number): Promise<number>
  playgateLease(
    key: string,
    member: string,
    capacity: number,
    now: number,
    ttl: number,
  ): Promise<number>
  playgateConsume(key: string, limit: number, ttlMillis: number): Promise<number>
  playgateRefund(key: string): Promise<number>
}

export function createRedisSharedState(options: RedisSharedStateOptions): SharedState {
  const target = describeTarget(options.url)
  const password = passwordOf(options.url)
  const prefix = options.keyPrefix ?? REDIS_SHARED_STATE_DEFAULTS.keyPrefix
  const onError = options.onError ?? (() => {})

  const client = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs ?? REDIS_SHARED_STATE_DEFAULTS.connectTimeoutMs,
    commandTimeout: options.commandTimeoutMs ?? REDIS_SHARED_STATE_DEFAULTS.commandTimeoutMs,
    // Queued commands fail after one failed reconnect instead of waiting for Redis forever.
    maxRetriesPerRequest: 1,
    // Kept on so commands issued while the first connection is being made are not refused.
    enableOfflineQueue: true,
    // After a failed connect, ioredis waits this long for a 'close' that never comes (2 s by
    // default), holding shutdown up.
    disconnectTimeout: 200,
  }) as ScriptedRedis
  client.defineCommand('playgateIncrement', { numberOfKeys: 1, lua: INCREMENT_LUA })
  client.defineCommand('playgateAdd', { numberOfKeys: 1, lua: ADD_LUA })
  client.defineCommand('playgateLease', { numberOfKeys: 1, lua: LEASE_LUA })
  client.defineCommand('playgateConsume', { numberOfKeys: 1, lua: CONSUME_LUA })
  client.defineCommand('playgateRefund', { numberOfKeys: 1, lua: REFUND_LUA })
  const clock = options.clock ?? { now: () => Date.now() }

  let healthy = true
  let closed = false
  client.on('ready', () => {
    healthy = true
  })
  client.on('error', (error: unknown) => {
    if (!healthy) return
    healthy = false
    onError(unavailable(`Redis at ${target} is unreachable`, error))
  })

  function scrub(text: string): string {
    return password ? text.replaceAll(password, '***') : text
  }

  function unavailable(message: string, cause: unknown): AppError {
    const detail = cause instanceof Error ? `: ${scrub(cause.message)}` : ''
    return new AppError('UNAVAILABLE', `${message}${detail}`, { cause })
  }

  async function run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    if (closed) throw new AppError('UNAVAILABLE', 'Redis shared state is closed')
    // While ioredis waits to reconnect, Redis is known to be down: fail now rather than queue.
    if (client.status === 'reconnecting') {
      throw new AppError('UNAVAILABLE', `Redis at ${target} is unreachable (reconnecting)`)
    }
    try {
      return await command()
    } catch (error) {
      if (isBugReply(error)) {
        throw new AppError('INTERNAL', `Redis ${operation} failed: ${scrub(error.message)}`, {
          cause: error,
        })
      }
      throw unavailable(`Redis ${operation} at ${target} failed`, error)
    }
  }

  // Pub/sub needs a connection of its own (a subscribed connection runs no other command), opened
  // at the first subscribe. ioredis resubscribes after a reconnect; subscribers are then told
  // that messages may have been lost meanwhile.
  const channels = new Map<string, Set<Subscriber>>()
  const subscribing = new Map<string, Promise<unknown>>()
  let subscriber: Redis | undefined
  function subscriberConnection(): Redis {
    if (subscriber) return subscriber
    const connection = client.duplicate()
    let wasReady = false
    let lost = false
    connection.on('ready', () => {
      if (wasReady && lost) {
        lost = false
        for (const set of channels.values()) for (const s of [...set]) s.missed?.()
      }
      wasReady = true
    })
    connection.on('close', () => {
      if (wasReady) lost = true
    })
    // The main connection reports outages; an 'error' without a listener would crash the process.
    connection.on('error', () => {})
    connection.on('message', (channel: string, text: string) => {
      for (const s of [...(channels.get(channel.slice(prefix.length)) ?? [])]) {
        try {
          s.message(text)
        } catch {
          // One subscriber's failure must not keep the message from the others.
        }
      }
    })
    subscriber = connection
    return connection
  }

  return {
    async publish(channel, text) {
      await run('publish', () => client.publish(prefix + channel, text))
    },

    async subscribe(channel, listener) {
      if (closed) throw new AppError('UNAVAILABLE', 'Redis shared state is closed')
      const connection = subscriberConnection()
      let set = channels.get(channel)
      if (set === undefined) {
        channels.set(channel, (set = new Set()))
        const started = run('subscribe', () => connection.subscribe(prefix + channel))
        subscribing.set(channel, started)
        started.catch(() => channels.delete(channel)).finally(() => subscribing.delete(channel))
      }
      // A second subscriber of the channel waits for the first one's SUBSCRIBE too.
      await subscribing.get(channel)
      const entry: Subscriber = {
        message: (text) => listener.message(text),
        missed: () => listener.missed?.(),
      }
      set.add(entry)
      return () => {
        set.delete(entry)
        if (set.size > 0 || channels.get(channel) !== set) return
        channels.delete(channel)
        if (!closed) connection.unsubscribe(prefix + channel).catch(() => undefined)
      }
    },

    async remember(key, ttlSeconds) {
      const ttl = ttlSecondsOf(ttlSeconds)
      const reply = await run('remember', () => client.set(prefix + key, '1', 'EX', ttl, 'NX'))
      return reply === 'OK'
    },

    async increment(key, windowSeconds) {
      const windowMillis = ttlSecondsOf(windowSeconds) * 1000
      const [count, ttlMillis] = await run('increment', () =>
        client.playgateIncrement(prefix + key, windowMillis),
      )
      return { count: Number(count), resetSeconds: Math.ceil(Number(ttlMillis) / 1000) }
    },

    async add(key, amount, ttlSeconds) {
      const ttl = ttlSecondsOf(ttlSeconds) * 1000
      if (!Number.isSafeInteger(amount) || amount < 0)
        throw new TypeError(`amount must be a non-negative integer, got ${amount}`)
      return Number(await run('add', () => client.playgateAdd(prefix + key, amount, ttl)))
    },

    async get(key) {
      const value = await run('get', () => client.get(prefix + key))
      return value ?? undefined
    },

    async set(key, value, ttlSeconds) {
      const ttl = ttlSecondsOf(ttlSeconds)
      await run('set', () => client.set(prefix + key, value, 'EX', ttl))
    },

    async delete(key) {
      await run('delete', () => client.del(prefix + key))
    },

    async lease(key, member, capacity, ttlSeconds) {
      const ttl = ttlSecondsOf(ttlSeconds) * 1000
      const granted = await run('lease', () =>
        client.playgateLease(prefix + key, member, capacity, clock.now(), ttl),
      )
      return Number(granted) === 1
    },

    async leases(key) {
      return run('leases', () => client.zrangebyscore(prefix + key, `(${clock.now()}`, '+inf'))
    },

    async release(key, member) {
      await run('release', () => client.zrem(prefix + key, member))
    },

    async consume(key, limit, ttlSeconds) {
      const ttl = ttlSecondsOf(ttlSeconds) * 1000
      return (
        Number(await run('consume', () => client.playgateConsume(prefix + key, limit, ttl))) === 1
      )
    },

    async refund(key) {
      await run('refund', () => client.playgateRefund(prefix + key))
    },

    async ping() {
      try {
        return (await run('ping', () => client.ping())) === 'PONG'
      } catch {
        return false
      }
    },

    async close() {
      if (closed) return
      closed = true
      channels.clear()
      subscriber?.disconnect()
      if (client.status !== 'ready') {
        client.disconnect()
        return
      }
      try {
        await client.quit()
      } catch {
        client.disconnect()
      }
    },
  }
}

/** The URL with its password replaced by `***`, fit for logs. */
export function redactRedisUrl(url: string): string {
  const parsed = parseRedisUrl(url)
  if (parsed.password !== '') parsed.password = '***'
  return parsed.toString()
}

function parseRedisUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // The URL may carry a password: never echo it.
    throw new TypeError('Redis URL is not a valid URL')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`Redis URL must start with redis:// or rediss://, not ${parsed.protocol}//`)
  }
  return parsed
}

function describeTarget(url: string): string {
  const parsed = parseRedisUrl(url)
  return `${parsed.hostname}:${parsed.port || '6379'}`
}

function passwordOf(url: string): string {
  const raw = parseRedisUrl(url).password
  return raw === '' ? '' : decodeURIComponent(raw)
}

// Whole seconds, rounded up, as the in-memory store does.
function ttlSecondsOf(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`TTL must be a positive number of seconds, got ${ttlSeconds}`)
  }
  return Math.ceil(ttlSeconds)
}

// Replies such as WRONGTYPE or "ERR value is not an integer" mean our own misuse, not an outage;
// LOADING, READONLY, NOAUTH and the like stay UNAVAILABLE.
function isBugReply(error: unknown): error is Error {
  return (
    error instanceof Error &&
    error.name === 'ReplyError' &&
    (error.message.startsWith('ERR ') || error.message.startsWith('WRONGTYPE '))
  )
}
