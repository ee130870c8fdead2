// /v1/audit-events: the audit trail (credentials issued or denied, keys rotated, password
// attempts), newest first, filtered by tenant and kind.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../../../services/container.ts'
import { presentAuditEvent, presentPage } from '../present.ts'
import { AuditEvent, AuditListQuery, ErrorResponses, PageOf } from '../schemas.ts'

export const auditRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEvents',
        summary: 'List audit events, newest first',
        querystring: AuditListQuery,
        response: { 200: PageOf(AuditEvent), ...ErrorResponses },
      },
    },
    async (request) => {
      const { tenantId, kind, page, pageSize } = request.query
      return presentPage(
        await services.audit.list({ tenantId, kind }, page, pageSize),
        presentAuditEvent,
      )
    },
  )
  return Promise.resolve()
}
