// Secrets at rest: AES-256-GCM under the master key, stored as `v1.<base64>`. The version prefix
// leaves room for master-key rotation without guessing what a stored value is.
import { AppError } from './errors.ts'
import { fromBase64, fromHex, fromUtf8, toBase64, utf8 } from './encoding/bytes.ts'
import type { Crypto } from './ports.ts'
import { keyWeakness } from './secret-strength.ts'

const PREFIX = 'v1.'

export interface SecretBox {
  seal(plaintext: string): string
  open(sealed: string): string
}

/** Parses a master key given as 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(text: string): Uint8Array | undefined {
  const trimmed = text.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? fromHex(trimmed) : fromBase64(trimmed)
  return key?.length === 32 ? key : undefined
}

/** True when a key does not look like 32 random bytes (core/secret-strength.ts). */
export function isWeakMasterKey(key: Uint8Array): boolean {
  return keyWeakness(key) !== undefined
}

/**
 * Seals under `masterKey`; opens with it or, during a master-key rotation, with any of
 * `previousKeys` (AES-GCM's tag tells a wrong key apart, so no key id is stored).
 */
export function createSecretBox(
  masterKey: Uint8Array,
  crypto: Crypto,
  previousKeys: readonly Uint8Array[] = [],
): SecretBox {
  const keys = [masterKey, ...previousKeys]
  if (keys.some((key) => key.length !== 32)) throw new TypeError('the master key must be 32 bytes')
  return {
    seal: (plaintext) => PREFIX + toBase64(crypto.seal(masterKey, utf8(plaintext))),
    open(sealed) {
      const bytes = sealed.startsWith(PREFIX) ? fromBase64(sealed.slice(PREFIX.length)) : undefined
      let text: string | undefined
      for (const key of keys) {
        const opened = bytes && crypto.open(key, bytes)
        text = opened && fromUtf8(opened)
        if (text !== undefined) break
      }
      // Wrong master key or a tampered row: never echo the value.
      if (text === undefined)
        throw new AppError(
          'INTERNAL',
          'a stored secret could not be decrypted; is the master key right?',
        )
      return text
    },
  }
}
