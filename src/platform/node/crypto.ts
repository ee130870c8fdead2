// Node's implementation of core's Crypto port (the only one; jose v6's lesson).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import type { BinaryLike, Crypto } from '../../core/ports.ts'

const IV_BYTES = 12
const TAG_BYTES = 16

function bytes(data: BinaryLike): Buffer {
  return typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

export const nodeCrypto: Crypto = {
  hash: (algorithm, data) => createHash(algorithm).update(bytes(data)).digest(),
  hmac: (algorithm, key, data) => createHmac(algorithm, bytes(key)).update(bytes(data)).digest(),
  timingSafeEqual(a, b) {
    const x = bytes(a)
    const y = bytes(b)
    // Compare against itself on a length mismatch so the time does not depend on where they differ.
    if (x.length !== y.length) {
      timingSafeEqual(x, x)
      return false
    }
    return timingSafeEqual(x, y)
  },
  randomBytes: (length) => randomBytes(length),
  seal(key, plaintext) {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return Buffer.concat([iv, cipher.getAuthTag(), body])
  },
  open(key, sealed) {
    if (sealed.length < IV_BYTES + TAG_BYTES) return undefined
    const buf = bytes(sealed)
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES))
      decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
    } catch {
      return undefined
    }
  },
}
