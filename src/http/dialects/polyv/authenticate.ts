// Who sent a Polyv request, proven (polyv.md §2.3, §3, §4.3, §8.2): the per-IP limit first (it
// counts every request, as Polyv's does), then the secret by userid, the sign, ptime / ts. The
// replay nonce `(userid, ptime, sign)` is returned for mount.ts to spend after the rate limit.
import { AppError } from '../../../core/errors.ts'
import { PTIME_WINDOW_MS } from '../../../core/schemes/polyv/canonical.ts'
import {
  checkPtime,
  verifyMd5,
  verifyV2,
  type PolyvVerdict,
} from '../../../core/schemes/polyv/verify.ts'
import type { Authenticated, DialectContext } from '../contract.ts'
import { PolyvFault, REASON_CODES } from './errors.ts'
import type { PolyvRequest } from './parse.ts'

/** The token API's `ts` is valid for 10 minutes (§8.2). */
export const TS_WINDOW_MS = 600_000

export interface PolyvPrincipal {
  readonly tenantId: string
  /** The Polyv account id (access key id). */
  readonly userid: string
  readonly secret: string
}

/** How an action authenticates: the v2 sign, the token API's MD5 sign, or none (the callback). */
export type PolyvAuth = 'v2' | 'token' | 'callback'

function refusal(verdict: PolyvVerdict<unknown> & { ok: false }, parameter: string): AppError {
  return new AppError(REASON_CODES[verdict.reason], verdict.reason, { details: { parameter } })
}

/** Counts the request against its client IP; RATE_LIMITED while the IP is blocked. */
export async function admitClient(ctx: DialectContext, ip: string): Promise<void> {
  // polyv.md §4.3: 1,500 requests per 10 s per client IP, then 5 minutes blocked (defaults).
  const { ipLimitPer10Seconds, ipBlockSeconds } = ctx.config.polyv
  const { state } = ctx.services.deps
  const blockKey = `polyv-ip-block:${ip}`
  if ((await state.get(blockKey)) !== undefined)
    throw new AppError('RATE_LIMITED', `client ${ip} is blocked`, {
      details: { retryAfterSeconds: ipBlockSeconds },
    })
  try {
    await ctx.services.rateLimiter.hit(`polyv-ip:${ip}`, {
      limit: ipLimitPer10Seconds,
      windowSeconds: 10,
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED')
      await state.set(blockKey, '1', ipBlockSeconds)
    throw error
  }
}

async function lookup(ctx: DialectContext, userid: string, auth: PolyvAuth) {
  if (userid === '')
    throw new AppError('MISSING_PARAMETER', 'no userid', { details: { parameter: 'userid' } })
  const verdict = await ctx.services.accessKeys.lookup('polyv', userid)
  if (verdict.ok) return verdict.value
  if (auth === 'token' && verdict.code === 'ACCESS_KEY_NOT_FOUND')
    throw new PolyvFault('token-user-not-found')
  throw new AppError(verdict.code, verdict.reason)
}

export async function authenticatePolyv(
  request: PolyvRequest,
  auth: PolyvAuth,
  ctx: DialectContext,
): Promise<Authenticated<PolyvPrincipal>> {
  await admitClient(ctx, request.clientIp)
  const userid = auth === 'token' ? (request.params.get('userId') ?? '') : request.pathUserid
  const { key, tenant } = await lookup(ctx, userid, auth)
  const principal = { tenantId: tenant.id, userid: key.keyId, secret: key.secret }
  if (auth === 'callback') return { principal }

  const sign = request.params.get('sign') ?? ''
  if (sign === '')
    throw new AppError('MISSING_PARAMETER', 'no sign', { details: { parameter: 'sign' } })
  const now = ctx.clock.now()
  if (auth === 'token') {
    const ts = checkPtime(request.params.get('ts'), now, TS_WINDOW_MS)
    if (!ts.ok && ts.code === 'SIGNATURE_EXPIRED') throw new PolyvFault('ts-expired')
    if (!ts.ok) throw refusal(ts, 'ts')
    const verdict = verifyMd5(request.pairs, key.secret, ctx.crypto)
    if (!verdict.ok) throw refusal(verdict, 'sign')
    return { principal }
  }
  const ptime = checkPtime(request.params.get('ptime'), now)
  if (!ptime.ok) throw refusal(ptime, 'ptime')
  const verdict = verifyV2(
    { params: request.pairs, pathUserid: request.pathUserid, secret: key.secret },
    ctx.crypto,
  )
  if (!verdict.ok) throw refusal(verdict, 'sign')
  return {
    principal,
    // A signed request may be sent once: ±ptime window on either side.
    nonce: {
      scope: key.keyId,
      value: `${ptime.value}:${sign.toUpperCase()}`,
      windowSeconds: (2 * PTIME_WINDOW_MS) / 1000,
    },
  }
}
