// Tencent VOD Key hotlink protection (Key 防盗链; url-signing.md §5, tencent-live.md §8): the
// hashed string. It covers the directory, not the file, so one URL token serves a whole folder.

export interface VodKeyFields {
  readonly key: string
  /** The path without the file name, with leading and trailing "/". */
  readonly dir: string
  /** Expiry, lower-case hex Unix seconds, as written in the URL. */
  readonly t: string
  readonly exper?: string
  readonly rlimit?: string
  readonly us?: string
  readonly whref?: string
  readonly bkref?: string
  readonly whreg?: string
  readonly bkreg?: string
}

/**
 * `KEY + Dir + t + exper + rlimit + us + whref + bkref + whreg + bkreg`, absent fields as "".
 * @see https://www.tencentcloud.com/document/product/266/33986
 */
export function canonicalVodKey(f: VodKeyFields): string {
  return (
    f.key +
    f.dir +
    f.t +
    (f.exper ?? '') +
    (f.rlimit ?? '') +
    (f.us ?? '') +
    (f.whref ?? '') +
    (f.bkref ?? '') +
    (f.whreg ?? '') +
    (f.bkreg ?? '')
  )
}

/** The signing parameters in the order the URL must carry them. */
export const VOD_KEY_ORDER = ['t', 'exper', 'rlimit', 'us', 'sign'] as const

/** Referer and region lists: hashed when present, but PlayGate cannot enforce them. */
export const VOD_KEY_LISTS = ['whref', 'bkref', 'whreg', 'bkreg'] as const
