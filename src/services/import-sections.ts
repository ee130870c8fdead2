// Every section of a tenant in the import format that a module of its own handles, in the order
// they are written (after the tenant's keys, play domains and videos). A new vendor's section is
// one module (import-section.ts) and one line here.
import { dingtalkSection } from './import-dingtalk.ts'
import { liveStreamsSection } from './import-live.ts'
import { polyvSection } from './import-polyv.ts'
import type { ImportSection } from './import-section.ts'
import { viewerControlsSection } from './import-viewer.ts'

export const IMPORT_SECTIONS: readonly ImportSection[] = [
  liveStreamsSection,
  dingtalkSection,
  viewerControlsSection,
  polyvSection,
]
