// Tencent live `txSecret`/`txTime` as a `UrlScheme`: per-stream, so a token passes on to the
// stream's own URIs (`VerifiedUrl.scope` = `/AppName/StreamName`).
import type { UrlScheme } from '../url-scheme.ts'
import { signLive } from './sign.ts'
import { verifyLive } from './verify.ts'

export const tencentLive: UrlScheme = {
  name: 'tencent-live',
  propagation: 'directory',
  signsPath: false,
  sign: signLive,
  verify: verifyLive,
}
