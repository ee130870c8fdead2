// Percent-encoding variants. Vendors disagree on which characters stay literal; each is named.

/** RFC 3986 strict: only A-Z a-z 0-9 - _ . ~ stay literal; UTF-8, upper-case hex (Aliyun, TC3). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  )
}

/** Decodes percent-escapes; undefined for malformed input (bad escape or invalid UTF-8). */
export function percentDecode(value: string): string | undefined {
  // Nothing escaped (most paths and parameters): decodeURIComponent would return it as is.
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

/** application/x-www-form-urlencoded decoding: '+' is a space. */
export function formDecode(value: string): string | undefined {
  return percentDecode(value.includes('+') ? value.replace(/\+/g, ' ') : value)
}
