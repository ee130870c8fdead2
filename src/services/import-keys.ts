// Import of a tenant's access keys and play domains, inside the importer's transaction, through
// their services: a key whose secret does not change keeps its id, and each security-relevant
// change is audited (a key created, disabled, its secret changed; a domain's keys).
import type { TenantDoc } from './import-document.ts'
import type { SectionWrite } from './import-section.ts'

export async function writeKeysAndDomains(ctx: SectionWrite, t: TenantDoc): Promise<void> {
  const { writes, services, count, tenantId } = ctx
  for (const k of t.accessKeys ?? []) {
    const key = {
      tenantId,
      protocol: k.protocol,
      keyId: k.keyId,
      secret: k.secret,
      status: k.status ?? 'active',
      description: k.description ?? '',
    }
    count('accessKeys', await services.accessKeys.put(writes, key))
  }
  for (const d of t.playDomains ?? [])
    count('playDomains', await services.playDomains.put(writes, { tenantId, ...d }))
}
