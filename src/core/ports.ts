// The only ways core reaches the platform: a clock and a crypto provider. core never imports
// node:* (tsconfig.core.json has "types": []), so Node's implementations live in platform/node.

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256'

/** Bytes or a string, which is taken as UTF-8. */
export type BinaryLike = Uint8Array | string

export interface Crypto {
  hash(algorithm: HashAlgorithm, data: BinaryLike): Uint8Array
  /**
   * Optional native helper: the digest of a UTF-8 string as lower-case hex or unpadded base64url,
   * exactly `toHex(hash(algorithm, text))` or `toBase64Url(…)` (the URL schemes' MD5 on every
   * edge request, without the digest's bytes as an object of their own).
   */
  readonly hashText?: (
    algorithm: HashAlgorithm,
    text: string,
    encoding: 'hex' | 'base64url',
  ) => string
  hmac(algorithm: HashAlgorithm, key: BinaryLike, data: BinaryLike): Uint8Array
  /** Constant-time for equal lengths; false (without leaking where) for different lengths. */
  timingSafeEqual(a: BinaryLike, b: BinaryLike): boolean
  randomBytes(length: number): Uint8Array
  /** AES-256-GCM, for secrets at rest. */
  seal(key: Uint8Array, plaintext: Uint8Array): Uint8Array
  open(key: Uint8Array, sealed: Uint8Array): Uint8Array | undefined
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export function fixedClock(
  at: number | string | Date,
): Clock & { set(to: number | string | Date): void; advance(ms: number): void } {
  let current = toMillis(at)
  return {
    now: () => current,
    set(to) {
      current = toMillis(to)
    },
    advance(ms) {
      current += ms
    },
  }
}

function toMillis(at: number | string | Date): number {
  if (typeof at === 'number') return at
  return new Date(at).getTime()
}
