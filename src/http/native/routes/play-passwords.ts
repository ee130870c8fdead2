// /v1/videos/:id/password: the owner sets, reads (it is sealed, not hashed: Polyv returns it to
// its owner) and removes a video's `default` play password; /v1/videos/:id/passwords[/:label]
// does the same for each of its labelled passwords (one per audience), each removable on its own.
// Viewers' attempts go through the unlock route and the dialects.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import type { PlayPassword as StoredPassword } from '../../../core/model.ts'
import {
  AddPasswordBody,
  ErrorResponses,
  IdParams,
  LabelParams,
  LabelledPassword,
  LabelledPasswords,
  NoContent,
  PlayPassword,
  SetPlayPasswordBody,
} from '../schemas.ts'

function present(p: StoredPassword): LabelledPassword {
  return {
    label: p.label,
    password: p.password,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}

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

  app.get(
    '/videos/:id/passwords',
    {
      schema: {
        tags,
        operationId: 'listPlayPasswords',
        summary: "List a video's play passwords, each with its label",
        params: IdParams,
        response: { 200: LabelledPasswords, ...ErrorResponses },
      },
    },
    async (request) => {
      const video = await services.videos.get(request.params.id)
      const items = await services.playPasswords.list(video.id)
      return { videoId: video.id, items: items.map(present) }
    },
  )

  app.post(
    '/videos/:id/passwords',
    {
      schema: {
        tags,
        operationId: 'addPlayPassword',
        summary: 'Add a play password under a new label (409 CONFLICT when the label is taken)',
        params: IdParams,
        body: AddPasswordBody,
        response: { 201: LabelledPassword, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const video = await services.videos.get(request.params.id)
      const { label, password } = request.body
      const added = await services.playPasswords.add(video.id, label, password)
      return reply.status(201).send(present(added))
    },
  )

  app.put(
    '/videos/:id/passwords/:label',
    {
      schema: {
        tags,
        operationId: 'setLabelledPlayPassword',
        summary:
          'Set or replace the play password of a label; credentials it unlocked before stop working',
        params: LabelParams,
        body: SetPlayPasswordBody,
        response: { 200: LabelledPassword, ...ErrorResponses },
      },
    },
    async (request) => {
      const video = await services.videos.get(request.params.id)
      const { label } = request.params
      await services.playPasswords.set(video.id, request.body.password, label)
      const stored = (await services.playPasswords.list(video.id)).find((p) => p.label === label)
      return present(stored!)
    },
  )

  app.delete(
    '/videos/:id/passwords/:label',
    {
      schema: {
        tags,
        operationId: 'deleteLabelledPlayPassword',
        summary:
          'Remove one play password (idempotent); the credentials it unlocked stop working at once',
        params: LabelParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const video = await services.videos.get(request.params.id)
      await services.playPasswords.clear(video.id, request.params.label)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
