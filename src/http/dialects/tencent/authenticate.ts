// Who sent a Tencent API 3.0 request, proven: TC3-HMAC-SHA256 (service from the credential scope,
// host with and without port) or v1 HmacSHA1/HmacSHA256 (host with port first), ±300 s, the key's
// and tenant's status. Replay memory: v1 (SecretId, Timestamp, Nonce); TC3 signatures of writes.
import { AppError, type Refusal } from '../../../core/errors.ts'
import { utcDate } from '../../../core/schemes/tencent-tc3/canonical.ts'
import { tc3SigningKey } from '../../../core/schemes/tencent-tc3/sign.ts'
import {
  DEFAULT_SKEW_SECONDS,
  checkTimestamp,
  hostCandidates,
  parseTc3Authorization,
  verifyTc3,
  verifyV1,
  type Tc3Reason,
} from '../../../core/schemes/tencent-tc3/verify.ts'
import type { Authenticated, DialectContext, DialectPrincipal } from '../contract.ts'
import { REASON_CODES, TencentFault } from './errors.ts'
import type { TencentRequest } from './parse.ts'

export const API_VERSION = '2018-08-01'

/** Actions that change state: their TC3 signatures are remembered, so a replay is refused. */
export const WRITE_ACTIONS: readonly string[] = ['ModifyLivePlayAuthKey']

export interface Principal extends DialectPrincipal {
  readonly secretId: string
}

const SECRET_ID = /^[A-Za-z0-9_-]{1,128}$/

function header(request: TencentRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : value?.[0]
}

function missing(parameter: string): AppError {
  return new AppError('MISSING_PARAMETER', `${parameter} missing`, { details: { parameter } })
}

/** A core verdict's refusal, with Tencent's code where it words that reason apart. */
function refusal(verdict: Refusal<Tc3Reason>, parameter?: string): AppError {
  const wire = REASON_CODES[verdict.reason]
  const options = parameter ? { details: { parameter } } : {}
  return wire
    ? new TencentFault(verdict.code, wire, verdict.reason, options)
    : new AppError(verdict.code, verdict.reason, options)
}

/** Seconds to remember a nonce: until its timestamp leaves the window, at least the window. */
function nonceWindow(at: number, nowMs: number): number {
  return Math.max(DEFAULT_SKEW_SECONDS, Math.ceil(at - nowMs / 1000) + DEFAULT_SKEW_SECONDS + 1)
}

/** The configured public host name, tried after the Host header with and without its port. */
function publicHosts(ctx: DialectContext): string[] {
  const url = ctx.config.http.publicUrl
  if (url === '') return []
  try {
    return [new URL(url).host, new URL(url).hostname]
  } catch {
    return []
  }
}

// Signing keys of the day, per key and service: three HMACs saved on every request (§2.1).
const signingKeys = new Map<string, Uint8Array>()

function signingKey(
  secretId: string,
  secret: string,
  date: string,
  service: string,
  ctx: DialectContext,
) {
  const id = `${secretId}\n${date}\n${service}\n${secret}`
  let key = signingKeys.get(id)
  if (!key) {
    key = tc3SigningKey(secret, date, service, ctx.crypto)
    if (signingKeys.size >= 1000) signingKeys.clear()
    signingKeys.set(id, key)
  }
  return key
}

/** The key a request names, usable; a refused tenant is answered with its service status. */
async function lookup(secretId: string, ctx: DialectContext) {
  if (!SECRET_ID.test(secretId))
    throw new TencentFault('UNAUTHENTICATED', 'AuthFailure.InvalidSecretId', 'malformed SecretId')
  const found = await ctx.services.accessKeys.lookup('tencent', secretId)
  if (found.ok) return found.value
  if (found.code === 'TENANT_SUSPENDED')
    throw new TencentFault(
      'TENANT_SUSPENDED',
      found.reason.endsWith('disabled')
        ? 'ResourceNotFound.UserDisableService'
        : 'ResourceNotFound.FreezeService',
      found.reason,
    )
  throw new AppError(found.code, found.reason)
}

/** X-TC-Token / Token: PlayGate issues no temporary credentials, so none is valid (§2.4 step 8). */
function refuseToken(token: string | undefined): void {
  if (token !== undefined && token !== '')
    throw new AppError('TOKEN_INVALID', 'temporary credentials are not supported')
}

async function authenticateTc3(
  request: TencentRequest,
  action: string,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  const authorization = header(request, 'authorization')
  if (authorization === undefined) throw new AppError('UNAUTHENTICATED', 'no Authorization header')
  const parsed = parseTc3Authorization(authorization)
  if (!parsed.ok) throw refusal(parsed)
  const timestamp = header(request, 'x-tc-timestamp')
  if (timestamp === undefined) throw missing('X-TC-Timestamp')
  const now = ctx.clock.now()
  const checked = checkTimestamp(timestamp, now)
  if (!checked.ok) throw refusal(checked, 'X-TC-Timestamp')
  const auth = parsed.value
  const { key, tenant } = await lookup(auth.secretId, ctx)
  // The scope's date must be the timestamp's UTC date; verifyTc3 refuses it otherwise.
  const date = utcDate(checked.value)
  const verdict = verifyTc3(
    {
      method: request.method,
      query: request.rawQuery,
      headers: request.headers,
      body: request.bytes,
      authorization: auth,
      timestamp,
      secretKey: key.secret,
      publicHosts: publicHosts(ctx),
      ...(date === auth.date
        ? { signingKey: signingKey(auth.secretId, key.secret, auth.date, auth.service, ctx) }
        : {}),
    },
    ctx.crypto,
  )
  if (!verdict.ok) throw refusal(verdict)
  refuseToken(header(request, 'x-tc-token'))
  const principal = { tenantId: tenant.id, secretId: auth.secretId }
  if (!WRITE_ACTIONS.includes(action)) return { principal }
  return {
    principal,
    nonce: {
      scope: auth.secretId,
      value: `tc3:${auth.signature}`,
      windowSeconds: nonceWindow(checked.value, now),
    },
  }
}

async function authenticateV1(
  request: TencentRequest,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  const p = new Map(request.v1Pairs)
  const secretId = p.get('SecretId')
  if (!secretId) throw missing('SecretId')
  if (!p.get('Signature')) throw missing('Signature')
  const timestamp = p.get('Timestamp')
  if (!timestamp) throw missing('Timestamp')
  const nonce = p.get('Nonce')
  if (!nonce) throw missing('Nonce')
  if (!/^\d{1,20}$/.test(nonce))
    throw new AppError('INVALID_PARAMETER', 'Nonce is not a positive integer', {
      details: { parameter: 'Nonce' },
    })
  const now = ctx.clock.now()
  const checked = checkTimestamp(timestamp, now)
  if (!checked.ok) throw refusal(checked, 'Timestamp')
  const { key, tenant } = await lookup(secretId, ctx)
  const host = header(request, 'host') ?? ''
  const verdict = verifyV1(
    {
      method: request.method,
      params: request.v1Pairs,
      hosts: hostCandidates(host, publicHosts(ctx)),
      secretKey: key.secret,
    },
    ctx.crypto,
  )
  if (!verdict.ok)
    throw refusal(verdict, verdict.reason === 'signature-method' ? 'SignatureMethod' : 'Signature')
  refuseToken(p.get('Token'))
  return {
    principal: { tenantId: tenant.id, secretId },
    nonce: {
      scope: secretId,
      value: `v1:${timestamp}:${nonce}`,
      windowSeconds: nonceWindow(checked.value, now),
    },
  }
}

/**
 * Proves the caller. Spends nothing: mount.ts spends the rate-limit token and the nonce after.
 * @see tencent-live.md §2.4, §3
 */
export function authenticate(
  request: TencentRequest,
  action: string,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  return request.style === 'tc3'
    ? authenticateTc3(request, action, ctx)
    : authenticateV1(request, ctx)
}
