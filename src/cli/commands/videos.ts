// `playgate videos list [--tenant ID] [--status S]`: the catalog, newest first.
import { VIDEO_STATUSES, type VideoStatus } from '../../core/model.ts'
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, printTable, UsageError, type CliIo, type Command } from '../output.ts'
import { allPages, withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'videos list'

const OPTIONS = {
  tenant: { type: 'string', value: 'ID', help: 'only this tenant’s videos' },
  status: {
    type: 'string',
    value: 'STATUS',
    help: `only videos in this status (${VIDEO_STATUSES.join(', ')})`,
  },
} as const

export const videosListCommand: Command = {
  help: helpText(NAME, '', OPTIONS, 'Lists videos, newest first, with their probed duration.'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    positionals(parsed, [], NAME)
    const tenantId = stringOption(parsed, 'tenant', NAME, true)
    const status = stringOption(parsed, 'status', NAME, true)
    if (status !== undefined && !(VIDEO_STATUSES as readonly string[]).includes(status))
      throw new UsageError(`--status must be one of: ${VIDEO_STATUSES.join(', ')}`, NAME)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const filter = { tenantId, status: status as VideoStatus | undefined }
      const videos = await allPages((page, size) => services.videos.list(filter, page, size))
      const streams = await Promise.all(videos.map((v) => services.videos.streams(v.id)))
      if (parsed.options.json) {
        printJson(
          io,
          videos.map((v, i) => ({
            id: v.id,
            tenantId: v.tenantId,
            referenceId: v.referenceId,
            title: v.title,
            status: v.status,
            duration: v.duration,
            size: v.size,
            streams: streams[i]!.length,
            createdAt: v.createdAt.toISOString(),
          })),
        )
        return EXIT.ok
      }
      printTable(
        io,
        [
          { title: 'id' },
          { title: 'tenant' },
          { title: 'reference' },
          { title: 'status' },
          { title: 'duration', align: 'right' },
          { title: 'streams', align: 'right' },
          { title: 'title' },
        ],
        videos.map((v, i) => [
          v.id,
          v.tenantId,
          v.referenceId ?? '-',
          v.status,
          `${v.duration}s`,
          String(streams[i]!.length),
          v.title,
        ]),
      )
      return EXIT.ok
    })
  },
}
