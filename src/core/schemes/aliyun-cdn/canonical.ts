// The strings Aliyun CDN/VOD URL signing hashes, one per type (url-signing.md §2). Each is hashed
// with MD5 to 32 lower-case hex; time fields are hashed as the literal text of the URL.

/**
 * Type A: `{uri}-{timestamp}-{rand}-{uid}-{PrivateKey}`.
 * @see https://help.aliyun.com/zh/vod/user-guide/type-a-signing
 */
export function canonicalTypeA(parts: {
  uri: string
  timestamp: string
  rand: string
  uid: string
  key: string
}): string {
  return `${parts.uri}-${parts.timestamp}-${parts.rand}-${parts.uid}-${parts.key}`
}

/**
 * Type B: `PrivateKey + YYYYMMDDHHMM (UTC+8) + uri`, no separators.
 * @see https://www.alibabacloud.com/help/en/cdn/user-guide/type-b-signing
 */
export function canonicalTypeB(parts: { key: string; time: string; uri: string }): string {
  return parts.key + parts.time + parts.uri
}

/**
 * Types C and F: `PrivateKey + uri + hex time`.
 * @see https://www.alibabacloud.com/help/en/cdn/user-guide/type-c-signing
 * @see https://help.aliyun.com/zh/cdn/user-guide/authentication-method-f-description
 */
export function canonicalTypeC(parts: { key: string; uri: string; time: string }): string {
  return parts.key + parts.uri + parts.time
}
