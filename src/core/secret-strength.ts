// How guessable a secret is that a person may have chosen (admin tokens) and whether 32 key bytes
// look random (master keys). Estimates, not proofs: they refuse what people type, never a draw
// from a CSPRNG (test/core/secret-strength.test.ts samples both).

/** The least estimated entropy of a configured admin token. */
export const MIN_TOKEN_BITS = 96

/** What to tell someone whose secret is refused. */
export const GENERATE_HINT = 'generate one with: openssl rand -hex 32'

function alphabetSize(text: string): number {
  let size = 0
  if (/[a-z]/.test(text)) size += 26
  if (/[A-Z]/.test(text)) size += 26
  if (/[0-9]/.test(text)) size += 10
  if (/[^A-Za-z0-9]/.test(text)) size += 33
  return size
}

/**
 * Bits a guesser must cover: each character costs log2 of the alphabet in use, except one that
 * repeats or continues a run of its neighbour (`aa`, `ab`, `98`) and any stretch of 3 or more
 * characters already seen earlier (`passwordpassword`), which cost nothing.
 */
export function estimateEntropyBits(text: string): number {
  const perChar = Math.log2(Math.max(alphabetSize(text), 1))
  let bits = 0
  for (let i = 0; i < text.length;) {
    let seen = 0
    if (i >= 3) {
      while (i + seen < text.length && text.slice(0, i).includes(text.slice(i, i + seen + 1)))
        seen++
    }
    if (seen >= 3) {
      i += seen
      continue
    }
    const step = i > 0 ? Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) : 2
    if (step > 1) bits += perChar
    i++
  }
  return bits
}

/** Why an admin token is too weak, or undefined when it is fine. */
export function tokenWeakness(token: string): string | undefined {
  const bits = Math.floor(estimateEntropyBits(token))
  if (bits >= MIN_TOKEN_BITS) return undefined
  return `too guessable (about ${bits} bits, at least ${MIN_TOKEN_BITS} needed)`
}

/**
 * Why 32 key bytes do not look random, or undefined. A uniform draw has about 30 distinct bytes
 * and about 29 distinct steps between neighbours; it is all printable ASCII with odds of 1e-14.
 */
export function keyWeakness(key: Uint8Array): string | undefined {
  if (new Set(key).size < 20) return 'too few distinct bytes'
  const steps = new Set<number>()
  for (let i = 1; i < key.length; i++) steps.add((key[i]! - key[i - 1]! + 256) % 256)
  if (steps.size < 20) return 'a counter or pattern'
  if (key.every((b) => b >= 0x20 && b < 0x7f)) return 'text, not random bytes'
  return undefined
}
