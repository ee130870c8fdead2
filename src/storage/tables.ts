// Table shapes for Kysely. snake_case and plural, so SQL reads the same in tests and in psql.
// Times are epoch milliseconds (bigint), booleans 0/1, lists and maps JSON text: one encoding
// that SQLite and PostgreSQL share.
import type { Insertable, Selectable, Updateable } from 'kysely'

export interface TenantTable {
  id: string
  name: string
  status: string
  created_at: number
}

export interface AccessKeyTable {
  id: string
  tenant_id: string
  protocol: string
  key_id: string
  /** AES-256-GCM under the master key (see core/secret-box.ts). */
  secret_sealed: string
  status: string
  description: string
  created_at: number
}

export interface AdminTokenTable {
  id: string
  name: string
  /** SHA-256 of the token: admin tokens are verified, never shown again. */
  token_hash: string
  created_at: number
}

export interface VideoTable {
  id: string
  tenant_id: string
  reference_id: string | null
  title: string
  description: string
  tags: string
  cover_url: string | null
  duration: number
  size: number
  status: string
  audit_status: string
  settings: string
  /** Host of the video's own play domain; null = the tenant's default. */
  play_domain: string | null
  created_at: number
  updated_at: number
}

/** Another name a vendor's API knows a video by (Polyv vid, DingTalk mediaId, Tencent stream). */
export interface VideoAliasTable {
  tenant_id: string
  vendor: string
  alias: string
  video_id: string
  created_at: number
}

/** A tenant's account at a vendor: Aliyun CustomerId and region, Tencent AppId (and region). */
export interface VendorAccountTable {
  tenant_id: string
  vendor: string
  account_id: string | null
  region: string | null
  updated_at: number
}

export interface StreamTable {
  id: string
  video_id: string
  format: string
  definition: string
  width: number
  height: number
  bitrate: number
  fps: number
  size: number
  duration: number
  location: string
  status: string
  encrypted: number
  created_at: number
}

export interface PlayDomainTable {
  id: string
  tenant_id: string
  host: string
  scheme: string
  auth_enabled: number
  ttl_seconds: number
  allowed_origins: string
  is_default: number
  primary_key_id: string
  primary_key_sealed: string
  backup_key_id: string | null
  backup_key_sealed: string | null
  rotated_at: number | null
  created_at: number
}

export interface PlayPasswordTable {
  video_id: string
  /** Names the password among the video's (one per audience); Polyv's API manages `default`. */
  label: string
  /** Sealed, not hashed: Polyv returns the password to its owner. */
  password_sealed: string
  created_at: number
  updated_at: number
}

export interface PlaysafeSettingsTable {
  tenant_id: string
  /** Polyv `encrypt` 0/1: whether new uploads are encrypted. */
  encrypt: number
  /** Polyv `hlslevel`: open | web | app | wxa_app. */
  hls_level: string
  updated_at: number
}

export interface DingtalkOrgTable {
  tenant_id: string
  corp_id: string
  name: string
}

export interface DingtalkUserTable {
  tenant_id: string
  union_id: string
  user_id: string
  name: string
}

export interface ConferenceTable {
  id: string
  tenant_id: string
  title: string
  host_union_id: string
  participants: string
  started_at: number
  ended_at: number | null
}

export interface RecordingTable {
  id: string
  conference_id: string
  video_id: string
  media_id: string
  region_id: string
  union_id: string
  started_at: number
  ended_at: number
  duration_ms: number
  file_size: number
}

export interface DingtalkAppTable {
  access_key_id: string
  scopes: string
}

export interface ConferenceStateTable {
  conference_id: string
  room_code: string | null
  recording_started_at: number | null
  recording_union_id: string | null
  recording_mode: string | null
  recording_window: string | null
}

export interface TranscriptParagraphTable {
  conference_id: string
  seq: number
  record_id: number
  union_id: string
  nick_name: string
  paragraph: string
  start_ms: number
  end_ms: number
  status: number
  /** JSON: the sentences with their words. */
  sentences: string
}

export interface LiveStreamTable {
  id: string
  tenant_id: string
  play_domain_id: string
  app_name: string
  stream_name: string
  location: string
  video_id: string | null
  /** AES-256-GCM under the master key; null = publishing refused. */
  push_key_sealed: string | null
  enabled: number
  created_at: number
  updated_at: number
}

export interface AuditEventTable {
  id: string
  tenant_id: string | null
  kind: string
  subject: string
  reason: string | null
  detail: string
  at: number
}

/** One per play domain or video: `rules` is the ordered JSON list; null caps are off. */
export interface ViewerPolicyTable {
  scope: string
  scope_id: string
  tenant_id: string
  rules: string
  max_ips_per_credential: number | null
  max_sessions_per_viewer: number | null
  session_idle_seconds: number | null
  callback_url: string | null
  callback_timeout_ms: number | null
  callback_fail_open: number
  updated_at: number
}

/** A revocation entry; `domain_id` null covers every play domain of the tenant. */
export interface RevocationTable {
  id: string
  tenant_id: string
  domain_id: string | null
  kind: string
  value: string
  reason: string
  expires_at: number
  created_at: number
}

/** How many requests one issued credential may make in all (`maxUses`), until it expires. */
export interface CredentialLimitTable {
  credential_id: string
  tenant_id: string
  domain_id: string
  max_uses: number
  expires_at: number
  created_at: number
}

export interface Database {
  tenants: TenantTable
  access_keys: AccessKeyTable
  admin_tokens: AdminTokenTable
  videos: VideoTable
  video_aliases: VideoAliasTable
  vendor_accounts: VendorAccountTable
  streams: StreamTable
  play_domains: PlayDomainTable
  play_passwords: PlayPasswordTable
  playsafe_settings: PlaysafeSettingsTable
  dingtalk_orgs: DingtalkOrgTable
  dingtalk_users: DingtalkUserTable
  conferences: ConferenceTable
  recordings: RecordingTable
  audit_events: AuditEventTable
  viewer_policies: ViewerPolicyTable
  revocations: RevocationTable
  credential_limits: CredentialLimitTable
  dingtalk_apps: DingtalkAppTable
  conference_states: ConferenceStateTable
  transcript_paragraphs: TranscriptParagraphTable
  live_streams: LiveStreamTable
}

export type TenantRow = Selectable<TenantTable>
export type AccessKeyRow = Selectable<AccessKeyTable>
export type VideoRow = Selectable<VideoTable>
export type StreamRow = Selectable<StreamTable>
export type PlayDomainRow = Selectable<PlayDomainTable>
export type LiveStreamRow = Selectable<LiveStreamTable>
export type AuditEventRow = Selectable<AuditEventTable>
export type NewVideo = Insertable<VideoTable>
export type VideoUpdate = Updateable<VideoTable>
