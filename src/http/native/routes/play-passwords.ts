// /v1/videos/:id/password: the owner sets, reads (it is sealed, not hashed: Polyv returns it to
// its owner) and removes a video's play password. Viewers' attempts go through the dialects.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import {
  ErrorResponses,
  IdParams,
  NoContent,
  PlayPassword,
  SetPlayPasswordBody,
} from '../schemas.ts'

const tags = ['play passwords']

export const playPasswordRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.put(
    '/videos/:id/password',
    {
      schema: {
        tags,
        operationId: 'setPlayPassword',
        summary: "Set or replace a video's play password",
        params: IdParams,
        body: SetPlayPasswordBody,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const video = await services.videos.get(request.params.id)
      await services.playPasswords.set(video.id, request.body.password)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/videos/:id/password',
    {
      schema: {
        tags,
        operationId: 'getPlayPassword',
        summary: "Read a video's play password (null when it has none)",
        params: IdParams,
        response: { 200: PlayPassword, ...ErrorResponses },
      },
    },
    async (request) => {
      const video = await services.videos.get(request.params.id)
      return { videoId: video.id, password: (await services.playPasswords.get(video.id)) ?? null }
    },
  )

  app.delete(
    '/videos/:id/password',
    {
      schema: {
        tags,
        operationId: 'deletePlayPassword',
        summary: "Remove a video's play password (idempotent)",
        params: IdParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const video = await services.videos.get(request.params.id)
      await services.playPasswords.clear(video.id)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
