// Edge decisions as Prometheus counters. Created unregistered (each app's registry adopts them).
// Allows, one per served request, are counted in a number and added when the counter is read:
// prom-client hashes a child's labels on every `inc`, even a child labelled once.
import { Counter } from 'prom-client'
import type { ErrorCode } from '../core/errors.ts'

/** Why a viewer control refused a request: the `X-Deny-Reason` header and the metric label. */
export const DENY_REASONS = [
  'revoked',
  'rule',
  'credential-ip-cap',
  'viewer-session-cap',
  'used-up',
  'callback',
  'callback-unavailable',
  'no-credential',
  'unavailable',
] as const

export type DenyReason = (typeof DENY_REASONS)[number]

export function createEdgeMetrics() {
  let allowsPending = 0
  const decisions: Counter<'outcome' | 'reason'> = new Counter({
    name: 'playgate_edge_decisions_total',
    help: 'Edge authorization decisions: outcome allow or deny, reason the refusal code.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [],
    collect() {
      if (allowsPending === 0) return
      allowed.inc(allowsPending)
      allowsPending = 0
    },
  })
  const denials = new Counter({
    name: 'playgate_edge_denials_total',
    help: 'Edge requests refused by viewer controls, by reason.',
    labelNames: ['reason'] as const,
    registers: [],
  })
  const allowed = decisions.labels('allow', '')
  // One child per code or reason, made on first use: the label sets are small and fixed.
  const denied = new Map<ErrorCode, Counter.Internal>()
  const viewer = new Map<DenyReason, Counter.Internal>()

  return {
    metrics: [decisions, denials] as const,
    allow(): void {
      allowsPending++
    },
    deny(code: ErrorCode): void {
      let child = denied.get(code)
      if (!child) denied.set(code, (child = decisions.labels('deny', code)))
      child.inc()
    },
    viewerDenied(reason: DenyReason): void {
      let child = viewer.get(reason)
      if (!child) viewer.set(reason, (child = denials.labels(reason)))
      child.inc()
    },
  }
}

export type EdgeMetrics = ReturnType<typeof createEdgeMetrics>
