// The native PlayGate URL scheme as a `UrlScheme`. It is directory-capable: a URL signed with
// `pathPrefix` carries `pg_scope` and passes on to every URI under it; one without is exact.
import type { UrlScheme } from '../url-scheme.ts'
import { signNative } from './sign.ts'
import { verifyNative } from './verify.ts'

export const nativeUrl: UrlScheme = {
  name: 'native',
  propagation: 'directory',
  signsPath: true,
  sign: signNative,
  verify: verifyNative,
}
