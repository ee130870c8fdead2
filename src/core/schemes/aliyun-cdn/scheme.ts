// The Aliyun CDN/VOD URL schemes as `UrlScheme`s: the registry's defaults, and factories for
// domains that renamed type C/F parameters (both names are configurable in the Aliyun console).
import type { UrlScheme } from '../url-scheme.ts'
import {
  signTypeA,
  signTypeB,
  signTypeC,
  signTypeF,
  TYPE_C_DEFAULTS,
  TYPE_F_DEFAULTS,
} from './sign.ts'
import type { TypeCNames, TypeFNames } from './sign.ts'
import { verifyTypeA, verifyTypeB, verifyTypeC, verifyTypeF } from './verify.ts'

export const aliyunA: UrlScheme = {
  name: 'aliyun-a',
  propagation: 'exact-uri',
  signsPath: true,
  sign: signTypeA,
  verify: verifyTypeA,
}

export const aliyunB: UrlScheme = {
  name: 'aliyun-b',
  propagation: 'exact-uri',
  signsPath: true,
  sign: signTypeB,
  verify: verifyTypeB,
}

export function createAliyunC(names: Partial<TypeCNames> = {}): UrlScheme {
  const all = { ...TYPE_C_DEFAULTS, ...names }
  return {
    name: 'aliyun-c',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signTypeC(input, crypto, all),
    verify: (input, crypto) => verifyTypeC(input, crypto, all),
  }
}

export function createAliyunF(names: Partial<TypeFNames> = {}): UrlScheme {
  const all = { ...TYPE_F_DEFAULTS, ...names }
  return {
    name: 'aliyun-f',
    propagation: 'exact-uri',
    signsPath: true,
    sign: (input, crypto) => signTypeF(input, crypto, all),
    verify: (input, crypto) => verifyTypeF(input, crypto, all),
  }
}

export const aliyunC = createAliyunC()
export const aliyunF = createAliyunF()
