// /v1/videos/:id/play-urls: signed playback URLs for each of a video's visible streams, on the
// tenant's default play domain (the shared playback service: only playable videos), so an app (or a person with curl) can play a video natively.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Services } from '../../../services/container.ts'
import { ErrorResponses, IdParams } from '../schemas.ts'

export const PlayUrlsQuery = Type.Object(
  {
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 86400,
        description: "Validity; the domain's TTL by default.",
      }),
    ),
    maxUses: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description:
          'Requests each URL may make in all, on every replica (1: a single-use link); failed requests use none.',
      }),
    ),
  },
  { additionalProperties: false },
)

export const PlayUrls = Type.Object({
  videoId: Type.String(),
  host: Type.String({ description: 'The play domain the URLs are issued for.' }),
  expiresAt: Type.String({ format: 'date-time' }),
  maxUses: Type.Optional(Type.Integer()),
  items: Type.Array(
    Type.Object({
      streamId: Type.String(),
      format: Type.String(),
      definition: Type.String(),
      url: Type.String(),
    }),
  ),
})

export const playUrlRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.get(
    '/videos/:id/play-urls',
    {
      schema: {
        tags: ['videos'],
        operationId: 'getPlayUrls',
        summary: "Signed playback URLs for a video's visible streams",
        params: IdParams,
        querystring: PlayUrlsQuery,
        response: { 200: PlayUrls, ...ErrorResponses },
      },
    },
    async (request) => {
      const { maxUses } = request.query
      const { video, domain, items } = await services.playback.issueUrls({
        videoId: request.params.id,
        ttlSeconds: request.query.ttlSeconds,
        maxUses,
        via: 'native',
      })
      return {
        videoId: video.id,
        host: domain.host,
        ...(maxUses !== undefined ? { maxUses } : {}),
        // Every URL is signed at the same moment for the same validity.
        expiresAt: new Date(items[0]!.expiresAt * 1000).toISOString(),
        items: items.map(({ stream, url }) => ({
          streamId: stream.id,
          format: stream.format,
          definition: stream.definition,
          url,
        })),
      }
    },
  )
  return Promise.resolve()
}
