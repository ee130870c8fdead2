// /v1/audit-events: the audit trail (credentials issued or denied, keys rotated, password
// attempts), newest first, filtered by tenant, kind, subject, outcome and time range.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AppError } from '../../../core/errors.ts'
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
      const { page, pageSize, from, to, ...rest } = request.query
      const range = {
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
      }
      if (range.from && range.to && range.to < range.from)
        throw new AppError('INVALID_PARAMETER', 'to is before from', {
          details: { parameter: 'to' },
        })
      return presentPage(
        await services.audit.list({ ...rest, ...range }, page, pageSize),
        presentAuditEvent,
      )
    },
  )
  return Promise.resolve()
}
