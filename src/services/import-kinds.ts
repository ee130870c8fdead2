// What an import counts: each kind of record, created, updated or left unchanged.

export const IMPORT_KINDS = [
  'tenants',
  'accounts',
  'accessKeys',
  'playDomains',
  'videos',
  'aliases',
  'streams',
  'passwords',
  'dingtalkOrgs',
  'dingtalkApps',
  'dingtalkUsers',
  'conferences',
  'recordings',
  'transcripts',
  'viewerPolicies',
  'revocations',
  'liveStreams',
  'playsafe',
] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
}

export type ImportSummary = Record<ImportKind, ImportCounts>

export function emptySummary(): ImportSummary {
  return Object.fromEntries(
    IMPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as ImportSummary
}
