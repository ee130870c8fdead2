// Tencent wire names ⇄ PlayGate's: reading action parameters (JSON numbers or, over GET and v1,
// decimal strings) and writing PlayAuthKeyInfo and DomainInfo (live_models.d.ts of the SDK).
import { AppError } from '../../../core/errors.ts'
import type { PlayDomain } from '../../../core/model.ts'
import type { PlayAuthKeyInfo } from '../../../services/live-play-auth.ts'
import { TencentFault } from './errors.ts'

type Params = Readonly<Record<string, unknown>>

/** Refuses parameters the action does not define (Tencent's `UnknownParameter`). */
export function onlyKnown(params: Params, known: readonly string[]): void {
  for (const name of Object.keys(params))
    if (!known.includes(name))
      throw new TencentFault('INVALID_PARAMETER', 'UnknownParameter', `unknown ${name}`, {
        details: { parameter: name },
      })
}

function invalidValue(parameter: string): TencentFault {
  return new TencentFault('INVALID_PARAMETER', 'InvalidParameterValue', `bad ${parameter}`, {
    details: { parameter },
  })
}

export function requiredString(params: Params, name: string): string {
  const value = params[name]
  if (value === undefined || value === null || value === '')
    throw new AppError('MISSING_PARAMETER', `${name} missing`, { details: { parameter: name } })
  if (typeof value !== 'string')
    throw new AppError('INVALID_PARAMETER', `${name} is not a string`, {
      details: { parameter: name },
    })
  if (value.length > 1024) throw invalidValue(name)
  return value
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string')
    throw new AppError('INVALID_PARAMETER', `${name} is not a string`, {
      details: { parameter: name },
    })
  return value
}

/** An Integer field: a JSON integer, or its decimal string over GET and v1. */
export function optionalInteger(
  params: Params,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  const value = params[name]
  if (value === undefined || value === null) return undefined
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d{1,15}$/.test(value)
        ? Number(value)
        : NaN
  if (typeof value !== 'number' && Number.isNaN(n))
    throw new AppError('INVALID_PARAMETER', `${name} is not an integer`, {
      details: { parameter: name },
    })
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) throw invalidValue(name)
  return n
}

export function playAuthKeyInfoBody(info: PlayAuthKeyInfo) {
  return {
    DomainName: info.domainName,
    Enable: info.enabled ? 1 : 0,
    AuthKey: info.authKey,
    AuthDelta: info.authDelta,
    AuthBackKey: info.authBackKey,
  }
}

/** `YYYY-MM-DD HH:mm:ss` in UTC+8, as Tencent prints CreateTime. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

/** DomainInfo of a play domain (every PlayGate domain is a mainland play domain, enabled). */
export function domainInfoBody(domain: PlayDomain) {
  return {
    Name: domain.host,
    Type: 1,
    Status: 1,
    CreateTime: beijingTime(domain.createdAt),
    BCName: 0,
    TargetDomain: '',
    PlayType: 1,
    IsDelayLive: 0,
    CurrentCName: '',
    RentTag: 0,
    RentExpireTime: '0000-00-00 00:00:00',
    IsMiniProgramLive: 0,
  }
}
