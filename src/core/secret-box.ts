// Secrets at rest: AES-256-GCM under the master key, stored as `v1.<base64>`. The version prefix
// leaves room for master-key rotation without guessing what a stored value is.
import { AppError } from './errors.ts'
import { fromBase64, fromHex, fromUtf8, toBase64, utf8 } from './encoding/bytes.ts'
import type { Crypto } from './ports.ts'

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

/** True when a key is too regular to be random (all one byte, or a short repeating pattern). */
export function isWeakMasterKey(key: Uint8Array): boolean {
  return new Set(key).size < 8
}

export function createSecretBox(masterKey: Uint8Array, crypto: Crypto): SecretBox {
  if (masterKey.length !== 32) throw new TypeError('the master key must be 32 bytes')
  return {
    seal: (plaintext) => PREFIX + toBase64(crypto.seal(masterKey, utf8(plaintext))),
    open(sealed) {
      const bytes = sealed.startsWith(PREFIX) ? fromBase64(sealed.slice(PREFIX.length)) : undefined
      const opened = bytes && crypto.open(masterKey, bytes)
      const text = opened && fromUtf8(opened)
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
