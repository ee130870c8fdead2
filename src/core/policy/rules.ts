// Binding rules: an ordered list of allow/deny rules on client IP/CIDR, referrer host and
// user-agent class. The first rule whose every condition matches decides (Cloudflare's access
// rules); a rule without conditions matches every request; no match allows.
import { parseIp, parseIpRange, rangeContains, type IpRange } from '../schemes/url-common/ip.ts'
import { isReferrerPattern, referrerHost, referrerMatches } from './referrer.ts'
import { isUserAgentClass, userAgentClass, type UserAgentClass } from './user-agent.ts'

export const RULE_ACTIONS = ['allow', 'deny'] as const
export type RuleAction = (typeof RULE_ACTIONS)[number]

/** Per scope (a play domain or a video); more would be a list nobody can reason about. */
export const MAX_RULES = 100
/** Per condition list. */
export const MAX_RULE_ENTRIES = 100

export interface ViewerRule {
  readonly action: RuleAction
  /** Client addresses or CIDR ranges, IPv4 or IPv6; the rule matches any of them. */
  readonly ip?: readonly string[]
  /** Referrer host patterns (`example.com`, `*.example.com`) or `none`. */
  readonly referrer?: readonly string[]
  readonly userAgent?: readonly UserAgentClass[]
}

export type RulesCheck =
  { ok: true; rules: ViewerRule[] } | { ok: false; parameter: string; reason: string }

const fail = (parameter: string, reason: string): RulesCheck => ({ ok: false, parameter, reason })

function stringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}

function checkList(
  value: unknown,
  parameter: string,
  valid: (entry: string) => boolean,
  what: string,
): { ok: true; list: string[] | undefined } | { ok: false; parameter: string; reason: string } {
  if (value === undefined) return { ok: true, list: undefined }
  if (!stringList(value)) return { ok: false, parameter, reason: 'must be a list of strings' }
  if (value.length === 0 || value.length > MAX_RULE_ENTRIES)
    return { ok: false, parameter, reason: `must hold 1 to ${MAX_RULE_ENTRIES} entries` }
  for (const [i, entry] of value.entries()) {
    if (!valid(entry)) return { ok: false, parameter: `${parameter}[${i}]`, reason: `not ${what}` }
  }
  return { ok: true, list: value }
}

const RULE_FIELDS = new Set(['action', 'ip', 'referrer', 'userAgent'])

/**
 * Checks rules written by a user (API body, import file): the parameter path and the reason of
 * the first problem, or the rules in canonical form (IP texts lower case).
 */
export function checkViewerRules(input: unknown, parameter = 'rules'): RulesCheck {
  if (!Array.isArray(input)) return fail(parameter, 'must be a list of rules')
  if (input.length > MAX_RULES) return fail(parameter, `at most ${MAX_RULES} rules`)
  const rules: ViewerRule[] = []
  for (const [i, raw] of input.entries()) {
    const at = `${parameter}[${i}]`
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return fail(at, 'must be an object')
    const record = raw as Record<string, unknown>
    const unknown = Object.keys(record).find((k) => !RULE_FIELDS.has(k))
    if (unknown !== undefined) return fail(`${at}.${unknown}`, 'unknown field')
    const action = record.action
    if (action !== 'allow' && action !== 'deny')
      return fail(`${at}.action`, 'must be allow or deny')
    const ipInput = stringList(record.ip) ? record.ip.map((e) => e.toLowerCase()) : record.ip
    const ip = checkList(ipInput, `${at}.ip`, (e) => !!parseIpRange(e), 'an IP address or CIDR')
    if (!ip.ok) return ip
    const referrer = checkList(
      record.referrer,
      `${at}.referrer`,
      isReferrerPattern,
      'a host pattern',
    )
    if (!referrer.ok) return referrer
    const ua = checkList(
      record.userAgent,
      `${at}.userAgent`,
      isUserAgentClass,
      'a user-agent class',
    )
    if (!ua.ok) return ua
    rules.push({
      action,
      ...(ip.list ? { ip: ip.list } : {}),
      ...(referrer.list ? { referrer: referrer.list } : {}),
      ...(ua.list ? { userAgent: ua.list as UserAgentClass[] } : {}),
    })
  }
  return { ok: true, rules }
}

interface CompiledRule {
  readonly action: RuleAction
  readonly ranges: readonly IpRange[] | undefined
  readonly referrers: readonly string[] | undefined
  readonly classes: ReadonlySet<UserAgentClass> | undefined
}

/** Rules parsed once (when loaded), so evaluating them per request allocates little. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[]
}

/** Compiles checked rules; an entry that does not parse is dropped (checked rules have none). */
export function compileRules(rules: readonly ViewerRule[]): CompiledRules {
  return {
    rules: rules.map((rule) => ({
      action: rule.action,
      ranges: rule.ip?.flatMap((text) => parseIpRange(text) ?? []),
      referrers: rule.referrer,
      classes: rule.userAgent ? new Set(rule.userAgent) : undefined,
    })),
  }
}

export interface RuleRequest {
  /** The client address the edge trusts. */
  readonly clientIp: string
  /** The Referer header as received; undefined when absent. */
  readonly referer: string | undefined
  readonly userAgent: string | undefined
}

export interface RuleDecision {
  readonly action: RuleAction
  /** Index of the deciding rule in its list. */
  readonly index: number
}

/** The first matching rule's decision, or undefined when no rule matches. */
export function evaluateRules(
  compiled: CompiledRules,
  request: RuleRequest,
): RuleDecision | undefined {
  let ip: Uint8Array | null | undefined
  let host: string | undefined | null = null
  let uaClass: UserAgentClass | undefined
  for (const [index, rule] of compiled.rules.entries()) {
    if (rule.ranges) {
      if (ip === undefined) ip = parseIp(request.clientIp) ?? null
      const address = ip
      if (address === null || !rule.ranges.some((r) => rangeContains(r, address))) continue
    }
    if (rule.referrers) {
      if (host === null) host = referrerHost(request.referer)
      const h = host
      if (!rule.referrers.some((p) => referrerMatches(p, h))) continue
    }
    if (rule.classes) {
      uaClass ??= userAgentClass(request.userAgent)
      if (!rule.classes.has(uaClass)) continue
    }
    return { action: rule.action, index }
  }
  return undefined
}
