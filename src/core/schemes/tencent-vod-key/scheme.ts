// Tencent VOD Key as a `UrlScheme`: directory-scoped, so the edge passes one token on to every
// file of the folder (`VerifiedUrl.scope` = the decoded directory).
import type { UrlScheme } from '../url-scheme.ts'
import { signVodKey } from './sign.ts'
import { verifyVodKey } from './verify.ts'

export const tencentVodKey: UrlScheme = {
  name: 'tencent-vod-key',
  propagation: 'directory',
  signsPath: true,
  sign: signVodKey,
  verify: verifyVodKey,
}
