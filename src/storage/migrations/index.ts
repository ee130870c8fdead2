// Forward-only migrations, listed in order. Imported statically so a built dist needs no glob.
import type { Migration } from 'kysely'
import * as createDomain from './0001-create-domain.ts'

export const MIGRATIONS: Record<string, Migration> = {
  '0001-create-domain': createDomain,
}
