// DingTalk app access tokens (dingtalk.md §1): one current token per app, 7200 s, the same token
// returned and renewed while valid, a new one after expiry; shared by the v1.0 and the legacy API.
// Tokens live only in shared state, so every replica sees them: looked up by SHA-256, and sealed
// under the master key where the app's entry must hand the same token out again.
import { toHex } from '../core/encoding/bytes.ts'
import { AppError, accept, reject, type Verdict } from '../core/errors.ts'
import type { AccessKeyWithSecret, Tenant } from '../core/model.ts'
import type { SharedState } from '../core/shared-state.ts'
import type { AccessKeys } from './access-keys.ts'
import type { ServiceDeps } from './deps.ts'

/** `expireIn` of every token answer, and its lifetime (dingtalk.md §1.3). */
export const DINGTALK_TOKEN_SECONDS = 7200

/** 128 random bits as 32 lower-case hex characters, the shape of DingTalk's own tokens. */
const TOKEN_SHAPE = /^[0-9a-f]{32}$/

export interface IssuedDingtalkToken {
  readonly accessToken: string
  /** Seconds: always {@link DINGTALK_TOKEN_SECONDS}. */
  readonly expiresIn: number
}

/** Who a valid token speaks for. */
export interface DingtalkPrincipal {
  readonly key: AccessKeyWithSecret
  readonly tenant: Tenant
  /** Epoch ms at which the token stops working (unless renewed meanwhile). */
  readonly expiresAt: number
}

/** The app's current token (shared state `dingtalk:app:<access key id>`). */
interface AppEntry {
  readonly sealed: string
  readonly hash: string
  readonly expiresAt: number
  readonly fingerprint: string
}

/** What a token hash resolves to (shared state `dingtalk:token:<sha256>`). */
interface TokenEntry {
  readonly accessKeyId: string
  readonly appKey: string
  readonly expiresAt: number
  readonly fingerprint: string
}

const appKeyOf = (accessKeyId: string) => `dingtalk:app:${accessKeyId}`
const tokenKeyOf = (hash: string) => `dingtalk:token:${hash}`

/**
 * Drops the app's current token from shared state, so no replica honours it again; for writers
 * that change a key without the access-keys service (the importer) as well as for it.
 */
export async function revokeDingtalkApp(state: SharedState, accessKeyId: string): Promise<void> {
  const text = await state.get(appKeyOf(accessKeyId))
  if (text === undefined) return
  let hash: unknown
  try {
    hash = (JSON.parse(text) as Partial<AppEntry>).hash
  } catch {
    hash = undefined
  }
  if (typeof hash === 'string') await state.delete(tokenKeyOf(hash))
  await state.delete(appKeyOf(accessKeyId))
}

export function createDingtalkTokens(
  deps: Pick<ServiceDeps, 'state' | 'crypto' | 'clock' | 'box'>,
  accessKeys: Pick<AccessKeys, 'lookup'>,
) {
  const hashOf = (token: string) => toHex(deps.crypto.hash('sha256', token))
  // Changes whenever the secret does: a rotated appSecret retires every token issued under the old
  // one. A truncated hash of a high-entropy secret tells a reader of the store nothing useful.
  const fingerprintOf = (key: AccessKeyWithSecret) =>
    toHex(deps.crypto.hash('sha256', `${key.id}\n${key.secret}`)).slice(0, 32)

  async function read<T>(key: string): Promise<T | undefined> {
    const text = await deps.state.get(key)
    if (text === undefined) return undefined
    try {
      return JSON.parse(text) as T
    } catch {
      return undefined
    }
  }

  async function store(key: AccessKeyWithSecret, token: string, hash: string, expiresAt: number) {
    const fingerprint = fingerprintOf(key)
    const app: AppEntry = { sealed: deps.box.seal(token), hash, expiresAt, fingerprint }
    const entry: TokenEntry = { accessKeyId: key.id, appKey: key.keyId, expiresAt, fingerprint }
    // The token entry first: an app entry never points at a token that cannot be resolved.
    await deps.state.set(tokenKeyOf(hash), JSON.stringify(entry), DINGTALK_TOKEN_SECONDS)
    await deps.state.set(appKeyOf(key.id), JSON.stringify(app), DINGTALK_TOKEN_SECONDS)
  }

  return {
    /**
     * The app's token for `appKey`/`appSecret`: its current one renewed for another 7200 s while it
     * is valid, else a new one. Unknown key or wrong secret: ACCESS_KEY_NOT_FOUND or
     * SIGNATURE_MISMATCH; disabled key ACCESS_KEY_DISABLED; suspended org TENANT_SUSPENDED.
     */
    async issue(appKey: string, appSecret: string): Promise<IssuedDingtalkToken> {
      const found = await accessKeys.lookup('dingtalk', appKey)
      if (!found.ok) throw new AppError(found.code, found.reason)
      const { key } = found.value
      if (!deps.crypto.timingSafeEqual(key.secret, appSecret))
        throw new AppError('SIGNATURE_MISMATCH', `wrong appSecret for ${key.id}`)
      const now = deps.clock.now()
      const expiresAt = now + DINGTALK_TOKEN_SECONDS * 1000
      const current = await read<AppEntry>(appKeyOf(key.id))
      if (current && current.expiresAt > now && current.fingerprint === fingerprintOf(key)) {
        const token = openSealed(current.sealed)
        if (token !== undefined && hashOf(token) === current.hash) {
          await store(key, token, current.hash, expiresAt)
          return { accessToken: token, expiresIn: DINGTALK_TOKEN_SECONDS }
        }
      }
      if (current) await deps.state.delete(tokenKeyOf(current.hash))
      const token = toHex(deps.crypto.randomBytes(16))
      await store(key, token, hashOf(token), expiresAt)
      return { accessToken: token, expiresIn: DINGTALK_TOKEN_SECONDS }
    },

    /**
     * Who `token` speaks for. Unknown, malformed, expired, or issued under a secret since rotated
     * or a key since disabled or removed: TOKEN_INVALID or TOKEN_EXPIRED (such a token is dropped
     * for good). A suspended org is TENANT_SUSPENDED.
     */
    async authenticate(token: string): Promise<Verdict<DingtalkPrincipal>> {
      if (!TOKEN_SHAPE.test(token)) return reject('TOKEN_INVALID', 'malformed access token')
      const hash = hashOf(token)
      const entry = await read<TokenEntry>(tokenKeyOf(hash))
      if (!entry) return reject('TOKEN_INVALID', 'unknown access token')
      if (entry.expiresAt <= deps.clock.now())
        return reject('TOKEN_EXPIRED', `access token of ${entry.accessKeyId} expired`)
      const found = await accessKeys.lookup('dingtalk', entry.appKey)
      if (!found.ok) {
        if (found.code === 'TENANT_SUSPENDED') return reject(found.code, found.reason)
        await revoke(entry.accessKeyId, hash)
        return reject('TOKEN_INVALID', `access token of ${entry.accessKeyId}: ${found.reason}`)
      }
      const { key, tenant } = found.value
      if (key.id !== entry.accessKeyId || fingerprintOf(key) !== entry.fingerprint) {
        await revoke(entry.accessKeyId, hash)
        return reject('TOKEN_INVALID', `access token of ${entry.accessKeyId} predates its secret`)
      }
      return accept({ key, tenant, expiresAt: entry.expiresAt })
    },

    /** Drops the app's current token at once, on every replica (the key was disabled or rotated). */
    revokeApp: (accessKeyId: string) => revokeDingtalkApp(deps.state, accessKeyId),
  }

  async function revoke(accessKeyId: string, hash: string): Promise<void> {
    await deps.state.delete(tokenKeyOf(hash))
    const current = await read<AppEntry>(appKeyOf(accessKeyId))
    if (current?.hash === hash) await deps.state.delete(appKeyOf(accessKeyId))
  }

  function openSealed(sealed: string): string | undefined {
    try {
      return deps.box.open(sealed)
    } catch {
      return undefined // sealed under another master key: mint a new token instead
    }
  }
}

export type DingtalkTokens = ReturnType<typeof createDingtalkTokens>
