// Forward-only migrations, listed in order. Imported statically so a built dist needs no glob.
import type { Migration } from 'kysely'
import * as createDomain from './0001-create-domain.ts'
import * as createServerKeys from './0002-create-server-keys.ts'
import * as catalogAliasesAndAccounts from './0003-catalog-aliases-and-accounts.ts'
import * as createLiveStreams from './0004-create-live-streams.ts'
import * as createDingtalkApps from './0005-create-dingtalk-apps.ts'
import * as polyvPlayProtection from './0006-polyv-play-protection.ts'
import * as createViewerControls from './0007-create-viewer-controls.ts'
import * as createCredentialLimits from './0008-create-credential-limits.ts'
import * as polyvVidsAsAliases from './0010-polyv-vids-as-aliases.ts'
import * as playDomainsTenantIndex from './0011-play-domains-tenant-index.ts'

export const MIGRATIONS: Record<string, Migration> = {
  '0001-create-domain': createDomain,
  '0002-create-server-keys': createServerKeys,
  '0003-catalog-aliases-and-accounts': catalogAliasesAndAccounts,
  '0004-create-live-streams': createLiveStreams,
  '0005-create-dingtalk-apps': createDingtalkApps,
  '0006-polyv-play-protection': polyvPlayProtection,
  '0007-create-viewer-controls': createViewerControls,
  '0008-create-credential-limits': createCredentialLimits,
  '0010-polyv-vids-as-aliases': polyvVidsAsAliases,
  '0011-play-domains-tenant-index': playDomainsTenantIndex,
}
