// The reasons the API-signature verifiers (aliyun-rpc, tencent-tc3, aliyun-play-auth) give for a
// refusal: a closed list, because dialects look them up to word some refusals apart (each
// scheme's README lists which), and a misspelt key would silently fall back to the generic code.

export const SIGNATURE_REASONS = [
  'authorization-algorithm',
  'authorization-malformed',
  'auth-info-malformed',
  'auth-info-mismatch',
  'auth-info-signature',
  'content-sha256-mismatch',
  'duplicate-parameter',
  'scope-date-mismatch',
  'security-token-access-key-mismatch',
  'security-token-expired',
  'security-token-key-unknown',
  'security-token-malformed',
  'security-token-missing',
  'security-token-signature',
  'signature-method',
  'signature-mismatch',
  'signature-missing',
  'signature-version',
  'signed-header-absent',
  'signed-headers-incomplete',
  'timestamp-expired',
  'timestamp-format',
  'video-mismatch',
] as const

export type SignatureReason = (typeof SIGNATURE_REASONS)[number]

const KNOWN: ReadonlySet<string> = new Set(SIGNATURE_REASONS)

/** Whether a verdict's reason is one of the signature verifiers' (so a table may name it). */
export function isSignatureReason(reason: string): reason is SignatureReason {
  return KNOWN.has(reason)
}
