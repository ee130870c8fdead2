// Who sent a DingTalk request: the token APIs prove an appKey and appSecret; every v1.0 call
// proves an access token sent only in `x-acs-dingtalk-access-token` (dingtalk.md §2). The scope
// step then checks the app holds the action's permission (§3, 403 with requiredScopes).
import { AppError } from '../../../core/errors.ts'
import type { Authenticated, DialectContext } from '../contract.ts'
import type { DingtalkRequest } from './parse.ts'

export interface Principal {
  readonly tenantId: string
  /** The app: a `dingtalk` access key. */
  readonly accessKeyId: string
  readonly appKey: string
  /** The scopes the app holds (token APIs: none are needed). */
  readonly scopes: readonly string[]
  /** Epoch ms the access token stops working; undefined for the token APIs themselves. */
  readonly tokenExpiresAt?: number
  /** DingTalk throttles each app on its own: `app:<access key id>`. */
  readonly rateLimitKey: string
}

const appBudget = (accessKeyId: string) => `app:${accessKeyId}`

/** Proves an appKey and appSecret (the token APIs); a refusal names no secret. */
export async function authenticateApp(
  appKey: string,
  appSecret: string,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  if (appKey === '') throw missing('appKey')
  if (appSecret === '') throw missing('appSecret')
  const found = await ctx.services.accessKeys.lookup('dingtalk', appKey)
  if (!found.ok) throw new AppError(found.code, found.reason)
  const { key, tenant } = found.value
  if (!ctx.crypto.timingSafeEqual(key.secret, appSecret))
    throw new AppError('SIGNATURE_MISMATCH', `wrong appSecret for ${key.id}`)
  return {
    principal: {
      tenantId: tenant.id,
      accessKeyId: key.id,
      appKey,
      scopes: [],
      rateLimitKey: appBudget(key.id),
    },
  }
}

/** Proves the access token of a v1.0 call and reads the app's scopes. */
export async function authenticateToken(
  request: DingtalkRequest,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  const token = request.token
  if (token === undefined || token === '')
    throw new AppError('UNAUTHENTICATED', 'no x-acs-dingtalk-access-token')
  const verdict = await ctx.services.dingtalkTokens.authenticate(token)
  if (!verdict.ok) throw new AppError(verdict.code, verdict.reason)
  const { key, tenant, expiresAt } = verdict.value
  const scopes = await ctx.services.dingtalkApps.scopesOf(key.id)
  return {
    principal: {
      tenantId: tenant.id,
      accessKeyId: key.id,
      appKey: key.keyId,
      scopes,
      tokenExpiresAt: expiresAt,
      rateLimitKey: appBudget(key.id),
    },
  }
}

/** Refuses an app without `scope` (FORBIDDEN `scope`, answered 403 with requiredScopes). */
export function requireScope(principal: Principal, scope: string | undefined): void {
  if (scope === undefined || principal.scopes.includes(scope)) return
  throw new AppError('FORBIDDEN', `app ${principal.accessKeyId} lacks ${scope}`, {
    details: { resource: 'scope', hint: scope },
  })
}

function missing(parameter: string): AppError {
  return new AppError('MISSING_PARAMETER', `${parameter} is required`, { details: { parameter } })
}
