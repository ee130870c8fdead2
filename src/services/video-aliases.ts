// Vendor aliases of a video: the id another vendor's API names it by (a Polyv vid, a DingTalk
// mediaId, a Tencent live stream), unique per tenant and vendor, so each dialect resolves its own
// ids to one catalog video.
import { AppError, notFoundSaying, quoteId } from '../core/errors.ts'
import { ALIAS_RULES, patternProblem } from '../core/fields.ts'
import { ALIAS_VENDORS, type AliasVendor, type Video, type VideoAlias } from '../core/model.ts'
import {
  deleteVideoAlias,
  findVideoAlias,
  insertVideoAlias,
  listVideoAliases,
} from '../storage/repositories/video-aliases.ts'
import { findVideo } from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'

/** Which alias: a vendor and its id of the video. */
export interface AliasRef {
  readonly vendor: AliasVendor
  readonly alias: string
}

/** Why an alias is refused before touching the database, if it is. */
export function aliasProblem(ref: { vendor: string; alias: string }): string | undefined {
  if (!(ALIAS_VENDORS as readonly string[]).includes(ref.vendor))
    return `vendor must be one of: ${ALIAS_VENDORS.join(', ')}`
  return patternProblem(ALIAS_RULES[ref.vendor as AliasVendor], ref.alias)
}

function checkAlias(ref: AliasRef): void {
  const problem = aliasProblem(ref)
  if (problem)
    throw new AppError('INVALID_PARAMETER', `alias ${problem}`, { details: { parameter: 'alias' } })
}

const aliasNotFound = (ref: AliasRef) =>
  notFoundSaying('video', `no video has the ${ref.vendor} alias ${quoteId(ref.alias)}`)

export function createVideoAliases(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  getVideo: (id: string) => Promise<Video>,
) {
  return {
    /** The video's aliases, by vendor then alias. */
    async aliases(videoId: string): Promise<VideoAlias[]> {
      await getVideo(videoId)
      return listVideoAliases(deps.db, videoId)
    },
    /**
     * Gives the video an alias; idempotent. CONFLICT when the tenant's other video has it.
     * Returns the alias and whether it is new.
     */
    async addAlias(
      videoId: string,
      ref: AliasRef,
    ): Promise<{ alias: VideoAlias; created: boolean }> {
      checkAlias(ref)
      const video = await getVideo(videoId)
      const stored = await findVideoAlias(deps.db, video.tenantId, ref.vendor, ref.alias)
      if (stored?.videoId === video.id) return { alias: stored, created: false }
      if (stored)
        throw new AppError(
          'CONFLICT',
          `${ref.vendor} alias ${ref.alias} already names video ${stored.videoId}`,
          { details: { parameter: 'alias' } },
        )
      const alias = await insertVideoAlias(deps.db, {
        tenantId: video.tenantId,
        videoId: video.id,
        ...ref,
        createdAt: new Date(deps.clock.now()),
      })
      return { alias, created: true }
    },
    async removeAlias(videoId: string, ref: AliasRef): Promise<void> {
      if (!(await deleteVideoAlias(deps.db, videoId, ref.vendor, ref.alias)))
        throw notFoundSaying(
          'alias',
          `video ${quoteId(videoId)} has no ${ref.vendor} alias ${quoteId(ref.alias)}`,
        )
    },
    /** The tenant's video with this alias; NOT_FOUND like a missing video. */
    async getByAlias(tenantId: string, ref: AliasRef): Promise<Video> {
      const stored = await findVideoAlias(deps.db, tenantId, ref.vendor, ref.alias)
      const video = stored && (await findVideo(deps.db, stored.videoId))
      if (!video) throw aliasNotFound(ref)
      return video
    },
  }
}

export type VideoAliases = ReturnType<typeof createVideoAliases>
