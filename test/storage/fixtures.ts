// Rows for repository tests: a secret box under a fixed master key and factories whose every
// field is set to a non-default value, so a round-trip that drops or mangles one shows up.
import assert from 'node:assert/strict'
import type {
  AccessKeyWithSecret,
  PlayDomainWithKeys,
  Stream,
  Tenant,
  Video,
} from '../../src/core/model.ts'
import { isAppError, type ErrorCode } from '../../src/core/errors.ts'
import { createSecretBox, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import type { Db } from '../../src/storage/db.ts'
import { insertTenant } from '../../src/storage/repositories/tenants.ts'

export const MASTER_KEY_HEX = 'e33fd048e6b3cec452267b232c8f89afbb2305c18ad2911c81f2a93080d41375'
export const box = createSecretBox(parseMasterKey(MASTER_KEY_HEX)!, nodeCrypto)

/** 2026-01-01T00:00:00.123Z: milliseconds included, so truncation to seconds would show. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0, 123)
export const at = (offsetMs = 0) => new Date(T0 + offsetMs)

export function makeTenant(overrides: Partial<Tenant> = {}): Tenant {
  return { id: 'tn_a', name: 'Tenant A', status: 'active', createdAt: at(), ...overrides }
}

/** Inserts tenants by id (each a second after the previous) and returns them. */
export async function seedTenants(db: Db, ...ids: string[]): Promise<Tenant[]> {
  const out: Tenant[] = []
  for (const [i, id] of ids.entries()) {
    out.push(await insertTenant(db, makeTenant({ id, name: `Tenant ${id}`, createdAt: at(i) })))
  }
  return out
}

export function makeAccessKey(overrides: Partial<AccessKeyWithSecret> = {}): AccessKeyWithSecret {
  return {
    id: 'ak_1',
    tenantId: 'tn_a',
    protocol: 'aliyun',
    keyId: 'LTAIexample0000000001',
    secret: 'plaintext-secret-aliyun-0001',
    status: 'active',
    description: 'CI key',
    createdAt: at(),
    ...overrides,
  }
}

export function makeVideo(overrides: Partial<Video> = {}): Video {
  return {
    id: '0123456789abcdef0123456789abcdef',
    tenantId: 'tn_a',
    referenceId: 'ref-1',
    title: '标题 title',
    description: 'a description',
    tags: ['demo', '演示'],
    coverUrl: 'https://img.example.com/c.jpg',
    duration: 6.006,
    // Over 2^32 so a 32-bit column or a string from pg's int8 would show.
    size: 5_000_000_000_123,
    status: 'Normal',
    auditStatus: 'Checking',
    settings: { qid: 'form-1' },
    playDomain: null,
    createdAt: at(),
    updatedAt: at(1500),
    ...overrides,
  }
}

export function makeStream(overrides: Partial<Stream> = {}): Stream {
  return {
    id: 'st_1',
    videoId: '0123456789abcdef0123456789abcdef',
    format: 'mp4',
    definition: 'HD',
    width: 1280,
    height: 720,
    bitrate: 1234.5,
    fps: 29.97,
    size: 4_294_967_297,
    duration: 6.006,
    location: 'demo/mp4/demo.mp4',
    status: 'Normal',
    encrypted: true,
    createdAt: at(),
    ...overrides,
  }
}

export function makeDomain(overrides: Partial<PlayDomainWithKeys> = {}): PlayDomainWithKeys {
  return {
    id: 'pd_1',
    tenantId: 'tn_a',
    host: 'video.example.com',
    scheme: 'aliyun-a',
    authEnabled: false,
    ttlSeconds: 3600,
    allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
    isDefault: true,
    createdAt: at(),
    keys: {
      primary: { id: 'k0001', secret: 'primary-plaintext-key' },
      backup: { id: 'k0002', secret: 'backup-plaintext-key' },
      rotatedAt: at(60_000),
    },
    ...overrides,
  }
}

/** Asserts that `promise` rejects with an AppError of `code`. */
/** Rejects with an AppError of `code` (and, given `hint`, the message every API shows). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: ErrorCode,
  hint?: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAppError(error), `expected AppError ${code}, got ${String(error)}`)
    assert.equal(error.code, code)
    if (hint !== undefined) assert.equal(error.details.hint, hint)
    return true
  })
}
