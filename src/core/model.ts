// The one domain model every dialect maps onto (DESIGN.md "Domain model"). Plain data; storage
// maps rows to these, services pass them around, dialects convert them to vendor wire names.
import type { UrlSchemeName } from './schemes/url-scheme.ts'

export const TENANT_STATUSES = ['active', 'suspended', 'disabled'] as const
export type TenantStatus = (typeof TENANT_STATUSES)[number]

export interface Tenant {
  readonly id: string
  readonly name: string
  readonly status: TenantStatus
  readonly createdAt: Date
}

/** Which API family an access key authenticates. */
export const PROTOCOLS = ['aliyun', 'tencent', 'dingtalk', 'polyv', 'native'] as const
export type Protocol = (typeof PROTOCOLS)[number]

export const KEY_STATUSES = ['active', 'disabled'] as const
export type KeyStatus = (typeof KEY_STATUSES)[number]

export interface AccessKey {
  readonly id: string
  readonly tenantId: string
  readonly protocol: Protocol
  /** The public half the client sends: AccessKeyId, SecretId, appKey, userid. */
  readonly keyId: string
  readonly status: KeyStatus
  readonly description: string
  readonly createdAt: Date
}

/** An access key with its decrypted secret: only services that verify signatures hold one. */
export interface AccessKeyWithSecret extends AccessKey {
  readonly secret: string
}

/** Aliyun VOD video statuses (aliyun-vod.md §9.4). */
export const VIDEO_STATUSES = [
  'Uploading',
  'UploadFail',
  'UploadSucc',
  'Transcoding',
  'TranscodeFail',
  'Checking',
  'Blocked',
  'Normal',
  'ProduceFail',
] as const
export type VideoStatus = (typeof VIDEO_STATUSES)[number]

export interface Video {
  readonly id: string
  readonly tenantId: string
  readonly referenceId: string | null
  readonly title: string
  readonly description: string
  readonly tags: readonly string[]
  readonly coverUrl: string | null
  /** Seconds. */
  readonly duration: number
  /** Bytes of the source (or of the largest stream when no source is kept). */
  readonly size: number
  readonly status: VideoStatus
  readonly auditStatus: string
  /** Dialect extras that are per-video settings, e.g. Polyv's visitor form id `qid`. */
  readonly settings: Readonly<Record<string, string>>
  /** Host of the video's own play domain: used when a request names none; null = tenant default. */
  readonly playDomain: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** Vendors whose APIs name a video by their own id, kept as an alias of it. */
export const ALIAS_VENDORS = ['polyv', 'dingtalk', 'tencent'] as const
export type AliasVendor = (typeof ALIAS_VENDORS)[number]

/** Another name of a video, unique per tenant and vendor: a Polyv vid, a DingTalk mediaId, … */
export interface VideoAlias {
  readonly tenantId: string
  readonly vendor: AliasVendor
  readonly alias: string
  readonly videoId: string
  readonly createdAt: Date
}

/** A tenant's Aliyun account: its UID (PlayAuth `CustomerId`) and default region (`RegionId`). */
export interface AliyunAccount {
  readonly customerId?: number
  readonly region?: string
}

/** A tenant's Tencent Cloud account: its `AppId` and default region. */
export interface TencentAccount {
  readonly appId?: number
  readonly region?: string
}

/** Facts of a tenant's accounts at vendors, echoed where a vendor's wire carries them. */
export interface VendorAccounts {
  readonly aliyun?: AliyunAccount
  readonly tencent?: TencentAccount
}
export const ACCOUNT_VENDORS = ['aliyun', 'tencent'] as const
export type AccountVendor = (typeof ACCOUNT_VENDORS)[number]

export const STREAM_FORMATS = ['m3u8', 'mp4', 'mp3', 'flv', 'mpd'] as const
export type StreamFormat = (typeof STREAM_FORMATS)[number]

export const DEFINITIONS = ['FD', 'LD', 'SD', 'HD', 'OD', '2K', '4K', 'SQ', 'HQ', 'AUTO'] as const
export type Definition = (typeof DEFINITIONS)[number]

export const STREAM_STATUSES = ['Normal', 'Invisible'] as const
export type StreamStatus = (typeof STREAM_STATUSES)[number]

export interface Stream {
  readonly id: string
  readonly videoId: string
  readonly format: StreamFormat
  readonly definition: Definition
  readonly width: number
  readonly height: number
  /** kbit/s. */
  readonly bitrate: number
  readonly fps: number
  /** Bytes (an HLS stream: all its files). */
  readonly size: number
  /** Seconds. */
  readonly duration: number
  /** A path relative to the media root (`demo/hls/index.m3u8`), or an absolute http(s) origin URL. */
  readonly location: string
  readonly status: StreamStatus
  /** Whether the stream is encrypted (Aliyun `Encrypt`, 0/1). */
  readonly encrypted: boolean
  readonly createdAt: Date
}

export interface PlayDomain {
  readonly id: string
  readonly tenantId: string
  /** Host name the URLs are issued for (`video.example.com`); also matched on the edge. */
  readonly host: string
  readonly scheme: UrlSchemeName
  /** Off = the edge serves openly (Tencent `Enable: 0`); the keys are kept for when it is on again. */
  readonly authEnabled: boolean
  /** Validity window of a signed URL (Aliyun TTL, Tencent AuthDelta), seconds. */
  readonly ttlSeconds: number
  /** Allowed CORS origins for the edge; ['*'] by default. */
  readonly allowedOrigins: readonly string[]
  /** Whether this tenant's playback URLs default to this domain. */
  readonly isDefault: boolean
  readonly createdAt: Date
}

/** A play domain's key ring: the primary signs, primary and backup both verify. */
export interface KeyRing {
  readonly primary: { readonly id: string; readonly secret: string }
  readonly backup: { readonly id: string; readonly secret: string } | null
  readonly rotatedAt: Date | null
}

export interface PlayDomainWithKeys extends PlayDomain {
  readonly keys: KeyRing
}

/**
 * A live stream of a play domain, addressed as `{appName}/{streamName}` (Tencent's AppName,
 * default `live`; a transcoded rendition is its own stream `StreamName_<template>`).
 */
export interface LiveStream {
  readonly id: string
  readonly tenantId: string
  readonly playDomainId: string
  readonly appName: string
  readonly streamName: string
  /**
   * Where its HLS playlist is: a path relative to the media root that a live origin writes
   * (`live/test.m3u8`, `live/test/index.m3u8`), or an absolute http(s) URL the edge proxies
   * (`http://mediamtx:8888/live/test/index.m3u8`). Segments resolve relative to it.
   */
  readonly location: string
  /** A catalog video it is bound to for metadata, if any. */
  readonly videoId: string | null
  /** Off = the edge and the origin callbacks refuse it (Tencent ForbidLiveStream). */
  readonly enabled: boolean
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A live stream with its push key (publishing is refused without one). */
export interface LiveStreamWithKey extends LiveStream {
  readonly pushKey: string | null
}

/** The label of the password Polyv's API (and the single-password native API) manages. */
export const DEFAULT_PASSWORD_LABEL = 'default'

/** One of a video's play passwords; a video may have several, one per audience. */
export interface PlayPassword {
  readonly videoId: string
  /** Unique per video: names the audience (`default` is the one Polyv's API manages). */
  readonly label: string
  /** Kept sealed at rest, not hashed: Polyv returns it to its owner. */
  readonly password: string
  readonly createdAt: Date
  /** When the password last changed; play credentials unlocked before a change stop working. */
  readonly updatedAt: Date
}

/** Polyv `hlslevel` (polyv.md §8.5): open (not authorised) | web | app | wxa_app. */
export const HLS_LEVELS = ['open', 'web', 'app', 'wxa_app'] as const
export type HlsLevel = (typeof HLS_LEVELS)[number]

/** A tenant's Polyv playsafe settings (set-playsafe / get-playsafe). */
export interface PlaysafeSettings {
  readonly tenantId: string
  /** Whether newly uploaded videos are encrypted (Polyv `encrypt` "1"/"0"). */
  readonly encrypt: boolean
  readonly hlsLevel: HlsLevel
}

export const AUDIT_KINDS = [
  'credential.issued',
  'credential.denied',
  'key.rotated',
  'password.attempted',
  'access-key.created',
  'credential.revoked',
  'viewer-policy.changed',
  'session.kicked',
  'tenant.status-changed',
  'access-key.disabled',
  'access-key.enabled',
  'access-key.secret-changed',
  'play-domain.keys-changed',
  'password.changed',
  /** One per tenant and import: how many records of each kind were created and updated. */
  'import.applied',
] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

export interface AuditEvent {
  readonly id: string
  readonly tenantId: string | null
  readonly kind: AuditKind
  readonly subject: string
  /** An ErrorCode for denials. */
  readonly reason: string | null
  readonly detail: Readonly<Record<string, unknown>>
  readonly at: Date
}

export interface DingtalkOrg {
  readonly tenantId: string
  readonly corpId: string
  readonly name: string
}

export interface DingtalkUser {
  readonly tenantId: string
  readonly unionId: string
  readonly userId: string
  readonly name: string
}

export interface Conference {
  readonly id: string
  readonly tenantId: string
  readonly title: string
  readonly hostUnionId: string
  readonly participants: readonly string[]
  readonly startedAt: Date
  readonly endedAt: Date | null
}

export interface Recording {
  readonly id: string
  readonly conferenceId: string
  readonly videoId: string
  readonly mediaId: string
  readonly regionId: string
  readonly unionId: string
  readonly startedAt: Date
  readonly endedAt: Date
  /** Milliseconds. */
  readonly durationMs: number
  readonly fileSize: number
}

/** The scopes the conference APIs check (dingtalk.md §4; the unlisted ones as recommended). */
export const DINGTALK_SCOPES = {
  read: 'VideoConference.Conference.Read',
  write: 'VideoConference.Conference.Write',
} as const

/** A DingTalk app: a `dingtalk` access key (appKey/appSecret) and the API scopes it was granted. */
export interface DingtalkApp {
  readonly accessKeyId: string
  readonly scopes: readonly string[]
}

/** What an app changed on a conference through the API: its room code and cloud recording. */
export interface ConferenceState {
  readonly conferenceId: string
  readonly roomCode: string | null
  /** Set while a cloud recording runs (StartCloudRecord until StopCloudRecord or close). */
  readonly recording: {
    readonly startedAt: Date
    readonly unionId: string
    readonly mode: string | null
    readonly smallWindowPosition: string | null
  } | null
}

export interface TranscriptWord {
  readonly word: string
  readonly wordId: string
  /** Milliseconds into the recording, as every time of a transcript. */
  readonly startTime: number
  readonly endTime: number
}

export interface TranscriptSentence {
  readonly sentence: string
  readonly startTime: number
  readonly endTime: number
  readonly unionId: string
  readonly wordList: readonly TranscriptWord[]
}

/** One speaker's paragraph of a conference's recording transcript. */
export interface TranscriptParagraph {
  readonly conferenceId: string
  /** 1-based, in time order within the conference: the paging cursor. */
  readonly seq: number
  /** DingTalk's numeric `recordId` of the paragraph (a number on this API, unlike getVideos). */
  readonly recordId: number
  readonly unionId: string
  readonly nickName: string
  readonly paragraph: string
  readonly startTime: number
  readonly endTime: number
  readonly status: number
  readonly sentenceList: readonly TranscriptSentence[]
}
