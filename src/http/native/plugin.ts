// The native REST API (admin bearer token): tenants, access keys, videos, streams, play domains,
// key rotation, play passwords, import. Errors in the native shape.
import type { FastifyPluginAsync } from 'fastify'
import type { Config } from '../../config/schema.ts'
import type { Services } from '../../services/container.ts'

export const nativePlugin: FastifyPluginAsync<{ services: Services; config: Config }> = () =>
  Promise.resolve()
