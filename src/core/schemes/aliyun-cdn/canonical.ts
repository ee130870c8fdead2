// The strings Aliyun CDN/VOD URL signing hashes, one per type (url-signing.md §2). Each is hashed
// with MD5 to 32 lower-case hex; time fields are hashed as the literal text of the URL.
import { canonicalAuthKey } from '../url-common/cdn-auth-key.ts'
import { canonicalUtc8Path } from '../url-common/cdn-utc8-path.ts'

/**
 * Type A: `{uri}-{timestamp}-{rand}-{uid}-{PrivateKey}` (Tencent's TypeA is the same string).
 * @see https://help.aliyun.com/zh/vod/user-guide/type-a-signing
 */
export const canonicalTypeA = canonicalAuthKey

/**
 * Type B: `PrivateKey + YYYYMMDDHHMM (UTC+8) + uri`, no separators (Tencent's TypeB too).
 * @see https://www.alibabacloud.com/help/en/cdn/user-guide/type-b-signing
 */
export const canonicalTypeB = canonicalUtc8Path

/**
 * Types C and F: `PrivateKey + uri + hex time`.
 * @see https://www.alibabacloud.com/help/en/cdn/user-guide/type-c-signing
 * @see https://help.aliyun.com/zh/cdn/user-guide/authentication-method-f-description
 */
export function canonicalTypeC(parts: { key: string; uri: string; time: string }): string {
  return parts.key + parts.uri + parts.time
}
