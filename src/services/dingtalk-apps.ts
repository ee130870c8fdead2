// DingTalk apps: which API scopes a `dingtalk` access key holds. A key never given scopes holds
// every conference scope, so a fixture's app works at once; an explicit list (even []) is exact.
import { AppError } from '../core/errors.ts'
import { DINGTALK_SCOPES, type DingtalkApp } from '../core/model.ts'
import { findAccessKey } from '../storage/repositories/access-keys.ts'
import { findDingtalkApp, upsertDingtalkApp } from '../storage/repositories/dingtalk-apps.ts'
import type { ServiceDeps } from './deps.ts'

/** What a key without a stored scope list holds. */
export const DEFAULT_DINGTALK_SCOPES: readonly string[] = [
  DINGTALK_SCOPES.read,
  DINGTALK_SCOPES.write,
]

/** A DingTalk permission code, e.g. `VideoConference.Conference.Read` or `qyapi_base`. */
const SCOPE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/
export const MAX_SCOPES = 200

export function createDingtalkApps(deps: Pick<ServiceDeps, 'db'>) {
  async function dingtalkKey(accessKeyId: string) {
    const key = await findAccessKey(deps.db, accessKeyId)
    if (!key || key.protocol !== 'dingtalk')
      throw new AppError('NOT_FOUND', `DingTalk app ${accessKeyId} not found`, {
        details: { resource: 'accessKey' },
      })
    return key
  }

  return {
    /** The scopes `accessKeyId` holds (the defaults when none were ever set). */
    async get(accessKeyId: string): Promise<DingtalkApp> {
      await dingtalkKey(accessKeyId)
      return (
        (await findDingtalkApp(deps.db, accessKeyId)) ?? {
          accessKeyId,
          scopes: DEFAULT_DINGTALK_SCOPES,
        }
      )
    },
    /** Replaces the app's scopes; each must look like a DingTalk permission code. */
    async setScopes(accessKeyId: string, scopes: readonly string[]): Promise<DingtalkApp> {
      await dingtalkKey(accessKeyId)
      checkScopes(scopes)
      await upsertDingtalkApp(deps.db, { accessKeyId, scopes })
      return (await findDingtalkApp(deps.db, accessKeyId))!
    },
    /** The scopes a (verified) dingtalk key holds: one indexed read, for every v1.0 call. */
    async scopesOf(accessKeyId: string): Promise<readonly string[]> {
      return (await findDingtalkApp(deps.db, accessKeyId))?.scopes ?? DEFAULT_DINGTALK_SCOPES
    },
  }
}

export function checkScopes(scopes: readonly string[]): void {
  if (scopes.length > MAX_SCOPES)
    throw new AppError('INVALID_PARAMETER', `at most ${MAX_SCOPES} scopes`, {
      details: { parameter: 'scopes' },
    })
  for (const scope of scopes)
    if (!SCOPE.test(scope))
      throw new AppError('INVALID_PARAMETER', `malformed scope "${scope.slice(0, 64)}"`, {
        details: { parameter: 'scopes' },
      })
}

export type DingtalkApps = ReturnType<typeof createDingtalkApps>
