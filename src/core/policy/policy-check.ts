// Checks a viewer policy written by a user (API body, import file) whole: binding rules, caps and
// the auth callback. The first problem comes back with its parameter path and reason, so no
// policy the edge could trip over is ever stored.
import { checkViewerRules, type ViewerRule } from './rules.ts'
import type { AuthCallback, ViewerCaps } from './viewer-policy.ts'

export interface PolicyParts {
  readonly rules: ViewerRule[]
  readonly caps: ViewerCaps
  readonly callback: AuthCallback | null
}

export type PolicyCheck =
  { ok: true; policy: PolicyParts } | { ok: false; parameter: string; reason: string }

/** Caps and idle times a policy may hold (a session cap of 0 would lock everyone out). */
export const CAP_LIMITS = {
  maxIpsPerCredential: [1, 1000],
  maxSessionsPerViewer: [1, 1000],
  idleSeconds: [5, 86400],
} as const

export const CALLBACK_TIMEOUT_MS = { min: 50, max: 10_000, default: 1000 } as const

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

type Failure = { ok: false; parameter: string; reason: string }
const fail = (parameter: string, reason: string): Failure => ({ ok: false, parameter, reason })

function checkCaps(input: unknown, at: string): ViewerCaps | Failure {
  const caps: Record<keyof ViewerCaps, number | null> = {
    maxIpsPerCredential: null,
    maxSessionsPerViewer: null,
    idleSeconds: null,
  }
  if (input === undefined || input === null) return caps
  if (!isRecord(input)) return fail(at, 'must be an object')
  const unknown = Object.keys(input).find((k) => !(k in CAP_LIMITS))
  if (unknown !== undefined) return fail(`${at}.${unknown}`, 'unknown field')
  for (const name of Object.keys(CAP_LIMITS) as (keyof ViewerCaps)[]) {
    const value = input[name]
    if (value === undefined || value === null) continue
    const [min, max] = CAP_LIMITS[name]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return fail(`${at}.${name}`, `must be an integer from ${min} to ${max}`)
    caps[name] = value
  }
  return caps
}

const CALLBACK_URL = /^https?:\/\/[^\s/?#@]+(?:[/?][^\s#]*)?$/i

function checkCallback(input: unknown, at: string): AuthCallback | null | Failure {
  if (input === undefined || input === null) return null
  if (!isRecord(input)) return fail(at, 'must be an object')
  const unknown = Object.keys(input).find((k) => !['url', 'timeoutMs', 'failOpen'].includes(k))
  if (unknown !== undefined) return fail(`${at}.${unknown}`, 'unknown field')
  const { url, timeoutMs = CALLBACK_TIMEOUT_MS.default, failOpen = true } = input
  if (typeof url !== 'string' || url.length > 2000 || !CALLBACK_URL.test(url))
    return fail(`${at}.url`, 'must be an http(s) URL without credentials or fragment')
  const { min, max } = CALLBACK_TIMEOUT_MS
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < min ||
    timeoutMs > max
  )
    return fail(`${at}.timeoutMs`, `must be an integer from ${min} to ${max}`)
  if (typeof failOpen !== 'boolean') return fail(`${at}.failOpen`, 'must be true or false')
  return { url, timeoutMs, failOpen }
}

/** Checks `input` (rules, caps, callback; each optional); `prefix` goes before every parameter. */
export function checkPolicy(input: unknown, prefix = ''): PolicyCheck {
  const at = (name: string) => (prefix === '' ? name : `${prefix}.${name}`)
  if (!isRecord(input)) return fail(prefix === '' ? 'body' : prefix, 'must be an object')
  const rules = checkViewerRules(input.rules ?? [], at('rules'))
  if (!rules.ok) return rules
  const caps = checkCaps(input.caps, at('caps'))
  if ('ok' in caps) return caps
  const callback = checkCallback(input.callback, at('callback'))
  if (callback && 'ok' in callback) return callback
  return { ok: true, policy: { rules: rules.rules, caps, callback } }
}
