// The Aliyun VOD wire names and JSON types (aliyun-vod.md §9), converted to and from PlayGate's
// camelCase at this boundary: request parameters in, response bodies out. The SDKs cast bodies
// into typed models and throw on a wrong JSON type, so every field's type here is normative.
import { AppError } from '../../../core/errors.ts'
import {
  DEFINITIONS,
  STREAM_FORMATS,
  type Definition,
  type StreamFormat,
  type Video,
} from '../../../core/model.ts'
import { formatTimestamp } from '../../../core/schemes/aliyun-rpc/canonical.ts'
import {
  DEFAULT_REGION,
  type IssuePlayAuthInput,
  type IssuedPlayAuth,
  type OutputType,
  type PlayInfoInput,
  type PlayInfoResult,
} from '../../../services/aliyun-playback.ts'
import type { ResultType, StreamType } from '../../../services/playback.ts'

/** Decoded request parameters (query and form body merged), by wire name. */
export type Params = ReadonlyMap<string, string>

/** camelCase names services put in `AppError.details.parameter` → the wire name a client sent. */
const WIRE_PARAMETERS: Readonly<Record<string, string>> = {
  videoId: 'VideoId',
  referenceId: 'ReferenceId',
  authInfoTimeout: 'AuthInfoTimeout',
  authTimeout: 'AuthTimeout',
  formats: 'Formats',
  definition: 'Definition',
  streamType: 'StreamType',
  resultType: 'ResultType',
  outputType: 'OutputType',
  reAuthInfo: 'ReAuthInfo',
  playConfig: 'PlayConfig',
  location: 'PlayURL',
}

export function wireParameterName(name: string): string {
  return WIRE_PARAMETERS[name] ?? name
}

function invalid(parameter: string, why: string): AppError {
  return new AppError('INVALID_PARAMETER', `${parameter}: ${why}`, { details: { parameter } })
}

/** A parameter's value; an empty value counts as absent for optional business parameters. */
function optional(params: Params, name: string): string | undefined {
  const value = params.get(name)
  return value === undefined || value === '' ? undefined : value
}

function integer(params: Params, name: string, camel: string): number | undefined {
  const text = optional(params, name)
  if (text === undefined) return undefined
  if (!/^-?\d{1,16}$/.test(text.trim())) throw invalid(camel, 'not an integer')
  return Number(text.trim())
}

function oneOf<T extends string>(
  params: Params,
  name: string,
  camel: string,
  allowed: readonly T[],
): T | undefined {
  const text = optional(params, name)
  if (text === undefined) return undefined
  const found = allowed.find((a) => a.toLowerCase() === text.trim().toLowerCase())
  if (found === undefined) throw invalid(camel, `not one of ${allowed.join(', ')}`)
  return found
}

function list<T extends string>(
  params: Params,
  name: string,
  camel: string,
  allowed: readonly T[],
): T[] | undefined {
  const text = optional(params, name)
  if (text === undefined) return undefined
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  return items.map((item) => {
    const found = allowed.find((a) => a.toLowerCase() === item.toLowerCase())
    if (found === undefined) throw invalid(camel, `unknown value ${JSON.stringify(item)}`)
    return found
  })
}

/** A parameter holding a JSON object; `{}` and absence mean nothing was asked. */
function jsonObject(
  params: Params,
  name: string,
  camel: string,
): Record<string, unknown> | undefined {
  const text = optional(params, name)
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalid(camel, 'not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(camel, 'not a JSON object')
  return value as Record<string, unknown>
}

/** A string or number member (`{"uid":12345}` is as good as `{"uid":"12345"}`). */
function member(o: Record<string, unknown> | undefined, key: string, camel: string) {
  const value = o?.[key]
  if (value === undefined || value === null || value === '') return undefined
  // JSON can spell NUL (\u0000), which no member may hold and PostgreSQL text cannot store.
  if (typeof value === 'string' && !value.includes('\0')) return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw invalid(camel, `${key} is not a string without NUL`)
}

function videoRef(params: Params) {
  return { videoId: optional(params, 'VideoId'), referenceId: optional(params, 'ReferenceId') }
}

function playDomainOf(params: Params): string | undefined {
  return member(jsonObject(params, 'PlayConfig', 'playConfig'), 'PlayDomain', 'playConfig')
}

/** GetVideoPlayAuth: `VideoId`/`ReferenceId`, `AuthInfoTimeout`, `PlayConfig`; `ApiVersion` and `ReAuthInfo` ignored. */
export function readGetVideoPlayAuth(params: Params): Omit<IssuePlayAuthInput, 'tenantId'> {
  return {
    ...videoRef(params),
    timeoutSeconds: integer(params, 'AuthInfoTimeout', 'authInfoTimeout'),
    playDomain: playDomainOf(params),
    region: optional(params, 'RegionId'),
  }
}

/** GetPlayInfo's parameters (§9.2); the web player's extras are authentication's business. */
export function readGetPlayInfo(params: Params): Omit<PlayInfoInput, 'tenantId'> {
  const reAuth = jsonObject(params, 'ReAuthInfo', 'reAuthInfo')
  return {
    ...videoRef(params),
    formats: list<StreamFormat>(params, 'Formats', 'formats', STREAM_FORMATS),
    definitions: list<Definition>(params, 'Definition', 'definition', DEFINITIONS),
    streamType: oneOf<StreamType>(params, 'StreamType', 'streamType', ['video', 'audio']),
    resultType: oneOf<ResultType>(params, 'ResultType', 'resultType', ['Single', 'Multiple']),
    outputType: oneOf<OutputType>(params, 'OutputType', 'outputType', ['cdn', 'oss']),
    authTimeoutSeconds: integer(params, 'AuthTimeout', 'authTimeout'),
    reAuth: {
      uid: member(reAuth, 'uid', 'reAuthInfo'),
      rand: member(reAuth, 'rand', 'reAuthInfo'),
    },
    playDomain: playDomainOf(params),
    filterText: `Formats: ${params.get('Formats') ?? ''}, Definition: ${params.get('Definition') ?? ''}, StreamType: ${params.get('StreamType') ?? ''}`,
  }
}

export function readGetVideoInfo(params: Params) {
  return videoRef(params)
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+){1,4}$/

/** `RegionId` of the request when well formed, else the default region. */
export function regionIdOf(params: Params): string {
  const region = params.get('RegionId')
  return region !== undefined && REGION.test(region) ? region : DEFAULT_REGION
}

// ---- responses -------------------------------------------------------------------------------

export interface VideoMetaWire {
  CoverURL: string
  Status: string
  /** A number (float seconds). */
  Duration: number
  VideoId: string
  Title: string
}

export interface GetVideoPlayAuthBody {
  VideoMeta: VideoMetaWire
  PlayAuth: string
}

export function videoPlayAuthBody(issued: IssuedPlayAuth): GetVideoPlayAuthBody {
  const v = issued.video
  return {
    VideoMeta: {
      CoverURL: v.coverUrl ?? '',
      Status: v.status,
      Duration: v.duration,
      VideoId: v.id,
      Title: v.title,
    },
    PlayAuth: issued.playAuth,
  }
}

export interface PlayInfoWire {
  PlayURL: string
  Definition: string
  Format: string
  /** A STRING of seconds, e.g. "3.1667". */
  Duration: string
  /** A number of bytes. */
  Size: number
  /** A STRING of Kbps, e.g. "992.7800". */
  Bitrate: string
  Width: number
  Height: number
  /** A STRING. */
  Fps: string
  StreamType: string
  Status: string
  JobId: string
  /** 0 or 1. */
  Encrypt: number
  EncryptType?: string
  CreationTime: string
  ModificationTime: string
  NarrowBandType: string
}

export interface VideoBaseWire {
  VideoId: string
  Title: string
  CoverURL: string
  CreationTime: string
  /** A STRING of seconds. */
  Duration: string
  MediaType: 'video' | 'audio'
  Status: string
  OutputType: string
  ThumbnailList?: { Thumbnail: { URL: string }[] }
}

export interface GetPlayInfoBody {
  VideoBase: VideoBaseWire
  PlayInfoList: { PlayInfo: PlayInfoWire[] }
}

const decimal = (n: number) => n.toFixed(4)
const time = (d: Date) => formatTimestamp(d.getTime())

export function playInfoBody(result: PlayInfoResult, outputType: OutputType): GetPlayInfoBody {
  const v = result.video
  const cover = v.coverUrl ?? ''
  return {
    VideoBase: {
      VideoId: v.id,
      Title: v.title,
      CoverURL: cover,
      CreationTime: time(v.createdAt),
      Duration: decimal(v.duration),
      MediaType: result.items.some((i) => i.streamType === 'video') ? 'video' : 'audio',
      Status: v.status,
      OutputType: outputType,
      ...(cover ? { ThumbnailList: { Thumbnail: [{ URL: cover }] } } : {}),
    },
    PlayInfoList: {
      PlayInfo: result.items.map(({ stream: s, url, streamType }) => ({
        PlayURL: url,
        Definition: s.definition,
        Format: s.format,
        Duration: decimal(s.duration),
        Size: s.size,
        Bitrate: decimal(s.bitrate),
        Width: s.width,
        Height: s.height,
        Fps: String(s.fps),
        StreamType: streamType,
        Status: s.status,
        JobId: s.id,
        Encrypt: s.encrypted ? 1 : 0,
        ...(s.encrypted && s.format === 'm3u8' ? { EncryptType: 'HLSEncryption' } : {}),
        CreationTime: time(s.createdAt),
        ModificationTime: time(s.createdAt),
        NarrowBandType: '0',
      })),
    },
  }
}

export interface VideoWire {
  VideoId: string
  Title: string
  Description: string
  /** A number (float seconds). */
  Duration: number
  CoverURL: string
  Status: string
  CreationTime: string
  ModificationTime: string
  /** A number of bytes. */
  Size: number
  Snapshots: { Snapshot: string[] }
  Tags: string
  AuditStatus: string
  DownloadSwitch: string
  ReferenceId?: string
  RegionId: string
  StorageClass: string
}

export interface GetVideoInfoBody {
  Video: VideoWire
}

export function videoInfoBody(v: Video, regionId: string): GetVideoInfoBody {
  const cover = v.coverUrl ?? ''
  return {
    Video: {
      VideoId: v.id,
      Title: v.title,
      Description: v.description,
      Duration: v.duration,
      CoverURL: cover,
      Status: v.status,
      CreationTime: time(v.createdAt),
      ModificationTime: time(v.updatedAt),
      Size: v.size,
      Snapshots: { Snapshot: cover ? [cover] : [] },
      Tags: v.tags.join(','),
      AuditStatus: v.auditStatus,
      DownloadSwitch: 'on',
      ...(v.referenceId ? { ReferenceId: v.referenceId } : {}),
      RegionId: regionId,
      StorageClass: 'Standard',
    },
  }
}
