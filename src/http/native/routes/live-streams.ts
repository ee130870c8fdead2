// /v1/live-streams: a play domain's live streams ({AppName}/{StreamName} → a media-root HLS
// folder or an upstream URL, an optional catalog video) and their play URLs in Tencent's four
// forms. The push key appears only in the creation answer and, signed, in the push URL.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { isAppError, notFound } from '../../../core/errors.ts'
import type * as M from '../../../core/model.ts'
import type { Services } from '../../../services/container.ts'
import {
  CreateLiveStreamBody,
  LivePlayUrls,
  LivePlayUrlsQuery,
  LiveStream,
  LiveStreamListQuery,
  LiveStreamWithKey,
  UpdateLiveStreamBody,
} from '../live-schemas.ts'
import { presentPage } from '../present.ts'
import { ErrorResponses, IdParams, NoContent, PageOf } from '../schemas.ts'

const tags = ['live streams']

function presentLiveStream(s: M.LiveStream): LiveStream {
  return {
    id: s.id,
    tenantId: s.tenantId,
    playDomainId: s.playDomainId,
    appName: s.appName,
    streamName: s.streamName,
    location: s.location,
    videoId: s.videoId,
    enabled: s.enabled,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }
}

export const liveStreamRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  const { liveStreams } = services

  app.post(
    '/live-streams',
    {
      schema: {
        tags,
        operationId: 'createLiveStream',
        summary: 'Create a live stream of a play domain (push key generated unless given)',
        body: CreateLiveStreamBody,
        response: { 201: LiveStreamWithKey, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { playDomainId } = request.body
      const domain = await services.playDomains.getWithKeys(playDomainId).catch((error) => {
        // The field the caller got wrong, as for another tenant's domain.
        if (isAppError(error) && error.code === 'NOT_FOUND')
          throw notFound('playDomain', playDomainId, { parameter: 'playDomainId' })
        throw error
      })
      const stream = await liveStreams.create({ ...request.body, tenantId: domain.tenantId })
      return reply.status(201).send({ ...presentLiveStream(stream), pushKey: stream.pushKey })
    },
  )

  app.get(
    '/live-streams',
    {
      schema: {
        tags,
        operationId: 'listLiveStreams',
        summary: 'List live streams, of a tenant or a play domain (without push keys)',
        querystring: LiveStreamListQuery,
        response: { 200: PageOf(LiveStream), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, playDomainId, page, pageSize } = request.query
      return presentPage(
        await liveStreams.list({ tenantId, playDomainId }, page, pageSize),
        presentLiveStream,
      )
    },
  )

  app.get(
    '/live-streams/:id',
    {
      schema: {
        tags,
        operationId: 'getLiveStream',
        summary: 'Get a live stream (without its push key)',
        params: IdParams,
        response: { 200: LiveStream, ...ErrorResponses },
      },
    },
    async (request) => presentLiveStream(await liveStreams.get(request.params.id)),
  )

  app.patch(
    '/live-streams/:id',
    {
      schema: {
        tags,
        operationId: 'updateLiveStream',
        summary: 'Change location, video binding, enabled or push key (null refuses publishing)',
        params: IdParams,
        body: UpdateLiveStreamBody,
        response: { 200: LiveStream, ...ErrorResponses },
      },
    },
    async (request) => presentLiveStream(await liveStreams.update(request.params.id, request.body)),
  )

  app.delete(
    '/live-streams/:id',
    {
      schema: {
        tags,
        operationId: 'deleteLiveStream',
        summary: 'Delete a live stream',
        params: IdParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await liveStreams.remove(request.params.id)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/live-streams/:id/play-urls',
    {
      schema: {
        tags,
        operationId: 'getLivePlayUrls',
        summary: 'Signed play URLs (m3u8, flv, rtmp, webrtc) and the push URL of a live stream',
        params: IdParams,
        querystring: LivePlayUrlsQuery,
        response: { 200: LivePlayUrls, ...ErrorResponses },
      },
    },
    async (request) => {
      const urls = await liveStreams.mintUrls(request.params.id, {
        ttlSeconds: request.query.ttlSeconds,
      })
      const { expiresAt, ...forms } = urls
      return {
        streamId: request.params.id,
        ...forms,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      }
    },
  )
  return Promise.resolve()
}
