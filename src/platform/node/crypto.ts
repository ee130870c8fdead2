// Node's implementation of core's Crypto port (the only one; jose v6's lesson).
import * as nodeCryptoModule from 'node:crypto'
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import type { BinaryLike, Crypto } from '../../core/ports.ts'
import { useNodeCodec } from './codec.ts'

// Whoever uses Node's crypto port runs on Node: core's encoders go native with it.
useNodeCodec()

const IV_BYTES = 12
const TAG_BYTES = 16

function bytes(data: BinaryLike): Buffer {
  return typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

// MACs and hashes as text (every URL verify compares two) are written into these, not into two
// Buffers of their own per comparison. 64 UTF-16 units take at most 192 bytes of UTF-8.
const SCRATCH_MAX_CHARS = 64
const scratchA = Buffer.allocUnsafe(SCRATCH_MAX_CHARS * 3)
const scratchB = Buffer.allocUnsafe(SCRATCH_MAX_CHARS * 3)

function equalBytes(x: Uint8Array, y: Uint8Array): boolean {
  // Compare against itself on a length mismatch so the time does not depend on where they differ.
  if (x.length !== y.length) {
    timingSafeEqual(x, x)
    return false
  }
  return timingSafeEqual(x, y)
}

const input = (data: BinaryLike): string | Buffer => (typeof data === 'string' ? data : bytes(data))

// crypto.hash (Node 20.12 and later) digests in one native call, without a Hash object: about
// 0.6 µs less per hash than createHash. Node 20.11 (the engines floor) has only createHash.
const oneShotHash = (nodeCryptoModule as Partial<typeof nodeCryptoModule>).hash

/** Small random reads come from a pool refilled 4 KiB at a time: one CSPRNG call, not one each. */
const POOL_BYTES = 4096
// Only id-sized reads: keys and secrets (32 bytes and up) get a buffer of their own.
const POOLED_MAX = 16
let pool = Buffer.alloc(0)
let poolAt = 0

function pooledRandomBytes(length: number): Buffer {
  if (length > POOLED_MAX) return randomBytes(length)
  if (poolAt + length > pool.length) {
    // A fresh buffer, never refilled in place: bytes handed out earlier stay as they were.
    pool = randomBytes(POOL_BYTES)
    poolAt = 0
  }
  const out = pool.subarray(poolAt, poolAt + length)
  poolAt += length
  return out
}

export const nodeCrypto: Crypto = {
  // A string goes to OpenSSL as UTF-8 without a Buffer of its own first.
  hash: oneShotHash
    ? (algorithm, data) => oneShotHash(algorithm, input(data), 'buffer')
    : (algorithm, data) => createHash(algorithm).update(input(data)).digest(),
  // Hex or base64url made natively in the same call: the URL schemes' MD5 without a Buffer.
  hashText: oneShotHash
    ? (algorithm, text, encoding) => oneShotHash(algorithm, text, encoding)
    : (algorithm, text, encoding) => createHash(algorithm).update(text).digest(encoding),
  hmac: (algorithm, key, data) => createHmac(algorithm, input(key)).update(input(data)).digest(),
  timingSafeEqual(a, b) {
    if (
      typeof a === 'string' &&
      typeof b === 'string' &&
      a.length <= SCRATCH_MAX_CHARS &&
      b.length <= SCRATCH_MAX_CHARS
    ) {
      const x = scratchA.subarray(0, scratchA.write(a, 'utf8'))
      const y = scratchB.subarray(0, scratchB.write(b, 'utf8'))
      return equalBytes(x, y)
    }
    return equalBytes(bytes(a), bytes(b))
  },
  randomBytes: pooledRandomBytes,
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
