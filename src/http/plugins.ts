// The APIs mounted beside the native one: each vendor dialect and the edge add themselves here.
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../config/schema.ts'
import { edgePlugin } from '../edge/plugin.ts'
import type { Services } from '../services/container.ts'
import { aliyunPlugin } from './dialects/aliyun/plugin.ts'
import type { Metrics } from './shared/metrics.ts'

export interface PluginOptions {
  readonly services: Services
  readonly config: Config
  readonly metrics: Metrics
}

export const HTTP_PLUGINS: FastifyPluginAsync<PluginOptions>[] = [aliyunPlugin, edgePlugin]
