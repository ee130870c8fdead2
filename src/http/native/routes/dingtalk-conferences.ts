// /v1/tenants/:tenantId/dingtalk/conferences: conferences with host and participants, their
// recordings (recordId, mediaId, regionId, times, duration, size, and the catalog video each
// plays) and transcripts. Users named anywhere must exist under /dingtalk/users first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import { presentConference, presentRecording, presentTranscript } from '../dingtalk-present.ts'
import { presentPage } from '../present.ts'
import {
  Conference,
  ConferenceParams,
  CreateConferenceBody,
  CreateRecordingBody,
  DingtalkTenantParams,
  ErrorResponses,
  NoContent,
  PageOf,
  PageQuery,
  PutTranscriptBody,
  Recording,
  RecordingParams,
  Transcript,
  UpdateConferenceBody,
  UpdateRecordingBody,
} from '../schemas.ts'

const tags = ['dingtalk']
const CONFERENCES = '/tenants/:tenantId/dingtalk/conferences'
const RECORDINGS = `${CONFERENCES}/:conferenceId/recordings`

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso))
const nullableDate = (iso: string | null | undefined) => (iso === null ? null : date(iso))

export const dingtalkConferenceRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  const catalog = services.dingtalkCatalog
  const tenant = (id: string) => services.tenants.get(id)

  app.post(
    CONFERENCES,
    {
      schema: {
        tags,
        operationId: 'createConference',
        summary: 'Create a conference (the host is always a participant)',
        params: DingtalkTenantParams,
        body: CreateConferenceBody,
        response: { 201: Conference, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      const b = request.body
      const created = await catalog.createConference(request.params.tenantId, {
        ...b,
        startedAt: date(b.startedAt),
        endedAt: nullableDate(b.endedAt),
      })
      return reply.status(201).send(presentConference(created))
    },
  )

  app.get(
    CONFERENCES,
    {
      schema: {
        tags,
        operationId: 'listConferences',
        summary: 'List conferences, newest first',
        params: DingtalkTenantParams,
        querystring: PageQuery,
        response: { 200: PageOf(Conference), ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      const { page, pageSize } = request.query
      return presentPage(
        await catalog.listConferences(request.params.tenantId, page, pageSize),
        presentConference,
      )
    },
  )

  app.get(
    `${CONFERENCES}/:conferenceId`,
    {
      schema: {
        tags,
        operationId: 'getConference',
        summary: 'Get a conference',
        params: ConferenceParams,
        response: { 200: Conference, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      return presentConference(await catalog.getConference(tenantId, conferenceId))
    },
  )

  app.patch(
    `${CONFERENCES}/:conferenceId`,
    {
      schema: {
        tags,
        operationId: 'updateConference',
        summary: 'Change title, host, participants, start or end',
        params: ConferenceParams,
        body: UpdateConferenceBody,
        response: { 200: Conference, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      const b = request.body
      const updated = await catalog.updateConference(tenantId, conferenceId, {
        ...b,
        startedAt: date(b.startedAt),
        endedAt: nullableDate(b.endedAt),
      })
      return presentConference(updated)
    },
  )

  app.delete(
    `${CONFERENCES}/:conferenceId`,
    {
      schema: {
        tags,
        operationId: 'deleteConference',
        summary: 'Delete a conference with its recordings and transcript (never the videos)',
        params: ConferenceParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      await catalog.removeConference(tenantId, conferenceId)
      return reply.status(204).send(null)
    },
  )

  app.post(
    RECORDINGS,
    {
      schema: {
        tags,
        operationId: 'createRecording',
        summary: "Add a cloud recording that plays one of the tenant's videos",
        params: ConferenceParams,
        body: CreateRecordingBody,
        response: { 201: Recording, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      const b = request.body
      const created = await catalog.createRecording(tenantId, conferenceId, {
        ...b,
        startedAt: new Date(b.startedAt),
        endedAt: new Date(b.endedAt),
      })
      return reply.status(201).send(presentRecording(created))
    },
  )

  app.get(
    RECORDINGS,
    {
      schema: {
        tags,
        operationId: 'listRecordings',
        summary: "List a conference's recordings, oldest first",
        params: ConferenceParams,
        querystring: PageQuery,
        response: { 200: PageOf(Recording), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      const { page, pageSize } = request.query
      return presentPage(
        await catalog.listRecordings(tenantId, conferenceId, page, pageSize),
        presentRecording,
      )
    },
  )

  app.get(
    `${RECORDINGS}/:id`,
    {
      schema: {
        tags,
        operationId: 'getRecording',
        summary: 'Get a recording',
        params: RecordingParams,
        response: { 200: Recording, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId, id } = request.params
      await tenant(tenantId)
      return presentRecording(await catalog.getRecording(tenantId, conferenceId, id))
    },
  )

  app.patch(
    `${RECORDINGS}/:id`,
    {
      schema: {
        tags,
        operationId: 'updateRecording',
        summary: "Change a recording's video, mediaId, region, user, times, duration or size",
        params: RecordingParams,
        body: UpdateRecordingBody,
        response: { 200: Recording, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId, id } = request.params
      await tenant(tenantId)
      const b = request.body
      const updated = await catalog.updateRecording(tenantId, conferenceId, id, {
        ...b,
        startedAt: date(b.startedAt),
        endedAt: date(b.endedAt),
      })
      return presentRecording(updated)
    },
  )

  app.delete(
    `${RECORDINGS}/:id`,
    {
      schema: {
        tags,
        operationId: 'deleteRecording',
        summary: 'Delete a recording (never its video)',
        params: RecordingParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId, conferenceId, id } = request.params
      await tenant(tenantId)
      await catalog.removeRecording(tenantId, conferenceId, id)
      return reply.status(204).send(null)
    },
  )

  app.get(
    `${CONFERENCES}/:conferenceId/transcript`,
    {
      schema: {
        tags,
        operationId: 'getTranscript',
        summary: "A conference's whole transcript, in time order",
        params: ConferenceParams,
        response: { 200: Transcript, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      return presentTranscript(conferenceId, await catalog.getTranscript(tenantId, conferenceId))
    },
  )

  app.put(
    `${CONFERENCES}/:conferenceId/transcript`,
    {
      schema: {
        tags,
        operationId: 'putTranscript',
        summary: "Replace a conference's transcript as a whole (numbered by start time)",
        params: ConferenceParams,
        body: PutTranscriptBody,
        response: { 200: Transcript, ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      const stored = await catalog.replaceTranscript(
        tenantId,
        conferenceId,
        request.body.paragraphs,
      )
      return presentTranscript(conferenceId, stored)
    },
  )

  app.delete(
    `${CONFERENCES}/:conferenceId/transcript`,
    {
      schema: {
        tags,
        operationId: 'deleteTranscript',
        summary: "Delete a conference's transcript",
        params: ConferenceParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId, conferenceId } = request.params
      await tenant(tenantId)
      await catalog.removeTranscript(tenantId, conferenceId)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
