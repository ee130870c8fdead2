// /v1/tenants: create, list, read, rename or suspend, delete (cascades to keys, videos, domains).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import { presentAccounts, presentPage, presentTenant } from '../present.ts'
import {
  CreateTenantBody,
  ErrorResponses,
  IdParams,
  NoContent,
  PageOf,
  PageQuery,
  Tenant,
  UpdateTenantBody,
  VendorAccounts,
} from '../schemas.ts'

const tags = ['tenants']

export const tenantRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.post(
    '/tenants',
    {
      schema: {
        tags,
        operationId: 'createTenant',
        summary: 'Create a tenant',
        body: CreateTenantBody,
        response: { 201: Tenant, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const tenant = await services.tenants.create(request.body)
      return reply.status(201).send(presentTenant(tenant))
    },
  )

  app.get(
    '/tenants',
    {
      schema: {
        tags,
        operationId: 'listTenants',
        summary: 'List tenants',
        querystring: PageQuery,
        response: { 200: PageOf(Tenant), ...ErrorResponses },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query
      return presentPage(await services.tenants.list(page, pageSize), presentTenant)
    },
  )

  app.get(
    '/tenants/:id',
    {
      schema: {
        tags,
        operationId: 'getTenant',
        summary: 'Get a tenant',
        params: IdParams,
        response: { 200: Tenant, ...ErrorResponses },
      },
    },
    async (request) => presentTenant(await services.tenants.get(request.params.id)),
  )

  app.patch(
    '/tenants/:id',
    {
      schema: {
        tags,
        operationId: 'updateTenant',
        summary: 'Rename, suspend or reactivate a tenant',
        params: IdParams,
        body: UpdateTenantBody,
        response: { 200: Tenant, ...ErrorResponses },
      },
    },
    async (request) =>
      presentTenant(await services.tenants.update(request.params.id, request.body)),
  )

  app.delete(
    '/tenants/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTenant',
        summary: 'Delete a tenant and everything it owns',
        params: IdParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await services.tenants.remove(request.params.id)
      return reply.status(204).send(null)
    },
  )
  app.get(
    '/tenants/:id/accounts',
    {
      schema: {
        tags,
        operationId: 'getTenantAccounts',
        summary: "The tenant's vendor account facts (Aliyun CustomerId and region, Tencent AppId)",
        params: IdParams,
        response: { 200: VendorAccounts, ...ErrorResponses },
      },
    },
    async (request) => presentAccounts(await services.tenants.accounts(request.params.id)),
  )

  app.put(
    '/tenants/:id/accounts',
    {
      schema: {
        tags,
        operationId: 'setTenantAccounts',
        summary: "Replace the tenant's vendor account facts (a vendor left out is forgotten)",
        params: IdParams,
        body: VendorAccounts,
        response: { 200: VendorAccounts, ...ErrorResponses },
      },
    },
    async (request) => {
      const { aliyun = null, tencent = null } = request.body
      return presentAccounts(
        await services.tenants.updateAccounts(request.params.id, { aliyun, tencent }),
      )
    },
  )
  return Promise.resolve()
}
