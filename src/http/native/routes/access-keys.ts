// /v1/tenants/:tenantId/access-keys: issue (the secret is in the creation response and nowhere
// else, ever), list, read, enable/disable, delete. A key is only reachable under its own tenant.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { notFound } from '../../../core/errors.ts'
import type { AccessKey as AccessKeyModel } from '../../../core/model.ts'
import type { Services } from '../../../services/container.ts'
import { MAX_PAGE_SIZE } from '../../../services/pages.ts'
import { presentAccessKey, presentPage } from '../present.ts'
import {
  AccessKey,
  CreateAccessKeyBody,
  ErrorResponses,
  IssuedAccessKey,
  NoContent,
  PageOf,
  PageQuery,
  TenantKeyParams,
  TenantParams,
  UpdateAccessKeyBody,
} from '../schemas.ts'

const tags = ['access keys']

export const accessKeyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  /**
   * The tenant's key with this id, else NOT_FOUND (also for another tenant's key). The service
   * has no read-by-id, so this pages through the tenant's keys; tenants hold a handful.
   */
  async function tenantKey(tenantId: string, id: string): Promise<AccessKeyModel> {
    await services.tenants.get(tenantId)
    for (let page = 1; ; page++) {
      const batch = await services.accessKeys.list(tenantId, page, MAX_PAGE_SIZE)
      const key = batch.items.find((k) => k.id === id)
      if (key) return key
      if (batch.items.length < batch.pageSize || page * batch.pageSize >= batch.total)
        throw notFound('accessKey', id)
    }
  }

  app.post(
    '/tenants/:tenantId/access-keys',
    {
      schema: {
        tags,
        operationId: 'issueAccessKey',
        summary: 'Issue an access key (the secret is shown once, in this response)',
        params: TenantParams,
        body: CreateAccessKeyBody,
        response: { 201: IssuedAccessKey, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const issued = await services.accessKeys.issue({
        ...request.body,
        tenantId: request.params.tenantId,
      })
      return reply.status(201).send({ ...presentAccessKey(issued.key), secret: issued.secret })
    },
  )

  app.get(
    '/tenants/:tenantId/access-keys',
    {
      schema: {
        tags,
        operationId: 'listAccessKeys',
        summary: "List a tenant's access keys (never their secrets)",
        params: TenantParams,
        querystring: PageQuery,
        response: { 200: PageOf(AccessKey), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId } = request.params
      await services.tenants.get(tenantId)
      const { page, pageSize } = request.query
      return presentPage(await services.accessKeys.list(tenantId, page, pageSize), presentAccessKey)
    },
  )

  app.get(
    '/tenants/:tenantId/access-keys/:id',
    {
      schema: {
        tags,
        operationId: 'getAccessKey',
        summary: 'Get an access key (never its secret)',
        params: TenantKeyParams,
        response: { 200: AccessKey, ...ErrorResponses },
      },
    },
    async (request) =>
      presentAccessKey(await tenantKey(request.params.tenantId, request.params.id)),
  )

  app.patch(
    '/tenants/:tenantId/access-keys/:id',
    {
      schema: {
        tags,
        operationId: 'updateAccessKey',
        summary: 'Disable, re-enable or describe an access key',
        params: TenantKeyParams,
        body: UpdateAccessKeyBody,
        response: { 200: AccessKey, ...ErrorResponses },
      },
    },
    async (request) => {
      const key = await tenantKey(request.params.tenantId, request.params.id)
      return presentAccessKey(await services.accessKeys.update(key.id, request.body))
    },
  )

  app.delete(
    '/tenants/:tenantId/access-keys/:id',
    {
      schema: {
        tags,
        operationId: 'deleteAccessKey',
        summary: 'Delete an access key',
        params: TenantKeyParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const key = await tenantKey(request.params.tenantId, request.params.id)
      await services.accessKeys.remove(key.id)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
