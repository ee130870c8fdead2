// Auth callback mode: the edge asks a team's own HTTP endpoint whether a viewer may watch, and
// keeps the answer per session. Contract: POST <url> with a JSON question (callbackQuestion);
// a 200 JSON answer `{ "allow": boolean, "ttlSeconds"?: 0..3600 }`; anything else is a failure.
// While the endpoint fails, sessions it already allowed keep playing when the policy says
// `failOpen`, new ones are refused; a circuit breaker stops calling an endpoint that keeps failing.
import type { AuthCallback } from '../core/policy/viewer-policy.ts'
import type { ServiceDeps } from './deps.ts'

/** How long an answer is kept when the endpoint does not say (seconds), and the longest. */
export const CALLBACK_DECISION_SECONDS = { default: 60, max: 3600 } as const
/** Consecutive failures that open the breaker, and how long it stays open before one trial. */
export const CALLBACK_BREAKER = { failures: 5, openMs: 10_000 } as const
/** How long a session once allowed counts as authorised for fail-open (ms). */
const AUTHORISED_MEMORY_MS = 6 * 3600_000
const MAX_REMEMBERED = 100_000
const MAX_ANSWER_BYTES = 4096

export interface CallbackQuestion {
  readonly tenantId: string
  readonly domainId: string
  readonly host: string
  readonly credentialId: string | null
  readonly viewerId: string | null
  readonly videoId: string | null
  readonly path: string
  readonly clientIp: string
  readonly userAgent: string | null
  readonly referer: string | null
}

/** `unavailable`: the endpoint failed and the session was not authorised before (or no fail-open). */
export type CallbackDecision = 'allow' | 'deny' | 'unavailable'

type Answer = { allow: boolean; ttlSeconds: number } | undefined

function parseAnswer(text: string): Answer {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null) return undefined
  const { allow, ttlSeconds = CALLBACK_DECISION_SECONDS.default } = body as Record<string, unknown>
  if (typeof allow !== 'boolean') return undefined
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 0)
    return undefined
  return { allow, ttlSeconds: Math.min(ttlSeconds, CALLBACK_DECISION_SECONDS.max) }
}

interface Breaker {
  failures: number
  openUntil: number
  trial: boolean
}

export function createAuthCallbacks(deps: Pick<ServiceDeps, 'clock'>) {
  /** Session key → the endpoint's answer and until when it holds (ms). */
  const decisions = new Map<string, { allow: boolean; until: number }>()
  /** Session key → until when it counts as authorised while the endpoint is down (ms). */
  const authorised = new Map<string, number>()
  const breakers = new Map<string, Breaker>()
  let calls = 0

  function breakerOf(url: string): Breaker {
    let breaker = breakers.get(url)
    if (!breaker) {
      if (breakers.size > 1000) breakers.clear()
      breaker = { failures: 0, openUntil: 0, trial: false }
      breakers.set(url, breaker)
    }
    return breaker
  }

  async function call(callback: AuthCallback, question: CallbackQuestion): Promise<Answer> {
    calls++
    try {
      const res = await fetch(callback.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(question),
        signal: AbortSignal.timeout(callback.timeoutMs),
        redirect: 'error',
      })
      const text = await res.text()
      if (res.status !== 200 || text.length > MAX_ANSWER_BYTES) return undefined
      return parseAnswer(text)
    } catch {
      return undefined
    }
  }

  /** The endpoint's answer through its breaker: undefined when it failed or was not asked. */
  async function ask(callback: AuthCallback, question: CallbackQuestion): Promise<Answer> {
    const breaker = breakerOf(callback.url)
    const now = deps.clock.now()
    if (breaker.failures >= CALLBACK_BREAKER.failures) {
      // Open: no calls. Half-open once the time is up: one trial call at a time.
      if (now < breaker.openUntil || breaker.trial) return undefined
      breaker.trial = true
    }
    const answer = await call(callback, question)
    breaker.trial = false
    if (answer) breaker.failures = 0
    else if (++breaker.failures >= CALLBACK_BREAKER.failures)
      breaker.openUntil = deps.clock.now() + CALLBACK_BREAKER.openMs
    return answer
  }

  function remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_REMEMBERED) map.clear()
    map.set(key, value)
  }

  return {
    /** Calls made to endpoints so far (for tests and metrics). */
    get calls() {
      return calls
    },
    /** The breaker of an endpoint: `closed`, `open` or `half-open`. */
    breakerState(url: string): 'closed' | 'open' | 'half-open' {
      const breaker = breakers.get(url)
      if (!breaker || breaker.failures < CALLBACK_BREAKER.failures) return 'closed'
      return deps.clock.now() < breaker.openUntil ? 'open' : 'half-open'
    },
    /** Whether the session `key` may go on, asking the endpoint when no answer holds. */
    async decide(
      callback: AuthCallback,
      key: string,
      question: CallbackQuestion,
    ): Promise<CallbackDecision> {
      const now = deps.clock.now()
      const held = decisions.get(key)
      if (held && held.until > now) return held.allow ? 'allow' : 'deny'
      const answer = await ask(callback, question)
      if (answer) {
        const at = deps.clock.now()
        remember(decisions, key, { allow: answer.allow, until: at + answer.ttlSeconds * 1000 })
        if (answer.allow) remember(authorised, key, at + AUTHORISED_MEMORY_MS)
        else authorised.delete(key)
        return answer.allow ? 'allow' : 'deny'
      }
      const until = authorised.get(key)
      return callback.failOpen && until !== undefined && until > now ? 'allow' : 'unavailable'
    },
  }
}

export type AuthCallbacks = ReturnType<typeof createAuthCallbacks>
