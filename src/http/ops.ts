// Operations endpoints: liveness, readiness (database and shared state answer), Prometheus.
import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from './app.ts'

export const opsPlugin: FastifyPluginAsync<{ deps: AppDeps }> = (app, { deps }) => {
  app.get('/healthz', () => ({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const checks = await deps.ready()
    const ok = Object.values(checks).every(Boolean)
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks })
  })
  app.get('/metrics', async (_request, reply) =>
    reply.type(deps.metrics.contentType).send(await deps.metrics.render()),
  )
  return Promise.resolve()
}
