// DingTalk apps: which API scopes a `dingtalk` access key holds. A key never given scopes holds
// every conference scope, so a fixture's app works at once; an explicit list (even []) is exact.
import { AppError, notFoundSaying, quoteId } from '../core/errors.ts'
import { DINGTALK_SCOPES, type AccessKey, type DingtalkApp, type KeyStatus } from '../core/model.ts'
import { findAccessKey, findAccessKeyWithSecret } from '../storage/repositories/access-keys.ts'
import { findDingtalkApp, upsertDingtalkApp } from '../storage/repositories/dingtalk-apps.ts'
import type { AccessKeys } from './access-keys.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './outcome.ts'

/** What a key without a stored scope list holds. */
export const DEFAULT_DINGTALK_SCOPES: readonly string[] = [
  DINGTALK_SCOPES.read,
  DINGTALK_SCOPES.write,
]

/** A DingTalk permission code, e.g. `VideoConference.Conference.Read` or `qyapi_base`. */
const SCOPE = /^[A-Za-z][A-Za-z0-9_.]{0,127}$/
export const MAX_SCOPES = 200

/** An app as the native API shows it: its access key and the scopes it holds. */
export interface DingtalkAppView {
  readonly key: AccessKey
  readonly scopes: readonly string[]
}

export function createDingtalkApps(
  deps: Pick<ServiceDeps, 'db' | 'box'>,
  accessKeys: Pick<AccessKeys, 'issue' | 'list' | 'update' | 'remove'>,
) {
  async function dingtalkKey(accessKeyId: string, tenantId?: string) {
    const key = await findAccessKey(deps.db, accessKeyId)
    if (
      !key ||
      key.protocol !== 'dingtalk' ||
      (tenantId !== undefined && key.tenantId !== tenantId)
    )
      throw notFoundSaying('accessKey', `DingTalk app ${quoteId(accessKeyId)} not found`)
    return key
  }
  const scopesOf = async (accessKeyId: string): Promise<readonly string[]> =>
    (await findDingtalkApp(deps.db, accessKeyId))?.scopes ?? DEFAULT_DINGTALK_SCOPES

  return {
    /** The tenant's apps (its `dingtalk` access keys), oldest first. */
    async list(tenantId: string, page?: number, pageSize?: number) {
      const keys = await accessKeys.list(tenantId, page, pageSize, 'dingtalk')
      const items: DingtalkAppView[] = []
      for (const key of keys.items) items.push({ key, scopes: await scopesOf(key.id) })
      return { ...keys, items }
    },
    async view(tenantId: string, accessKeyId: string): Promise<DingtalkAppView> {
      const key = await dingtalkKey(accessKeyId, tenantId)
      return { key, scopes: await scopesOf(key.id) }
    },
    /** A new app: a `dingtalk` access key (appSecret shown once) with its scopes. */
    async create(input: {
      tenantId: string
      appKey?: string | undefined
      appSecret?: string | undefined
      description?: string | undefined
      scopes?: readonly string[] | undefined
    }) {
      if (input.scopes) checkScopes(input.scopes)
      const issued = await accessKeys.issue({
        tenantId: input.tenantId,
        protocol: 'dingtalk',
        ...(input.appKey !== undefined ? { keyId: input.appKey } : {}),
        ...(input.appSecret !== undefined ? { secret: input.appSecret } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      })
      if (input.scopes)
        await upsertDingtalkApp(deps.db, { accessKeyId: issued.key.id, scopes: input.scopes })
      return { key: issued.key, scopes: await scopesOf(issued.key.id), appSecret: issued.secret }
    },
    /** Scopes, status (disabling revokes the app's token) or description. */
    async update(
      tenantId: string,
      accessKeyId: string,
      changes: {
        scopes?: readonly string[] | undefined
        status?: KeyStatus | undefined
        description?: string | undefined
      },
    ): Promise<DingtalkAppView> {
      await dingtalkKey(accessKeyId, tenantId)
      if (changes.scopes) {
        checkScopes(changes.scopes)
        await upsertDingtalkApp(deps.db, { accessKeyId, scopes: changes.scopes })
      }
      const key = await accessKeys.update(accessKeyId, {
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
      })
      return { key, scopes: await scopesOf(accessKeyId) }
    },
    /** Deletes the app's access key (its scopes and token go with it). */
    async remove(tenantId: string, accessKeyId: string): Promise<void> {
      await dingtalkKey(accessKeyId, tenantId)
      await accessKeys.remove(accessKeyId)
    },

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
    /** Sets the scopes of the tenant's app `appKey` (an import's); whether that changed them. */
    async putScopes(tenantId: string, appKey: string, scopes: readonly string[]): Promise<Outcome> {
      const key = await findAccessKeyWithSecret(deps.db, deps.box, 'dingtalk', appKey)
      if (key?.tenantId !== tenantId)
        throw new AppError('NOT_FOUND', `DingTalk app ${appKey} not found`, {
          details: { resource: 'accessKey' },
        })
      checkScopes(scopes)
      const app = { accessKeyId: key.id, scopes: [...new Set(scopes)].sort() }
      const stored = await findDingtalkApp(deps.db, key.id)
      const outcome = outcomeOf(stored, stored, app)
      if (outcome !== 'unchanged') await upsertDingtalkApp(deps.db, app)
      return outcome
    },
    /** The scopes a (verified) dingtalk key holds: one indexed read, for every v1.0 call. */
    scopesOf,
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
