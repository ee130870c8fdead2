// Viewer controls in the native API: a policy per play domain or video (binding rules, caps,
// auth callback), revocation entries of a tenant (or a leaked URL), live sessions and kicking.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../../core/errors.ts'
import type * as M from '../../../core/policy/viewer-policy.ts'
import type { Services } from '../../../services/container.ts'
import { ErrorResponses, IdParams, NoContent, TenantKeyParams, TenantParams } from '../schemas.ts'
import {
  CreateRevocationBody,
  CredentialIdentity,
  IdentifyCredentialBody,
  PutViewerPolicyBody,
  Revocation,
  RevocationListQuery,
  ViewerPolicy,
  ViewerSession,
} from '../viewer-schemas.ts'
import { Type } from '@fastify/type-provider-typebox'

function presentPolicy(p: M.ViewerPolicy) {
  return {
    scope: p.scope,
    scopeId: p.scopeId,
    tenantId: p.tenantId,
    rules: p.rules.map((r) => ({
      action: r.action,
      ...(r.ip ? { ip: [...r.ip] } : {}),
      ...(r.referrer ? { referrer: [...r.referrer] } : {}),
      ...(r.userAgent ? { userAgent: [...r.userAgent] } : {}),
    })),
    caps: { ...p.caps },
    callback: p.callback && { ...p.callback },
    updatedAt: p.updatedAt.toISOString(),
  }
}

function presentRevocation(r: M.Revocation) {
  return {
    ...r,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
  }
}

const SCOPES = [
  { scope: 'domain', path: '/play-domains/:id/viewer-policy', noun: 'play domain' },
  { scope: 'video', path: '/videos/:id/viewer-policy', noun: 'video' },
] as const

export const viewerControlRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  const controls = services.viewerControls
  for (const { scope, path, noun } of SCOPES) {
    const tags = ['viewer controls']
    const suffix = scope === 'domain' ? 'DomainViewerPolicy' : 'VideoViewerPolicy'
    app.get(
      path,
      {
        schema: {
          tags,
          operationId: `get${suffix}`,
          summary: `The viewer policy of a ${noun} (empty when none is set)`,
          params: IdParams,
          response: { 200: ViewerPolicy, ...ErrorResponses },
        },
      },
      async (request) => presentPolicy(await controls.getPolicy(scope, request.params.id)),
    )
    app.put(
      path,
      {
        schema: {
          tags,
          operationId: `put${suffix}`,
          summary: `Replace the viewer policy of a ${noun}: ordered rules, caps, auth callback`,
          params: IdParams,
          body: PutViewerPolicyBody,
          response: { 200: ViewerPolicy, ...ErrorResponses },
        },
      },
      async (request) =>
        presentPolicy(await controls.putPolicy(scope, request.params.id, request.body)),
    )
    app.delete(
      path,
      {
        schema: {
          tags,
          operationId: `delete${suffix}`,
          summary: `Remove the viewer policy of a ${noun}`,
          params: IdParams,
          response: { 204: NoContent, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        await controls.removePolicy(scope, request.params.id)
        return reply.status(204).send(null)
      },
    )
  }

  const tags = ['revocations']
  app.get(
    '/tenants/:tenantId/revocations',
    {
      schema: {
        tags,
        operationId: 'listRevocations',
        summary: 'Revocations in force, oldest first',
        params: TenantParams,
        querystring: RevocationListQuery,
        response: { 200: Type.Object({ items: Type.Array(Revocation) }), ...ErrorResponses },
      },
    },
    async (request) => {
      await services.tenants.get(request.params.tenantId)
      const items = await controls.listRevocations(request.params.tenantId, request.query.domainId)
      return { items: items.map(presentRevocation) }
    },
  )
  app.post(
    '/tenants/:tenantId/revocations',
    {
      schema: {
        tags,
        operationId: 'createRevocation',
        summary:
          'Revoke before expiry: by credential, viewer, video, path prefix or ring key, or a leaked URL',
        params: TenantParams,
        body: CreateRevocationBody,
        response: { 201: Revocation, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.params
      await services.tenants.get(tenantId)
      const body = request.body
      let entry: M.Revocation
      if (body.url !== undefined) entry = await controls.revokeUrl(tenantId, body.url, body.reason)
      else {
        const missing = body.kind === undefined ? 'kind' : body.value === undefined ? 'value' : null
        if (missing !== null)
          throw new AppError('MISSING_PARAMETER', `${missing} or url is required`, {
            details: { parameter: missing },
          })
        entry = await controls.revoke(tenantId, { ...body, kind: body.kind!, value: body.value! })
      }
      return reply.status(201).send(presentRevocation(entry))
    },
  )
  app.delete(
    '/tenants/:tenantId/revocations/:id',
    {
      schema: {
        tags,
        operationId: 'deleteRevocation',
        summary: 'Lift a revocation before it ends',
        params: TenantKeyParams,
        response: { 204: NoContent, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      await controls.lift(request.params.tenantId, request.params.id)
      return reply.status(204).send(null)
    },
  )
  app.post(
    '/tenants/:tenantId/credentials/identify',
    {
      schema: {
        tags,
        operationId: 'identifyCredential',
        summary: 'The credential id and viewer of a signed playback URL',
        params: TenantParams,
        body: IdentifyCredentialBody,
        response: { 200: CredentialIdentity, ...ErrorResponses },
      },
    },
    async (request) => {
      await services.tenants.get(request.params.tenantId)
      return controls.identifyUrl(request.params.tenantId, request.body.url)
    },
  )

  app.get(
    '/tenants/:tenantId/sessions',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'listSessions',
        summary: 'Live viewing sessions (on domains and videos with caps), most recent first',
        params: TenantParams,
        response: { 200: Type.Object({ items: Type.Array(ViewerSession) }), ...ErrorResponses },
      },
    },
    async (request) => {
      await services.tenants.get(request.params.tenantId)
      return { items: await services.viewerSessions.list(request.params.tenantId) }
    },
  )
  app.delete(
    '/tenants/:tenantId/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        operationId: 'kickSession',
        summary: 'End a session: its credential is revoked and stops working at once',
        params: TenantKeyParams,
        response: { 200: ViewerSession, ...ErrorResponses },
      },
    },
    async (request) => services.kickSession(request.params.tenantId, request.params.id),
  )
  return Promise.resolve()
}
