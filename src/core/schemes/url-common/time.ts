// Time fields of the URL schemes: decimal and hex Unix seconds, the UTC+8 `YYYYMMDDHHMM` wall
// clock of Aliyun/Tencent type B, and the one validity-window check every verifier applies.
import { reject } from '../../errors.ts'
import type { SignUrlInput, UrlVerdict } from '../url-scheme.ts'

const UTC8_OFFSET = 8 * 3600

/** Unix seconds the URL is refused after, as the signer asked (`expiresAt`, else now + TTL). */
export function expiryOf(input: SignUrlInput): number {
  return Math.floor(input.options?.expiresAt ?? input.now + input.ttlSeconds)
}

/** The time field of a generation-time scheme (`time + TTL` is the expiry). */
export function issuedAtOf(input: SignUrlInput): number {
  return expiryOf(input) - Math.floor(input.ttlSeconds)
}

/** `YYYYMMDDHHMM` of the UTC+8 wall clock (Aliyun/Tencent type B), seconds dropped. */
export function formatUtc8Minutes(unix: number): string {
  const d = new Date((Math.floor(unix) + UTC8_OFFSET) * 1000)
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    two(d.getUTCMonth() + 1) +
    two(d.getUTCDate()) +
    two(d.getUTCHours()) +
    two(d.getUTCMinutes())
  )
}

const TWELVE_DIGITS = /^\d{12}$/
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month === 2 && leap ? 29 : DAYS[month - 1]!
}

/**
 * Inverse of `formatUtc8Minutes`; undefined unless the text is a real date and time (checked
 * field by field: Date.UTC would roll 20150230 over to March). On every type B request.
 */
export function parseUtc8Minutes(text: string): number | undefined {
  if (!TWELVE_DIGITS.test(text)) return undefined
  const y = Number(text.slice(0, 4))
  const mo = Number(text.slice(4, 6))
  const d = Number(text.slice(6, 8))
  const h = Number(text.slice(8, 10))
  const mi = Number(text.slice(10, 12))
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59) return undefined
  return Date.UTC(y, mo - 1, d, h, mi) / 1000 - UTC8_OFFSET
}

/** Eight hex digits (what every vendor emits for Unix seconds until 2106). */
export function formatHexTime(unix: number, upper: boolean): string {
  const hex = Math.floor(unix).toString(16).padStart(8, '0')
  return upper ? hex.toUpperCase() : hex
}

export function parseHexTime(text: string): number | undefined {
  return /^[0-9A-Fa-f]{8}$/.test(text) ? parseInt(text, 16) : undefined
}

export function parseDecimalTime(text: string): number | undefined {
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined
}

/**
 * Tencent's "hex, or decimal also supported" fields: 8 hex digits are hex (even when all are
 * decimal digits, as Tencent's generators emit), 10 decimal digits are decimal.
 */
export function parseHexOrDecimalTime(text: string): number | undefined {
  return parseHexTime(text) ?? (/^\d{10}$/.test(text) ? Number(text) : undefined)
}

export interface ValidityWindow {
  readonly notBefore?: number
  readonly expiresAt: number
}

/** The expiry or start-time rejection for `now`, or undefined inside the window (± skew). */
export function outsideWindow(
  now: number,
  skewSeconds: number,
  window: ValidityWindow,
): UrlVerdict<never> | undefined {
  if (now > window.expiresAt + skewSeconds) return reject('TOKEN_EXPIRED', 'expired')
  if (window.notBefore !== undefined && now < window.notBefore - skewSeconds)
    return reject('TOKEN_NOT_YET_VALID', 'not-yet-valid')
  return undefined
}
