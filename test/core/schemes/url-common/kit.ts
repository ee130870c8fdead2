// Shared fixtures for the playback-URL scheme tests: the Node crypto, ring builders and verdict
// assertions that also check a rejection's reason leaks no key and no MAC.
import assert from 'node:assert/strict'
import type { ErrorCode } from '../../../../src/core/errors.ts'
import {
  urlRefusalText,
  type RingKey,
  type UrlVerdict,
  type VerifiedUrl,
  type VerifyUrlInput,
} from '../../../../src/core/schemes/url-scheme.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'

export const crypto = nodeCrypto

/** A ring of keys with ids k0, k1, …; the first is the primary. */
export function ring(...secrets: string[]): RingKey[] {
  return secrets.map((secret, i) => ({ id: `k${i}`, secret }))
}

/** A verify input with a 5-minute skew unless overridden. */
export function verifyInput(
  target: string,
  keys: readonly RingKey[],
  now: number,
  extra: Partial<VerifyUrlInput> = {},
): VerifyUrlInput {
  return { target, keys, now, ttlSeconds: 1800, skewSeconds: 300, ...extra }
}

export function accepted(verdict: UrlVerdict<VerifiedUrl>): VerifiedUrl {
  if (!verdict.ok) assert.fail(`expected acceptance, got ${verdict.code}: ${verdict.reason}`)
  return verdict.value
}

/**
 * Asserts the code, and that the reason in words holds no secret and nothing shaped like a MAC;
 * returns those words.
 */
export function rejected(
  verdict: UrlVerdict<VerifiedUrl>,
  code: ErrorCode,
  secrets: readonly string[] = [],
): string {
  if (verdict.ok) assert.fail(`expected ${code}, got acceptance`)
  const text = urlRefusalText(verdict)
  assert.equal(verdict.code, code, text)
  for (const secret of secrets) assert.ok(!text.includes(secret), 'reason leaks a key')
  assert.doesNotMatch(text, /[0-9a-f]{16}|[A-Za-z0-9_-]{20}/)
  return text
}
