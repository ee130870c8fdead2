// Polyv playsafe settings repository on every dialect: absent until saved, replaced in place,
// gone with the tenant.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  findPlaysafeSettings,
  savePlaysafeSettings,
} from '../../src/storage/repositories/playsafe-settings.ts'
import { deleteTenant } from '../../src/storage/repositories/tenants.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'
import { at, seedTenants } from './fixtures.ts'

for (const dialect of DIALECTS) {
  describe(`playsafe settings repository (${dialect})`, () => {
    it('reads nothing until saved, then what was saved last', async (t) => {
      const db = await openTestDb(t, dialect)
      await seedTenants(db, 'tn_a', 'tn_b')
      assert.equal(await findPlaysafeSettings(db, 'tn_a'), undefined)
      await savePlaysafeSettings(db, { tenantId: 'tn_a', encrypt: true, hlsLevel: 'web' }, at())
      await savePlaysafeSettings(db, { tenantId: 'tn_a', encrypt: false, hlsLevel: 'app' }, at(1))
      assert.deepEqual(await findPlaysafeSettings(db, 'tn_a'), {
        tenantId: 'tn_a',
        encrypt: false,
        hlsLevel: 'app',
      })
      assert.equal(await findPlaysafeSettings(db, 'tn_b'), undefined)
      await deleteTenant(db, 'tn_a')
      assert.equal(await findPlaysafeSettings(db, 'tn_a'), undefined)
    })
  })
}
