// Import of a tenant's access keys and play domains, inside the importer's transaction. A key
// whose secret does not change keeps its id; a DingTalk app's tokens die with its secret.
import { newId } from '../core/ids.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { toHex } from '../core/encoding/bytes.ts'
import { findAccessKeyWithSecret, upsertAccessKey } from '../storage/repositories/access-keys.ts'
import { findPlayDomainWithKeys, upsertPlayDomain } from '../storage/repositories/play-domains.ts'
import { revokeDingtalkApp } from './dingtalk-tokens.ts'
import { outcomeOf, type Outcome } from './import-compare.ts'
import type { TenantDoc } from './import-document.ts'
import type { ImportKind, WriteDeps } from './import.ts'
import { normalizeHost } from './play-domains.ts'
import { randomString } from './secrets.ts'

export async function writeKeysAndDomains(
  deps: WriteDeps,
  t: TenantDoc,
  now: Date,
  count: (kind: ImportKind, outcome: Outcome) => void,
): Promise<void> {
  const { db, box } = deps
  const tenantId = t.id
  for (const k of t.accessKeys ?? []) {
    const wanted = {
      tenantId,
      secret: k.secret,
      status: k.status ?? 'active',
      description: k.description ?? '',
    }
    const stored = await findAccessKeyWithSecret(db, box, k.protocol, k.keyId)
    const outcome = outcomeOf(
      stored,
      stored && {
        tenantId: stored.tenantId,
        secret: stored.secret,
        status: stored.status,
        description: stored.description,
      },
      wanted,
    )
    if (outcome !== 'unchanged')
      await upsertAccessKey(db, box, {
        id: stored?.id ?? newId(deps.crypto, 'accessKey'),
        protocol: k.protocol,
        keyId: k.keyId,
        ...wanted,
        createdAt: stored?.createdAt ?? now,
      })
    // A DingTalk token dies with its app's secret or status, so no later import revives it.
    const retired = stored && (stored.secret !== wanted.secret || stored.status !== wanted.status)
    if (retired && stored.protocol === 'dingtalk') await revokeDingtalkApp(deps.state, stored.id)
    count('accessKeys', outcome)
  }

  for (const d of t.playDomains ?? []) {
    const host = normalizeHost(d.host)
    const stored = await findPlayDomainWithKeys(db, box, { host })
    const next = nextDomain(deps, tenantId, host, d, stored, now)
    const outcome = outcomeOf(stored, stored && domainState(stored), domainState(next))
    if (outcome !== 'unchanged') await upsertPlayDomain(db, box, next)
    count('playDomains', outcome)
  }
}

function domainState(d: PlayDomainWithKeys) {
  return {
    tenantId: d.tenantId,
    scheme: d.scheme,
    authEnabled: d.authEnabled,
    ttlSeconds: d.ttlSeconds,
    allowedOrigins: d.allowedOrigins,
    isDefault: d.isDefault,
    primary: d.keys.primary.secret,
    backup: d.keys.backup?.secret ?? null,
  }
}

/**
 * The domain as the file wants it. Key ids are kept while a secret stays the same; a key the file
 * leaves out is kept (or generated for a new domain), since a secret has no sensible default.
 */
function nextDomain(
  deps: WriteDeps,
  tenantId: string,
  host: string,
  d: NonNullable<TenantDoc['playDomains']>[number],
  stored: PlayDomainWithKeys | undefined,
  now: Date,
): PlayDomainWithKeys {
  const newKeyId = () => 'k' + toHex(deps.crypto.randomBytes(4))
  const primarySecret = d.primaryKey ?? stored?.keys.primary.secret ?? randomString(deps.crypto, 32)
  const primary =
    stored && stored.keys.primary.secret === primarySecret
      ? stored.keys.primary
      : { id: newKeyId(), secret: primarySecret }
  const backupSecret =
    d.backupKey === undefined ? (stored?.keys.backup?.secret ?? null) : d.backupKey
  const backup =
    backupSecret === null
      ? null
      : stored?.keys.backup?.secret === backupSecret
        ? stored.keys.backup
        : { id: newKeyId(), secret: backupSecret }
  return {
    id: stored?.id ?? newId(deps.crypto, 'playDomain'),
    tenantId,
    host,
    scheme: d.scheme,
    authEnabled: d.authEnabled ?? true,
    ttlSeconds: d.ttlSeconds ?? 1800,
    allowedOrigins: d.allowedOrigins ?? ['*'],
    isDefault: d.isDefault ?? false,
    createdAt: stored?.createdAt ?? now,
    keys: { primary, backup, rotatedAt: stored?.keys.rotatedAt ?? null },
  }
}
