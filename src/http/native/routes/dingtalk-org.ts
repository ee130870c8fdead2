// /v1/tenants/:tenantId/dingtalk/{org,apps,users}: the tenant's DingTalk org (its corpId), its
// apps (a `dingtalk` access key: appKey/appSecret, with the API scopes it holds; the secret is
// shown once) and its users by unionId. Disabling or deleting an app revokes its access token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import { presentDingtalkApp, presentDingtalkOrg, presentDingtalkUser } from '../dingtalk-present.ts'
import { presentPage } from '../present.ts'
import {
  CreateDingtalkAppBody,
  CreatedDingtalkApp,
  DingtalkApp,
  DingtalkAppParams,
  DingtalkOrg,
  DingtalkTenantParams,
  DingtalkUser,
  DingtalkUserParams,
  ErrorResponses,
  NoContent,
  PageOf,
  PageQuery,
  PutDingtalkOrgBody,
  PutDingtalkUserBody,
  UpdateDingtalkAppBody,
} from '../schemas.ts'

const tags = ['dingtalk']

export const dingtalkOrgRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  const catalog = services.dingtalkCatalog
  const apps = services.dingtalkApps
  // The tenant first, so an unknown one is a 404 of the tenant and not of what is under it.
  const tenant = (id: string) => services.tenants.get(id)

  app.get(
    '/tenants/:tenantId/dingtalk/org',
    {
      schema: {
        tags,
        operationId: 'getDingtalkOrg',
        summary: "Get the tenant's DingTalk org",
        params: DingtalkTenantParams,
        response: { 200: DingtalkOrg, ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      return presentDingtalkOrg(await catalog.getOrg(request.params.tenantId))
    },
  )

  app.put(
    '/tenants/:tenantId/dingtalk/org',
    {
      schema: {
        tags,
        operationId: 'putDingtalkOrg',
        summary: "Set the tenant's DingTalk org (corpId unique across tenants)",
        params: DingtalkTenantParams,
        body: PutDingtalkOrgBody,
        response: { 200: DingtalkOrg, ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      return presentDingtalkOrg(await catalog.setOrg(request.params.tenantId, request.body))
    },
  )

  app.delete(
    '/tenants/:tenantId/dingtalk/org',
    {
      schema: {
        tags,
        operationId: 'deleteDingtalkOrg',
        summary: "Delete the tenant's DingTalk org (users and conferences stay)",
        params: DingtalkTenantParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      await catalog.removeOrg(request.params.tenantId)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/tenants/:tenantId/dingtalk/apps',
    {
      schema: {
        tags,
        operationId: 'createDingtalkApp',
        summary: 'Create an app: appKey and appSecret (shown once, in this response) with scopes',
        params: DingtalkTenantParams,
        body: CreateDingtalkAppBody,
        response: { 201: CreatedDingtalkApp, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      const created = await apps.create({ ...request.body, tenantId: request.params.tenantId })
      return reply
        .status(201)
        .send({ ...presentDingtalkApp(created), appSecret: created.appSecret })
    },
  )

  app.get(
    '/tenants/:tenantId/dingtalk/apps',
    {
      schema: {
        tags,
        operationId: 'listDingtalkApps',
        summary: "List the tenant's apps (never their secrets)",
        params: DingtalkTenantParams,
        querystring: PageQuery,
        response: { 200: PageOf(DingtalkApp), ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      const { page, pageSize } = request.query
      return presentPage(
        await apps.list(request.params.tenantId, page, pageSize),
        presentDingtalkApp,
      )
    },
  )

  app.get(
    '/tenants/:tenantId/dingtalk/apps/:id',
    {
      schema: {
        tags,
        operationId: 'getDingtalkApp',
        summary: 'Get an app (never its secret)',
        params: DingtalkAppParams,
        response: { 200: DingtalkApp, ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      return presentDingtalkApp(await apps.view(request.params.tenantId, request.params.id))
    },
  )

  app.patch(
    '/tenants/:tenantId/dingtalk/apps/:id',
    {
      schema: {
        tags,
        operationId: 'updateDingtalkApp',
        summary: "Change an app's scopes, status (disabling revokes its token) or description",
        params: DingtalkAppParams,
        body: UpdateDingtalkAppBody,
        response: { 200: DingtalkApp, ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      const { tenantId, id } = request.params
      return presentDingtalkApp(await apps.update(tenantId, id, request.body))
    },
  )

  app.delete(
    '/tenants/:tenantId/dingtalk/apps/:id',
    {
      schema: {
        tags,
        operationId: 'deleteDingtalkApp',
        summary: 'Delete an app (its access key, scopes and token)',
        params: DingtalkAppParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      await apps.remove(request.params.tenantId, request.params.id)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/tenants/:tenantId/dingtalk/users',
    {
      schema: {
        tags,
        operationId: 'listDingtalkUsers',
        summary: "List the org's users by unionId",
        params: DingtalkTenantParams,
        querystring: PageQuery,
        response: { 200: PageOf(DingtalkUser), ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      const { page, pageSize } = request.query
      return presentPage(
        await catalog.listUsers(request.params.tenantId, page, pageSize),
        presentDingtalkUser,
      )
    },
  )

  app.get(
    '/tenants/:tenantId/dingtalk/users/:unionId',
    {
      schema: {
        tags,
        operationId: 'getDingtalkUser',
        summary: 'Get a user by unionId',
        params: DingtalkUserParams,
        response: { 200: DingtalkUser, ...ErrorResponses },
      },
    },
    async (request) => {
      await tenant(request.params.tenantId)
      const { tenantId, unionId } = request.params
      return presentDingtalkUser(await catalog.getUser(tenantId, unionId))
    },
  )

  app.put(
    '/tenants/:tenantId/dingtalk/users/:unionId',
    {
      schema: {
        tags,
        operationId: 'putDingtalkUser',
        summary: 'Create (201) or replace (200) a user by unionId',
        params: DingtalkUserParams,
        body: PutDingtalkUserBody,
        response: { 200: DingtalkUser, 201: DingtalkUser, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      const { tenantId, unionId } = request.params
      const { user, created } = await catalog.putUser(tenantId, { unionId, ...request.body })
      return reply.status(created ? 201 : 200).send(presentDingtalkUser(user))
    },
  )

  app.delete(
    '/tenants/:tenantId/dingtalk/users/:unionId',
    {
      schema: {
        tags,
        operationId: 'deleteDingtalkUser',
        summary: 'Delete a user (conferences naming it keep the unionId)',
        params: DingtalkUserParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await tenant(request.params.tenantId)
      await catalog.removeUser(request.params.tenantId, request.params.unionId)
      return reply.status(204).send(null)
    },
  )
  return Promise.resolve()
}
