// The registry of playback-URL schemes: one default `UrlScheme` per `UrlSchemeName`, for the
// edge, the dialects and the CLI to look up a play domain's scheme by name.
import { aliyunA, aliyunB, aliyunC, aliyunF } from './aliyun-cdn/scheme.ts'
import { nativeUrl } from './native-url/scheme.ts'
import { nginxSecureLink } from './nginx-secure-link/scheme.ts'
import { tencentCdnA, tencentCdnB, tencentCdnC, tencentCdnD } from './tencent-cdn/scheme.ts'
import { tencentLive } from './tencent-live/scheme.ts'
import { tencentVodKey } from './tencent-vod-key/scheme.ts'
import { URL_SCHEME_NAMES } from './url-scheme.ts'
import type { UrlScheme, UrlSchemeName } from './url-scheme.ts'

/**
 * Default parameter names and expressions. Domains that renamed Aliyun C/F or Tencent A/D
 * parameters, or use another nginx expression, build theirs with the `create*` factories.
 */
export const URL_SCHEMES: Readonly<Record<UrlSchemeName, UrlScheme>> = {
  'aliyun-a': aliyunA,
  'aliyun-b': aliyunB,
  'aliyun-c': aliyunC,
  'aliyun-f': aliyunF,
  'tencent-live': tencentLive,
  'tencent-cdn-a': tencentCdnA,
  'tencent-cdn-b': tencentCdnB,
  'tencent-cdn-c': tencentCdnC,
  'tencent-cdn-d': tencentCdnD,
  'tencent-vod-key': tencentVodKey,
  'nginx-secure-link': nginxSecureLink,
  native: nativeUrl,
}

export function isUrlSchemeName(value: string): value is UrlSchemeName {
  return (URL_SCHEME_NAMES as readonly string[]).includes(value)
}

/** The default scheme of that name. */
export function urlScheme(name: UrlSchemeName): UrlScheme {
  return URL_SCHEMES[name]
}
