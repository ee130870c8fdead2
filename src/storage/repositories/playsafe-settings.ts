// A tenant's Polyv playsafe settings (encrypt, hlslevel): one row per tenant, absent until set.
import type { HlsLevel, PlaysafeSettings } from '../../core/model.ts'
import type { Db } from '../db.ts'

export async function findPlaysafeSettings(
  db: Db,
  tenantId: string,
): Promise<PlaysafeSettings | undefined> {
  const row = await db
    .selectFrom('playsafe_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  return (
    row && {
      tenantId: row.tenant_id,
      encrypt: row.encrypt === 1,
      hlsLevel: row.hls_level as HlsLevel,
    }
  )
}

export async function savePlaysafeSettings(
  db: Db,
  settings: PlaysafeSettings,
  at: Date,
): Promise<void> {
  const values = {
    encrypt: settings.encrypt ? 1 : 0,
    hls_level: settings.hlsLevel,
    updated_at: at.getTime(),
  }
  await db
    .insertInto('playsafe_settings')
    .values({ tenant_id: settings.tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute()
}
