// /v1/play-domains: hosts that playback URLs are issued for, and their key rings. Keys appear
// only in the creation response, GET …/keys and the rotation response; rotation makes a new
// primary and keeps the old primary as the backup, so URLs already handed out keep verifying.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../../core/errors.ts'
import type { Services } from '../../../services/container.ts'
import { presentKeyRing, presentPage, presentPlayDomain } from '../present.ts'
import {
  CreatePlayDomainBody,
  ErrorResponses,
  IdParams,
  KeyRing,
  NoContent,
  PageOf,
  PlayDomain,
  PlayDomainListQuery,
  PlayDomainWithKeys,
  RotateKeysBody,
  UpdatePlayDomainBody,
} from '../schemas.ts'

const tags = ['play domains']

export const playDomainRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.post(
    '/play-domains',
    {
      schema: {
        tags,
        operationId: 'createPlayDomain',
        summary: 'Create a play domain with its key ring (keys generated unless given)',
        body: CreatePlayDomainBody,
        response: { 201: PlayDomainWithKeys, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      // The tenant is checked first so an unknown one is a 404, not a foreign-key failure.
      await services.tenants.get(request.body.tenantId, 'tenantId')
      const domain = await services.playDomains.create(request.body)
      return reply
        .status(201)
        .send({ ...presentPlayDomain(domain), keys: presentKeyRing(domain.keys) })
    },
  )

  app.get(
    '/play-domains',
    {
      schema: {
        tags,
        operationId: 'listPlayDomains',
        summary: 'List play domains (without keys)',
        querystring: PlayDomainListQuery,
        response: { 200: PageOf(PlayDomain), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, page, pageSize } = request.query
      return presentPage(
        await services.playDomains.list({ tenantId }, page, pageSize),
        presentPlayDomain,
      )
    },
  )

  app.get(
    '/play-domains/:id',
    {
      schema: {
        tags,
        operationId: 'getPlayDomain',
        summary: 'Get a play domain (without keys)',
        params: IdParams,
        response: { 200: PlayDomain, ...ErrorResponses },
      },
    },
    async (request) => presentPlayDomain(await services.playDomains.getWithKeys(request.params.id)),
  )

  app.get(
    '/play-domains/:id/keys',
    {
      schema: {
        tags,
        operationId: 'getPlayDomainKeys',
        summary: "Reveal a play domain's key ring",
        params: IdParams,
        response: { 200: KeyRing, ...ErrorResponses },
      },
    },
    async (request) =>
      presentKeyRing((await services.playDomains.getWithKeys(request.params.id)).keys),
  )

  app.patch(
    '/play-domains/:id',
    {
      schema: {
        tags,
        operationId: 'updatePlayDomain',
        summary: 'Change settings, or set keys explicitly (backupKey null removes the backup)',
        params: IdParams,
        body: UpdatePlayDomainBody,
        response: { 200: PlayDomain, ...ErrorResponses },
      },
    },
    async (request) =>
      presentPlayDomain(await services.playDomains.update(request.params.id, request.body)),
  )

  app.post(
    '/play-domains/:id/rotate',
    {
      schema: {
        tags,
        operationId: 'rotatePlayDomainKeys',
        summary: 'Rotate keys: a new primary (given or generated); the old primary becomes backup',
        params: IdParams,
        body: RotateKeysBody,
        response: { 200: KeyRing, ...ErrorResponses },
      },
      // "Rotate" needs no input: a request without a body means "generate the new key".
      preValidation: (request, _reply, done) => {
        ;(request as { body: unknown }).body ??= {}
        done()
      },
    },
    async (request) => {
      const { primaryKey } = request.body
      if (primaryKey !== undefined) {
        const current = await services.playDomains.getWithKeys(request.params.id)
        // Rotating to the current primary would leave one key in both slots: not a rotation.
        if (primaryKey === current.keys.primary.secret)
          throw new AppError('INVALID_PARAMETER', 'the new primary key equals the current one', {
            details: { parameter: 'primaryKey' },
          })
      }
      const rotated = await services.playDomains.rotate(request.params.id, primaryKey)
      return presentKeyRing(rotated.keys)
    },
  )

  app.delete(
    '/play-domains/:id',
    {
      schema: {
        tags,
        operationId: 'deletePlayDomain',
        summary: 'Delete a play domain',
        params: IdParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await services.playDomains.remove(request.params.id)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
