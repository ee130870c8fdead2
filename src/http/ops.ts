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
  app.get('/metrics', (_request, reply) =>
    reply
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(deps.metrics.render() + renderDenials(deps.services.edgeControls.denials())),
  )
  return Promise.resolve()
}

/** Edge refusals by viewer controls, by reason (rule, revoked, caps, unavailable). */
function renderDenials(denials: ReadonlyMap<string, number>): string {
  const lines = [
    '# HELP playgate_edge_denials_total Edge requests refused by viewer controls, by reason.',
    '# TYPE playgate_edge_denials_total counter',
  ]
  for (const [reason, count] of denials)
    lines.push(`playgate_edge_denials_total{reason="${reason}"} ${count}`)
  return lines.join('\n') + '\n'
}
