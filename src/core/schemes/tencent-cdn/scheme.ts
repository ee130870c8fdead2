// The Tencent CDN URL schemes as `UrlScheme`s: registry defaults, and factories for domains that
// renamed the parameters or chose the EdgeOne TypeC order.
import type { UrlScheme } from '../url-scheme.ts'
import type { TypeCOrder } from './canonical.ts'
import {
  signTypeA,
  signTypeB,
  signTypeC,
  signTypeD,
  TYPE_A_PARAM,
  TYPE_D_DEFAULTS,
} from './sign.ts'
import type { TypeDNames } from './sign.ts'
import { verifyTypeA, verifyTypeB, verifyTypeC, verifyTypeD } from './verify.ts'

export function createTencentCdnA(param = TYPE_A_PARAM): UrlScheme {
  return {
    name: 'tencent-cdn-a',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signTypeA(input, crypto, param),
    verify: (input, crypto) => verifyTypeA(input, crypto, param),
  }
}

export const tencentCdnB: UrlScheme = {
  name: 'tencent-cdn-b',
  propagation: 'exact-uri',
  signsPath: true,
  sign: signTypeB,
  verify: verifyTypeB,
}

/** `signOrder` only changes what is emitted; both orders always verify. */
export function createTencentCdnC(signOrder: TypeCOrder = 'cdn'): UrlScheme {
  return {
    name: 'tencent-cdn-c',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signTypeC(input, crypto, signOrder),
    verify: verifyTypeC,
  }
}

export function createTencentCdnD(names: Partial<TypeDNames> = {}): UrlScheme {
  const all = { ...TYPE_D_DEFAULTS, ...names }
  return {
    name: 'tencent-cdn-d',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signTypeD(input, crypto, all),
    verify: (input, crypto) => verifyTypeD(input, crypto, all),
  }
}

export const tencentCdnA = createTencentCdnA()
export const tencentCdnC = createTencentCdnC()
export const tencentCdnD = createTencentCdnD()
