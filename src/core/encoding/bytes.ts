// Byte/text conversions without Buffer, so core stays runtime-neutral.

// TextEncoder is not in core's lib (no DOM, no Node types), so UTF-8 is done by hand. A platform
// may install native encoders that give the same results ({@link installNativeCodec}); they sit on
// every signature's path, where the hand-written loops cost several µs per call.

/** Native equivalents of the encoders below; each must give exactly the pure one's result. */
export interface NativeCodec {
  readonly utf8: (text: string) => Uint8Array
  /** Strict: undefined for any invalid sequence; a leading BOM is kept. */
  readonly fromUtf8: (bytes: Uint8Array) => string | undefined
  readonly toHex: (bytes: Uint8Array) => string
  readonly toBase64: (bytes: Uint8Array) => string
  readonly toBase64Url: (bytes: Uint8Array) => string
}

/** The hand-written encoders, always available (and what a platform's codec is tested against). */
export const pureCodec: NativeCodec = {
  utf8: pureUtf8,
  fromUtf8: pureFromUtf8,
  toHex: pureToHex,
  toBase64: pureToBase64,
  toBase64Url: (bytes) =>
    pureToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
}

let codec: NativeCodec = pureCodec

/** Installs a platform's native encoders (or the pure ones back). A port, set once at startup. */
export function installNativeCodec(native: NativeCodec): void {
  codec = native
}

export function utf8(text: string): Uint8Array {
  return codec.utf8(text)
}

function pureUtf8(text: string): Uint8Array {
  // At most 3 bytes per UTF-16 unit; an indexed loop into a preallocated array is ~3x faster
  // than iterating code points into a growing one (this sits on every signature's path).
  const out = new Uint8Array(text.length * 3)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) {
      out[n++] = c
      continue
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6)
      out[n++] = 0x80 | (c & 63)
      continue
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
        i++
        out[n++] = 0xf0 | (cp >> 18)
        out[n++] = 0x80 | ((cp >> 12) & 63)
        out[n++] = 0x80 | ((cp >> 6) & 63)
        out[n++] = 0x80 | (cp & 63)
        continue
      }
      // A lone surrogate encodes as U+FFFD, as TextEncoder does.
      c = 0xfffd
    }
    out[n++] = 0xe0 | (c >> 12)
    out[n++] = 0x80 | ((c >> 6) & 63)
    out[n++] = 0x80 | (c & 63)
  }
  return out.slice(0, n)
}

/** Decodes strict UTF-8; undefined for invalid sequences (callers treat that as malformed input). */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  return codec.fromUtf8(bytes)
}

function pureFromUtf8(bytes: Uint8Array): string | undefined {
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const extra =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1
    if (extra < 0) return undefined
    let cp = extra === 0 ? b : b & (0x3f >> extra)
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined
      cp = (cp << 6) | (c & 63)
    }
    const min = [0, 0x80, 0x800, 0x10000][extra]!
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined
    out += String.fromCodePoint(cp)
    i += extra + 1
  }
  return out
}

export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? utf8(data) : data
}

const HEX = '0123456789abcdef'

export function toHex(bytes: Uint8Array): string {
  return codec.toHex(bytes)
}

function pureToHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!
  return out
}

export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

export function toBase64(bytes: Uint8Array): string {
  return codec.toBase64(bytes)
}

function pureToBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!
    out += c === undefined ? '=' : B64[c & 63]!
  }
  return out
}

/** Strict base64 (padding optional); undefined when any character is outside the alphabet. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '')
  if (clean.length % 4 === 1) return undefined
  const out: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of clean) {
    const v = B64_INDEX.get(ch)
    if (v === undefined) return undefined
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((buffer >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

export function toBase64Url(bytes: Uint8Array): string {
  return codec.toBase64Url(bytes)
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (/[+/=]/.test(text)) return undefined
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'))
}
