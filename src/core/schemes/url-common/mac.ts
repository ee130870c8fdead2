// MAC helpers shared by the URL schemes: hex MD5, and trying each ring key in constant time.
import { toHex } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import type { RingKey } from '../url-scheme.ts'

export function md5Hex(crypto: Crypto, text: string): string {
  return crypto.hashText ? crypto.hashText('md5', text, 'hex') : toHex(crypto.hash('md5', text))
}

/**
 * A received hex MAC in lower case, or undefined when it is not `length` hex digits. Hex case
 * carries no meaning (url-signing.md §10.4: normalise, then compare).
 */
export function normaliseHexMac(text: string, length = 32): string | undefined {
  if (text.length !== length) return undefined
  if (LOWER_HEX.test(text)) return text
  return HEX.test(text) ? text.toLowerCase() : undefined
}

const LOWER_HEX = /^[0-9a-f]+$/
const HEX = /^[0-9A-Fa-f]+$/

/** Signing or verifying with no key is a configuration bug, not a verdict. */
export function assertRing(keys: readonly RingKey[]): void {
  if (keys.length === 0) throw new TypeError('the key ring is empty')
}

/**
 * The index of the first ring key (primary first) for which one of the expected MACs equals the
 * received one. Every comparison is `timingSafeEqual`; on a miss all of them run, so the time
 * says nothing about how close a forgery came.
 */
export function findRingKey(
  crypto: Crypto,
  keys: readonly RingKey[],
  received: string,
  expected: (key: RingKey) => readonly string[],
): number | undefined {
  assertRing(keys)
  for (let index = 0; index < keys.length; index++) {
    const macs = expected(keys[index]!)
    for (let i = 0; i < macs.length; i++)
      if (crypto.timingSafeEqual(macs[i]!, received)) return index
  }
  return undefined
}
