// Percent-encoding variants. Vendors disagree on which characters stay literal; each is named.

/** 1 for the characters RFC 3986 leaves unreserved: A-Z a-z 0-9 - _ . ~ */
const UNRESERVED = new Uint8Array(128)
for (let c = 0; c < 128; c++)
  UNRESERVED[c] = /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(c)) ? 1 : 0

/** What `encodeURIComponent` leaves literal that RFC 3986 reserves. */
const SUB_DELIMS = /[!'()*]/
const SUB_DELIMS_ALL = /[!'()*]/g

/** RFC 3986 strict: only A-Z a-z 0-9 - _ . ~ stay literal; UTF-8, upper-case hex (Aliyun, TC3). */
export function percentEncode(value: string): string {
  // Most names and many values need no escape: answered without a new string or a regex.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 128 || UNRESERVED[c] === 0) return escapeFrom(value)
  }
  return value
}

function escapeFrom(value: string): string {
  const encoded = encodeURIComponent(value)
  return SUB_DELIMS.test(encoded)
    ? encoded.replace(SUB_DELIMS_ALL, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    : encoded
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
