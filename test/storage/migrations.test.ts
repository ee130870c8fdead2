import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { migrate } from '../../src/storage/db.ts'
import { DIALECTS, openTestDb } from '../helpers/db.ts'

for (const dialect of DIALECTS) {
  describe(`migrations (${dialect})`, () => {
    it('creates every table of the domain model', async (t) => {
      const db = await openTestDb(t, dialect)
      const tables = (await db.introspection.getTables()).map((x) => x.name).sort()
      for (const name of [
        'access_keys',
        'admin_tokens',
        'audit_events',
        'conferences',
        'dingtalk_orgs',
        'dingtalk_users',
        'play_domains',
        'play_passwords',
        'recordings',
        'streams',
        'tenants',
        'videos',
      ]) {
        assert.ok(tables.includes(name), `${name} missing from ${tables.join(', ')}`)
      }
    })

    it('is a no-op when run again', async (t) => {
      const db = await openTestDb(t, dialect)
      assert.deepEqual(await migrate(db), [])
    })
  })
}
