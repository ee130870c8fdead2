// `playgate play-urls VIDEO_ID`: signed playback URLs for a video's visible streams, as
// GET /v1/videos/:id/play-urls gives them (signed with its tenant's default play domain).
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, printTable, UsageError, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'play-urls'

const OPTIONS = {
  ttl: { type: 'string', value: 'SECONDS', help: 'validity (default: the domain’s TTL)' },
  'max-uses': {
    type: 'string',
    value: 'N',
    help: 'requests each URL may make in all (1: single use)',
  },
} as const

export const playUrlsCommand: Command = {
  help: helpText(
    NAME,
    'VIDEO_ID',
    OPTIONS,
    'Prints a signed URL per visible stream of the video (format, definition, URL), signed with\nthe default play domain of the video’s tenant.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    const [videoId] = positionals(parsed, ['VIDEO_ID'], NAME)
    const ttlText = stringOption(parsed, 'ttl', NAME, true)
    const ttlSeconds = ttlText === undefined ? undefined : Number(ttlText)
    if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0))
      throw new UsageError(`--ttl takes a whole number of seconds, not ${ttlText}`, NAME)
    const usesText = stringOption(parsed, 'max-uses', NAME, true)
    const maxUses = usesText === undefined ? undefined : Number(usesText)
    if (maxUses !== undefined && !(Number.isInteger(maxUses) && maxUses > 0))
      throw new UsageError(`--max-uses takes a whole number from 1, not ${usesText}`, NAME)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      // Every visible stream of a playable video, as the native API gives them (and audited).
      const {
        video,
        domain,
        items: signed,
      } = await services.playback.issueUrls({ videoId: videoId!, ttlSeconds, maxUses, via: 'cli' })
      const items = signed.map(({ stream, url, expiresAt }) => ({
        streamId: stream.id,
        format: stream.format,
        definition: stream.definition,
        url,
        expiresAt,
      }))
      if (parsed.options.json)
        printJson(io, {
          videoId: video.id,
          host: domain.host,
          ...(maxUses !== undefined ? { maxUses } : {}),
          items: items.map(({ streamId, format, definition, url, expiresAt }) => ({
            streamId,
            format,
            definition,
            url,
            expiresAt: new Date(expiresAt * 1000).toISOString(),
          })),
        })
      else
        printTable(
          io,
          [{ title: 'format' }, { title: 'definition' }, { title: 'url' }],
          items.map((i) => [i.format, i.definition, i.url]),
        )
      return EXIT.ok
    })
  },
}
