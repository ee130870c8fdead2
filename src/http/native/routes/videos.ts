// /v1/videos and /v1/videos/:id/streams: the catalog. A stream registered from the media root is
// probed (format, duration, size, resolution); its path may not leave the media root.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError, isAppError, notFound } from '../../../core/errors.ts'
import type { Services } from '../../../services/container.ts'
import { toPage } from '../../../services/pages.ts'
import { presentAlias, presentPage, presentStream, presentVideo } from '../present.ts'
import {
  AliasRefBody,
  VideoAlias,
  VideoAliasList,
  CreateStreamBody,
  CreateVideoBody,
  ErrorResponses,
  IdParams,
  NoContent,
  PageOf,
  PageQuery,
  Stream,
  StreamParams,
  UpdateVideoBody,
  Video,
  VideoListQuery,
} from '../schemas.ts'

const tags = ['videos']
const streamTags = ['streams']
const aliasTags = ['aliases']

/** The media probe does not know which field named the file it could not read: `location`. */
function nameLocation(error: unknown): never {
  if (isAppError(error) && error.code === 'INVALID_PARAMETER' && !error.details.parameter)
    throw new AppError('INVALID_PARAMETER', error.message, {
      details: { ...error.details, parameter: 'location' },
      cause: error,
    })
  throw error
}

export const videoRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.post(
    '/videos',
    {
      schema: {
        tags,
        operationId: 'createVideo',
        summary: 'Create a video',
        body: CreateVideoBody,
        response: { 201: Video, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      // The tenant is checked first so an unknown one is a 404, not a foreign-key failure.
      await services.tenants.get(request.body.tenantId, 'tenantId')
      const { createdAt, ...body } = request.body
      const video = await services.videos.create({
        ...body,
        ...(createdAt !== undefined && { createdAt: new Date(createdAt) }),
      })
      return reply.status(201).send(presentVideo(video))
    },
  )

  app.get(
    '/videos',
    {
      schema: {
        tags,
        operationId: 'listVideos',
        summary: 'List videos, newest first',
        querystring: VideoListQuery,
        response: { 200: PageOf(Video), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, status, page, pageSize } = request.query
      return presentPage(
        await services.videos.list({ tenantId, status }, page, pageSize),
        presentVideo,
      )
    },
  )

  app.get(
    '/videos/:id',
    {
      schema: {
        tags,
        operationId: 'getVideo',
        summary: 'Get a video',
        params: IdParams,
        response: { 200: Video, ...ErrorResponses },
      },
    },
    async (request) => presentVideo(await services.videos.get(request.params.id)),
  )

  app.patch(
    '/videos/:id',
    {
      schema: {
        tags,
        operationId: 'updateVideo',
        summary: "Change a video's metadata or status",
        params: IdParams,
        body: UpdateVideoBody,
        response: { 200: Video, ...ErrorResponses },
      },
    },
    async (request) => presentVideo(await services.videos.update(request.params.id, request.body)),
  )

  app.delete(
    '/videos/:id',
    {
      schema: {
        tags,
        operationId: 'deleteVideo',
        summary: 'Delete a video, its streams and its play password',
        params: IdParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await services.videos.remove(request.params.id)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/videos/:id/streams',
    {
      schema: {
        tags: streamTags,
        operationId: 'addStream',
        summary: 'Register a stream (probes media under the media root)',
        params: IdParams,
        body: CreateStreamBody,
        response: { 201: Stream, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const stream = await services.videos
        .addStream({ ...request.body, videoId: request.params.id })
        .catch(nameLocation)
      return reply.status(201).send(presentStream(stream))
    },
  )

  app.get(
    '/videos/:id/streams',
    {
      schema: {
        tags: streamTags,
        operationId: 'listStreams',
        summary: "List a video's streams",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: PageOf(Stream), ...ErrorResponses },
      },
    },
    async (request) => {
      const video = await services.videos.get(request.params.id)
      const streams = await services.videos.streams(video.id)
      // A video has a handful of renditions: one query, paged here.
      const page = toPage(request.query.page, request.query.pageSize)
      const start = (page.page - 1) * page.pageSize
      return presentPage(
        { items: streams.slice(start, start + page.pageSize), total: streams.length, ...page },
        presentStream,
      )
    },
  )

  app.get(
    '/videos/:id/streams/:streamId',
    {
      schema: {
        tags: streamTags,
        operationId: 'getStream',
        summary: 'Get a stream',
        params: StreamParams,
        response: { 200: Stream, ...ErrorResponses },
      },
    },
    async (request) => {
      const video = await services.videos.get(request.params.id)
      const stream = (await services.videos.streams(video.id)).find(
        (s) => s.id === request.params.streamId,
      )
      if (!stream) throw notFound('stream', request.params.streamId)
      return presentStream(stream)
    },
  )

  app.delete(
    '/videos/:id/streams/:streamId',
    {
      schema: {
        tags: streamTags,
        operationId: 'deleteStream',
        summary: 'Delete a stream (the media files stay)',
        params: StreamParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await services.videos.removeStream(request.params.id, request.params.streamId)
      return reply.status(204).send(null)
    },
  )
  app.get(
    '/videos/:id/aliases',
    {
      schema: {
        tags: aliasTags,
        operationId: 'listVideoAliases',
        summary: "List a video's vendor aliases (Polyv vid, DingTalk mediaId, Tencent stream)",
        params: IdParams,
        response: { 200: VideoAliasList, ...ErrorResponses },
      },
    },
    async (request) => ({
      items: (await services.videos.aliases(request.params.id)).map(presentAlias),
    }),
  )

  app.post(
    '/videos/:id/aliases',
    {
      schema: {
        tags: aliasTags,
        operationId: 'addVideoAlias',
        summary: 'Give a video a vendor alias (201; 200 if it has it; 409 if another video has it)',
        params: IdParams,
        body: AliasRefBody,
        response: { 200: VideoAlias, 201: VideoAlias, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { alias, created } = await services.videos.addAlias(request.params.id, request.body)
      return reply.status(created ? 201 : 200).send(presentAlias(alias))
    },
  )

  // The alias goes in the query: a Tencent `AppName/StreamName` has a slash.
  app.delete(
    '/videos/:id/aliases',
    {
      schema: {
        tags: aliasTags,
        operationId: 'removeVideoAlias',
        summary: 'Remove a vendor alias of a video',
        params: IdParams,
        querystring: AliasRefBody,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await services.videos.removeAlias(request.params.id, request.query)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
