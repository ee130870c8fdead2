// Polyv's wire names ⇄ PlayGate's: reading parameters (`vids`, `playauth`, `encrypt`, the token
// API's fields) and writing the `data` of each endpoint. Vendor spelling stays in this file.
import { AppError } from '../../../core/errors.ts'
import type { PolyvVideoSetting } from '../../../services/polyv-videos.ts'
import type { ViewerToken } from '../../../services/viewer-tokens.ts'
import { PolyvFault } from './errors.ts'
import type { PolyvRequest } from './parse.ts'

/** What an action hands the envelope: Polyv's `data`, or the callback's own body. */
export type PolyvOutput =
  | { readonly kind: 'data'; readonly data: unknown }
  | { readonly kind: 'callback'; readonly body: object; readonly jsonp: string | undefined }

export const data = (value: unknown): PolyvOutput => ({ kind: 'data', data: value })

const MAX_VIDS = 100

/** `vids`: comma-separated, at least one; `vids为空.` when empty. */
export function readVids(request: PolyvRequest, name = 'vids'): string[] {
  const vids = (request.params.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
  if (vids.length === 0)
    throw new AppError('MISSING_PARAMETER', `no ${name}`, { details: { parameter: name } })
  if (vids.length > MAX_VIDS)
    throw new AppError('INVALID_PARAMETER', `more than ${MAX_VIDS} vids`, {
      details: { parameter: name },
    })
  return vids
}

/** A parameter, or undefined when absent (present-but-empty stays ''). */
export function optional(request: PolyvRequest, name: string): string | undefined {
  return request.params.get(name)
}

/** `"1"` / `"0"` (also `true` / `false`), else INVALID_PARAMETER naming it. */
export function readFlag(request: PolyvRequest, name: string): boolean | undefined {
  const value = request.params.get(name)
  if (value === undefined || value === '') return undefined
  if (value === '1' || value === 'true') return true
  if (value === '0' || value === 'false') return false
  throw new PolyvFault('flag-invalid', name)
}

/** One vid's `data` of video-setting-page (polyv.md §5). */
export function settingPageData(s: PolyvVideoSetting) {
  return {
    questionnaire: { qid: s.qid },
    isShowPassword: s.isShowPassword,
    vids: s.vid,
    videoPool: {
      describ: s.video.description,
      videoPoolExt: { password: s.password },
      tag: s.video.tags.join(','),
      title: s.video.title,
      publishUrl: s.publishUrl,
    },
    qid: s.qid,
  }
}

/** The token API's `data` (polyv.md §8.2), `userId` and `videoId` as the client sent them. */
export function tokenData(t: ViewerToken, userId: string, videoId: string, now: number) {
  return {
    token: t.token,
    userId,
    videoId,
    viewerIp: t.viewerIp,
    viewerId: t.viewerId,
    viewerName: t.viewerName,
    extraParams: t.extraParams,
    ttl: Math.max(0, t.expiresAt - now),
    createdTime: t.createdAt,
    expiredTime: t.expiresAt,
    iswxa: t.iswxa,
    disposable: t.disposable,
  }
}

/** A JSONP callback name a page could have written (`jQuery123_456`, `cb.done`). */
export const JSONP_NAME = /^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$/
