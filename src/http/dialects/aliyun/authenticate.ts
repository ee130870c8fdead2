// Who sent an Aliyun RPC request, proven: V1 (HMAC-SHA1, GET or POST form) or V3
// (ACS3-HMAC-SHA256), long-term keys or a PlayAuth's temporary key, the ±15 min clock window.
// The nonce is returned, not spent (mount.ts spends it after the rate limit); crypto is in core.
import { AppError, type Refusal } from '../../../core/errors.ts'
import type { QueryPair } from '../../../core/encoding/query.ts'
import { decodeAuthInfo } from '../../../core/schemes/aliyun-play-auth/canonical.ts'
import type { TemporaryCredential } from '../../../core/schemes/aliyun-play-auth/verify.ts'
import { stringToSignV1 } from '../../../core/schemes/aliyun-rpc/canonical.ts'
import {
  DEFAULT_SKEW_SECONDS,
  checkTimestamp,
  checkV1SignatureMethod,
  parseAcs3Authorization,
  verifyV1,
  verifyV3,
  type Acs3Authorization,
} from '../../../core/schemes/aliyun-rpc/verify.ts'
import type { Authenticated, DialectContext } from '../contract.ts'
import { AliyunFault, REASON_VARIANTS, type AliyunReason } from './errors.ts'
import { header, type RpcRequest } from './parse.ts'

export const API_VERSION = '2017-03-21'

/** The only action a PlayAuth's temporary key may call (for its own video). */
export const TEMPORARY_CREDENTIAL_ACTIONS: readonly string[] = ['GetPlayInfo']

const TEMPORARY_KEY_PREFIX = 'STS.'

export interface Principal {
  readonly tenantId: string
  readonly accessKeyId: string
  /** Set when the request was signed with a PlayAuth's temporary key. */
  readonly temporary?: {
    readonly credential: TemporaryCredential
    /** The PlayAuth's domain, from the verified AuthInfo the web player forwards. */
    readonly playDomain?: string
  }
}

function missing(parameter: string): AliyunFault {
  return new AliyunFault('Missing{Param}', `${parameter} missing`, { details: { parameter } })
}

/** A core verdict's refusal, worded the way Aliyun words that reason. */
function refusal(verdict: Refusal<AliyunReason>, parameter?: string): AppError {
  const variant = REASON_VARIANTS[verdict.reason]
  const details = parameter ? { parameter } : {}
  return variant
    ? new AliyunFault(variant, verdict.reason, { details })
    : new AppError(verdict.code, verdict.reason, { details })
}

/**
 * Authenticates a parsed request and names the nonce it spends and for how long. A temporary
 * key's scope is the dialect's `scope` step (see {@link TEMPORARY_CREDENTIAL_ACTIONS}).
 * @see aliyun-vod.md §4, §5, §6, §11.6
 */
export async function authenticate(
  rpc: RpcRequest,
  ctx: DialectContext,
): Promise<Authenticated<Principal>> {
  const proven = rpc.authorization ? await authenticateV3(rpc, ctx) : await authenticateV1(rpc, ctx)
  return {
    principal: proven.principal,
    nonce: {
      scope: proven.principal.accessKeyId,
      value: proven.nonce,
      windowSeconds: proven.nonceWindow,
    },
  }
}

/** A temporary credential may call only {@link TEMPORARY_CREDENTIAL_ACTIONS}. */
export function checkScope(principal: Principal, action: { readonly name: string }): void {
  if (principal.temporary && !TEMPORARY_CREDENTIAL_ACTIONS.includes(action.name))
    throw new AppError('FORBIDDEN', `a temporary credential may not call ${action.name}`)
}

interface Proven {
  readonly principal: Principal
  readonly nonce: string
  /** Seconds the nonce must be remembered for a replay to be refused. */
  readonly nonceWindow: number
}

/** Remembers a nonce until its request's timestamp leaves the window, and at least 15 min. */
function timestampWindow(at: number, now: number): number {
  return Math.max(DEFAULT_SKEW_SECONDS, Math.ceil((at - now) / 1000) + DEFAULT_SKEW_SECONDS + 1)
}

function checkedTimestamp(value: string, now: number): number {
  const verdict = checkTimestamp(value, now)
  if (!verdict.ok) throw refusal(verdict, 'Timestamp')
  return verdict.value
}

async function authenticateV1(rpc: RpcRequest, deps: DialectContext): Promise<Proven> {
  const p = rpc.params
  const now = deps.clock.now()
  const signatureMethod = p.get('SignatureMethod')
  if (!signatureMethod) throw missing('SignatureMethod')
  const signatureVersion = p.get('SignatureVersion')
  if (!signatureVersion) throw missing('SignatureVersion')
  const method = checkV1SignatureMethod(signatureMethod, signatureVersion)
  if (!method.ok) throw refusal(method, 'SignatureVersion')
  const accessKeyId = p.get('AccessKeyId')
  if (!accessKeyId) throw missing('AccessKeyId')
  if (!p.has('Signature')) throw missing('Signature')
  const nonce = p.get('SignatureNonce')
  if (!nonce) throw missing('SignatureNonce')
  const authInfo = p.get('AuthInfo')
  const timestamp = p.get('Timestamp')
  // The web player never sends Timestamp; its freshness is the PlayAuth's expiry (§11.3, §14).
  // A long-term key has no expiry to stand in, so only a temporary key may leave it out.
  if (
    timestamp === undefined &&
    (authInfo === undefined || !accessKeyId.startsWith(TEMPORARY_KEY_PREFIX))
  )
    throw missing('Timestamp')
  const at = timestamp === undefined ? undefined : checkedTimestamp(timestamp, now)

  const signer = await signerOf(accessKeyId, p.get('SecurityToken'), authInfo, deps)
  const verdict = verifyV1(
    { method: rpc.method, params: [...rpc.query, ...rpc.form], secret: signer.secret },
    deps.crypto,
  )
  if (!verdict.ok) {
    if (verdict.code !== 'SIGNATURE_MISMATCH') throw refusal(verdict, 'Signature')
    const hint = signer.principal.temporary
      ? maskedStringToSign(rpc.method, [...rpc.query, ...rpc.form])
      : verdict.stringToSign
    throw new AppError('SIGNATURE_MISMATCH', 'V1 signature mismatch', { details: { hint } })
  }
  await signer.afterSignature()
  const windows = [at === undefined ? 0 : timestampWindow(at, now), signer.credentialWindow(now)]
  return { principal: signer.principal, nonce, nonceWindow: Math.max(...windows) }
}

async function authenticateV3(rpc: RpcRequest, deps: DialectContext): Promise<Proven> {
  const parsed = parseAcs3Authorization(rpc.authorization ?? '')
  if (!parsed.ok) throw refusal(parsed)
  const authorization: Acs3Authorization = parsed.value
  const now = deps.clock.now()
  const date = header(rpc.headers, 'x-acs-date')
  const nonce = header(rpc.headers, 'x-acs-signature-nonce')
  if (!date || !nonce)
    throw new AliyunFault('IncompleteSignature', 'x-acs-date or x-acs-signature-nonce missing')
  const at = checkedTimestamp(date, now)

  const signer = await signerOf(
    authorization.accessKeyId,
    header(rpc.headers, 'x-acs-security-token'),
    rpc.params.get('AuthInfo'),
    deps,
  )
  const verdict = verifyV3(
    {
      method: rpc.method,
      path: '/',
      query: rpc.query,
      headers: rpc.headers,
      body: rpc.body,
      authorization,
      secret: signer.secret,
    },
    deps.crypto,
  )
  // The V3 string-to-sign is a hash line: nothing of a credential shows, so it is always echoed.
  if (!verdict.ok) {
    if (verdict.code !== 'SIGNATURE_MISMATCH') throw refusal(verdict)
    throw new AppError('SIGNATURE_MISMATCH', `V3 ${verdict.reason}`, {
      details: { hint: verdict.stringToSign },
    })
  }
  await signer.afterSignature()
  return {
    principal: signer.principal,
    nonce,
    nonceWindow: Math.max(timestampWindow(at, now), signer.credentialWindow(now)),
  }
}

interface Signer {
  readonly secret: string
  readonly principal: Principal
  /** Checks that only make sense once the signature proved the caller holds the secret. */
  afterSignature(): Promise<void>
  credentialWindow(now: number): number
}

// A long-term key's Signer: shared functions, since under tsx each closure made per request
// also gets its name set (a measurable part of a GetVideoPlayAuth).
const nothingAfterSignature = () => Promise.resolve()
const noCredentialWindow = () => 0

/** The secret to verify with, and who it belongs to: a long-term key or a PlayAuth's. */
async function signerOf(
  accessKeyId: string,
  securityToken: string | undefined,
  authInfo: string | undefined,
  deps: DialectContext,
): Promise<Signer> {
  if (accessKeyId.startsWith(TEMPORARY_KEY_PREFIX)) {
    const verdict = await deps.services.aliyunPlayback.verifyTemporaryCredential({
      accessKeyId,
      securityToken,
      authInfo,
    })
    if (!verdict.ok) throw refusal(verdict, 'SecurityToken')
    const credential = verdict.value
    const playDomain = authInfo === undefined ? undefined : decodeAuthInfo(authInfo)?.playDomain
    return {
      secret: credential.secret,
      principal: {
        tenantId: credential.tenantId,
        accessKeyId,
        temporary: { credential, ...(playDomain ? { playDomain } : {}) },
      },
      async afterSignature() {
        if (await deps.services.revocations.isRevoked(accessKeyId))
          throw new AppError('TOKEN_REVOKED', `${accessKeyId} is revoked`)
        await deps.services.tenants.requireActive(credential.tenantId)
      },
      credentialWindow: (now) => Math.max(1, credential.expiresAt - Math.floor(now / 1000) + 1),
    }
  }
  const found = await deps.services.accessKeys.lookup('aliyun', accessKeyId)
  if (!found.ok) throw new AppError(found.code, found.reason)
  return {
    secret: found.value.key.secret,
    principal: { tenantId: found.value.tenant.id, accessKeyId },
    afterSignature: nothingAfterSignature,
    credentialWindow: noCredentialWindow,
  }
}

/**
 * The V1 string-to-sign with the SecurityToken and AuthInfo values replaced by `***`: Aliyun
 * echoes its string-to-sign, but ours would then carry a temporary credential's token into client
 * logs. Parameter names, order and encoding, the useful part for debugging, survive.
 */
export function maskedStringToSign(method: string, pairs: readonly QueryPair[]): string {
  const signatureAt = pairs.findIndex(([name]) => name === 'Signature')
  const signed = pairs.filter(
    ([name], i) => !(name === 'RegionId' && signatureAt >= 0 && i > signatureAt),
  )
  return stringToSignV1(
    method,
    signed.map(([name, value]): QueryPair =>
      name === 'SecurityToken' || name === 'AuthInfo' ? [name, '***'] : [name, value],
    ),
  )
}
