// Random secrets and ids in the shapes each vendor's clients expect.
import type { Crypto } from '../core/ports.ts'
import type { Protocol } from '../core/model.ts'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Uniform over the alphabet (rejection sampling, no modulo bias). */
export function randomString(crypto: Crypto, length: number, alphabet = ALNUM): string {
  let out = ''
  const limit = 256 - (256 % alphabet.length)
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += alphabet[b % alphabet.length]
    }
  }
  return out
}

/** A public key id and a secret shaped like the vendor's (so clients' own validation passes). */
export function newCredential(
  crypto: Crypto,
  protocol: Protocol,
): { keyId: string; secret: string } {
  const hex = '0123456789abcdef'
  switch (protocol) {
    case 'aliyun':
      return { keyId: 'LTAI' + randomString(crypto, 20), secret: randomString(crypto, 30) }
    case 'tencent':
      return { keyId: 'AKID' + randomString(crypto, 32), secret: randomString(crypto, 32) }
    case 'dingtalk':
      return { keyId: 'ding' + randomString(crypto, 16, hex), secret: randomString(crypto, 64) }
    case 'polyv':
      return { keyId: randomString(crypto, 10, hex), secret: randomString(crypto, 10) }
    case 'native':
      return { keyId: 'pk_' + randomString(crypto, 20), secret: 'sk_' + randomString(crypto, 40) }
  }
}
