// The one definition of the catalog's field rules (lengths, counts, shapes), used by the native
// API schemas, the services and the import format, so no two of them can disagree.
import { utf8 } from './encoding/bytes.ts'
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

/**
 * A text field's bounds. `maxBytes` counts UTF-8 bytes, as Aliyun VOD does; a JSON Schema can
 * only bound characters, so a schema carries `maxLength: maxBytes` (a character is at least one
 * byte) and the service checks the bytes (textProblem).
 */
export interface TextRule {
  readonly minLength?: number
  readonly maxLength?: number
  readonly maxBytes?: number
  readonly pattern?: string
  readonly problem?: string
}

/**
 * A video's descriptive fields, with Aliyun VOD's limits (UpdateVideoInfo, CreateUploadVideo):
 * Title up to 128 bytes, Description up to 1024 bytes, at most 16 Tags of up to 32 bytes each.
 * Tags travel comma-joined on the Aliyun wire ("a,b"), so one tag cannot hold a comma.
 */
export const VIDEO_FIELDS = {
  title: { minLength: 1, maxBytes: 128 },
  description: { maxBytes: 1024 },
  tag: {
    minLength: 1,
    maxBytes: 32,
    pattern: '^[^,\\u0000]*$',
    problem: 'must not contain a comma (Aliyun joins tags with commas)',
  },
  referenceId: { minLength: 1, maxLength: 128 },
  coverUrl: { maxLength: 2048, pattern: '^https?://[^\\s]+$', problem: 'must be an http(s) URL' },
  auditStatus: { minLength: 1, maxLength: 32 },
  settingName: { minLength: 1, maxLength: 64 },
  settingValue: { maxLength: 1024 },
} as const satisfies Record<string, TextRule>

/** A play password: '' removes one (an import, Polyv's API). Counted in characters. */
export const PLAY_PASSWORD = {
  maxLength: 128,
  pattern: '^[^\\u0000-\\u001f\\u007f]*$',
  problem: 'must not contain control characters',
} as const satisfies TextRule

/** How many tags and settings a video may have. */
export const VIDEO_COUNTS = { tags: 16, settings: 50 } as const

/** A DingTalk conference title: cut to `kept` characters, refused beyond `maxLength` (§4.1). */
export const CONFERENCE_TITLE = { minLength: 1, maxLength: 256, kept: 50 } as const

/** An access key's free-text note. */
export const ACCESS_KEY_DESCRIPTION = { maxLength: 512 } as const satisfies TextRule

/** A tenant's display name. */
export const TENANT_NAME = { minLength: 1, maxLength: 256 } as const satisfies TextRule

/** A play domain's allowed CORS origins: each an origin (or `*`), at most `maxItems`. */
export const ALLOWED_ORIGIN = { minLength: 1, maxLength: 512 } as const satisfies TextRule
export const ALLOWED_ORIGINS_MAX = 50

/** The JSON Schema keywords of a rule: what HTTP and import schemas spread into a string. */
export function textSchema(rule: TextRule): {
  minLength?: number
  maxLength?: number
  pattern?: string
} {
  const maxLength = rule.maxLength ?? rule.maxBytes
  return {
    ...(rule.minLength === undefined ? {} : { minLength: rule.minLength }),
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(rule.pattern === undefined ? {} : { pattern: rule.pattern }),
  }
}

/** Why `value` breaks `rule`, worded for any API, if it does. */
export function textProblem(rule: TextRule, value: string): string | undefined {
  if (rule.minLength !== undefined && value.length < rule.minLength)
    return rule.minLength === 1
      ? 'must not be empty'
      : `must be at least ${rule.minLength} characters`
  if (rule.maxLength !== undefined && value.length > rule.maxLength)
    return `must be at most ${rule.maxLength} characters`
  if (rule.maxBytes !== undefined && utf8(value).length > rule.maxBytes)
    return `must be at most ${rule.maxBytes} bytes of UTF-8`
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value))
    return rule.problem ?? `must match ${rule.pattern}`
  return undefined
}

/** The first problem of a video's text fields, with where it is (`['tags', 2]`). */
export function videoFieldProblem(fields: {
  readonly title?: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly settings?: Readonly<Record<string, string>>
}): { at: readonly (string | number)[]; message: string } | undefined {
  for (const field of ['title', 'description'] as const) {
    const value = fields[field]
    const message = value === undefined ? undefined : textProblem(VIDEO_FIELDS[field], value)
    if (message) return { at: [field], message }
  }
  const tags = fields.tags ?? []
  if (tags.length > VIDEO_COUNTS.tags)
    return { at: ['tags'], message: `must have at most ${VIDEO_COUNTS.tags} tags` }
  for (const [i, tag] of tags.entries()) {
    const message = textProblem(VIDEO_FIELDS.tag, tag)
    if (message) return { at: ['tags', i], message }
  }
  const settings = Object.entries(fields.settings ?? {})
  if (settings.length > VIDEO_COUNTS.settings)
    return { at: ['settings'], message: `must have at most ${VIDEO_COUNTS.settings} entries` }
  for (const [name, value] of settings) {
    const message =
      textProblem(VIDEO_FIELDS.settingName, name) ?? textProblem(VIDEO_FIELDS.settingValue, value)
    if (message) return { at: ['settings', name], message }
  }
  return undefined
}
