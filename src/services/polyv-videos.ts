// Polyv's per-video play protection and account settings, independent of the wire: resolve a
// Polyv vid to a catalog video, read and save its password and metadata (video-setting-page/-save),
// the authorised-playback switch and callback answer, and the tenant's playsafe settings.
import { AppError } from '../core/errors.ts'
import { DEFAULT_PASSWORD_LABEL, HLS_LEVELS, type HlsLevel, type Video } from '../core/model.ts'
import { isVideoId } from '../core/ids.ts'
import { signCallback } from '../core/schemes/polyv/sign.ts'
import {
  findPlaysafeSettings,
  savePlaysafeSettings,
} from '../storage/repositories/playsafe-settings.ts'
import type { ServiceDeps } from './deps.ts'
import type { PlayPasswords } from './play-passwords.ts'
import type { Videos } from './videos.ts'
import type { ViewerTokens } from './viewer-tokens.ts'

/** Polyv's own per-video settings live in the video's settings under these keys. */
export const POLYV_SETTINGS = {
  qid: 'polyv.qid',
  isShowPassword: 'polyv.isShowPassword',
  publishUrl: 'polyv.publishUrl',
  authplay: 'polyv.authplay',
} as const

/** A Polyv vid: 32 hex and `_<n>` (the account id is its first 10 characters). */
export const POLYV_VID = /^[0-9a-f]{32}_[0-9a-z]+$/

export interface PolyvVideoSetting {
  readonly vid: string
  readonly video: Video
  /** The `default` play password, '' when none. */
  readonly password: string
  readonly isShowPassword: boolean
  readonly qid: string
  readonly publishUrl: string
}

export interface PolyvSettingChanges {
  /** '' removes the password. */
  readonly password?: string
  readonly title?: string
  /** Comma-separated, as Polyv sends it. */
  readonly tag?: string
  readonly describ?: string
  readonly publishUrl?: string
}

export function createPolyvVideos(
  deps: Pick<ServiceDeps, 'db' | 'clock' | 'crypto'>,
  parts: {
    videos: Pick<Videos, 'getForTenant' | 'getByAlias' | 'update'>
    playPasswords: Pick<PlayPasswords, 'get' | 'set'>
    viewerTokens: Pick<ViewerTokens, 'peek'>
  },
) {
  /**
   * The catalog video a Polyv vid names for this tenant: the video with that `polyv` vendor alias,
   * or (for videos created in PlayGate) the catalog id itself. NOT_FOUND otherwise.
   */
  async function resolveVid(tenantId: string, vid: string): Promise<Video> {
    if (isVideoId(vid)) return parts.videos.getForTenant(tenantId, vid)
    return parts.videos.getByAlias(tenantId, { vendor: 'polyv', alias: vid })
  }

  /** Every vid resolved first, so a request naming an unknown one changes nothing. */
  async function resolveAll(tenantId: string, vids: readonly string[]): Promise<Video[]> {
    const out: Video[] = []
    for (const vid of vids) out.push(await resolveVid(tenantId, vid))
    return out
  }

  return {
    resolveVid,
    async settings(tenantId: string, vids: readonly string[]): Promise<PolyvVideoSetting[]> {
      const videos = await resolveAll(tenantId, vids)
      const out: PolyvVideoSetting[] = []
      for (const [i, video] of videos.entries()) {
        const s = video.settings
        out.push({
          vid: vids[i]!,
          video,
          password: (await parts.playPasswords.get(video.id, DEFAULT_PASSWORD_LABEL)) ?? '',
          isShowPassword: s[POLYV_SETTINGS.isShowPassword] === 'true',
          qid: s[POLYV_SETTINGS.qid] ?? '',
          publishUrl: s[POLYV_SETTINGS.publishUrl] ?? '',
        })
      }
      return out
    },
    /** Applies the same changes to every vid; returns how many videos were updated. */
    async save(
      tenantId: string,
      vids: readonly string[],
      changes: PolyvSettingChanges,
    ): Promise<number> {
      const videos = await resolveAll(tenantId, vids)
      for (const video of videos) {
        const update: Parameters<Videos['update']>[1] = {
          ...(changes.title ? { title: changes.title } : {}),
          ...(changes.describ !== undefined ? { description: changes.describ } : {}),
          ...(changes.tag !== undefined
            ? { tags: changes.tag.split(',').filter((t) => t.trim() !== '') }
            : {}),
          ...(changes.publishUrl !== undefined
            ? { settings: { ...video.settings, [POLYV_SETTINGS.publishUrl]: changes.publishUrl } }
            : {}),
        }
        if (Object.keys(update).length > 0) await parts.videos.update(video.id, update)
        if (changes.password !== undefined)
          await parts.playPasswords.set(video.id, changes.password, DEFAULT_PASSWORD_LABEL)
      }
      return videos.length
    },
    async authplay(tenantId: string, vid: string): Promise<0 | 1> {
      const video = await resolveVid(tenantId, vid)
      return video.settings[POLYV_SETTINGS.authplay] === '1' ? 1 : 0
    },
    async setAuthplay(tenantId: string, vids: readonly string[], on: boolean): Promise<number> {
      const videos = await resolveAll(tenantId, vids)
      for (const video of videos)
        await parts.videos.update(video.id, {
          settings: { ...video.settings, [POLYV_SETTINGS.authplay]: on ? '1' : '0' },
        })
      return videos.length
    },
    async playsafe(tenantId: string): Promise<{ encrypt: boolean; hlsLevel: HlsLevel }> {
      const found = await findPlaysafeSettings(deps.db, tenantId)
      return { encrypt: found?.encrypt ?? false, hlsLevel: found?.hlsLevel ?? 'open' }
    },
    async setPlaysafe(
      tenantId: string,
      changes: { encrypt?: boolean; hlsLevel?: string },
    ): Promise<{ encrypt: boolean; hlsLevel: HlsLevel }> {
      if (
        changes.hlsLevel !== undefined &&
        !(HLS_LEVELS as readonly string[]).includes(changes.hlsLevel)
      )
        throw new AppError('INVALID_PARAMETER', 'hlslevel is not one of open, web, app, wxa_app', {
          details: { parameter: 'hlslevel' },
        })
      const current = await findPlaysafeSettings(deps.db, tenantId)
      const next = {
        tenantId,
        encrypt: changes.encrypt ?? current?.encrypt ?? false,
        hlsLevel: (changes.hlsLevel as HlsLevel | undefined) ?? current?.hlsLevel ?? 'open',
      }
      await savePlaysafeSettings(deps.db, next, new Date(deps.clock.now()))
      return { encrypt: next.encrypt, hlsLevel: next.hlsLevel }
    },
    /**
     * The authorised-playback callback's answer (polyv.md §8.4): status 1 when `code` is a valid
     * viewer token (playsafe or unlock) of this video for this client, with its viewer as
     * `username`; else status 0. Signed with the account's secret key.
     */
    async answerCallback(input: {
      tenantId: string
      secret: string
      vid: string
      code: string
      t: string
      clientIp: string
    }): Promise<{ status: 0 | 1; username: string; sign: string }> {
      const video = await resolveVid(input.tenantId, input.vid)
      const token = await parts.viewerTokens.peek(input.code)
      const ok =
        token !== undefined &&
        token.videoId === video.id &&
        token.tenantId === input.tenantId &&
        token.viewerIp === input.clientIp
      const status = ok ? 1 : 0
      const username = ok ? token.viewerName || token.viewerId : ''
      const sign = signCallback(
        { vid: input.vid, username, code: input.code, status, t: input.t },
        input.secret,
        deps.crypto,
      )
      return { status, username, sign }
    },
  }
}

export type PolyvVideos = ReturnType<typeof createPolyvVideos>
