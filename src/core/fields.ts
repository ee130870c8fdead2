// The one definition of the catalog's field rules (lengths, counts, shapes), used by the native
// API schemas, the services and the import format, so no two of them can disagree.
import type { AliasVendor } from './model.ts'

/** A rule as data: a JSON Schema `pattern` and how to word a value that does not match it. */
export interface FieldPattern {
  readonly pattern: string
  readonly problem: string
}

/** What each vendor's alias of a video looks like. */
export const ALIAS_RULES = {
  // polyv.md: a vid is 32 hex digits, "_" and one character (`e8888b74d19fe43983170b7cf804444d_e`).
  polyv: {
    pattern: '^[0-9a-f]{32}_[0-9A-Za-z]$',
    problem: 'must be a Polyv vid: 32 lower-case hex characters, "_" and one letter or digit',
  },
  dingtalk: {
    pattern: '^[A-Za-z0-9_.:=+/-]{1,128}$',
    problem: 'must be a DingTalk mediaId: 1-128 letters, digits or _.:=+/-',
  },
  // tencent-live.md: a StreamName, optionally under its AppName (`live/test`).
  tencent: {
    pattern: '^([A-Za-z0-9_.-]{1,64}/)?[A-Za-z0-9_.-]{1,256}$',
    problem: 'must be a Tencent StreamName or AppName/StreamName (letters, digits, "_", ".", "-")',
  },
} as const satisfies Record<AliasVendor, FieldPattern>

/** A cloud region id: `cn-shanghai`, `ap-guangzhou`. */
export const REGION_RULE: FieldPattern = {
  pattern: '^[a-z]{2,}(-[a-z0-9]+){1,4}$',
  problem: 'must be a region id such as cn-shanghai or ap-guangzhou',
}

/** Aliyun CustomerId and Tencent AppId are numbers on the wire: non-negative safe integers. */
export const ACCOUNT_NUMBER = { minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const

/** Why `value` breaks `rule`, if it does. */
export function patternProblem(rule: FieldPattern, value: string): string | undefined {
  return new RegExp(rule.pattern).test(value) ? undefined : rule.problem
}
