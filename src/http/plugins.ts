// The APIs mounted beside the native one: every registered vendor dialect (one pipeline,
// dialects/mount.ts) and the edge.
import type { FastifyPluginAsync } from 'fastify'
import { ConfigError } from '../config/load.ts'
import type { Config } from '../config/schema.ts'
import { edgePlugin } from '../edge/plugin.ts'
import type { Services } from '../services/container.ts'
import { actionLimitProblems } from './dialects/limits.ts'
import { mountDialect } from './dialects/mount.ts'
import { DIALECTS } from './dialects/registry.ts'
import type { Metrics } from './shared/metrics.ts'

export interface PluginOptions {
  readonly services: Services
  readonly config: Config
  readonly metrics: Metrics
}

const dialectsPlugin: FastifyPluginAsync<PluginOptions> = async (
  app,
  { services, config, metrics },
) => {
  const problems = actionLimitProblems(config, DIALECTS)
  if (problems.length > 0) throw new ConfigError(problems)
  const ctx = { services, config, clock: services.deps.clock, crypto: services.deps.crypto }
  for (const dialect of DIALECTS) await mountDialect(app, dialect, ctx, metrics)
}

export const HTTP_PLUGINS: FastifyPluginAsync<PluginOptions>[] = [dialectsPlugin, edgePlugin]
