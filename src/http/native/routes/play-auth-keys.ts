// /v1/play-auth-keys: the server keys Aliyun PlayAuths are minted and verified with. Listing shows
// ids and ages only; rotation stores a new key (it signs once every replica has loaded it), and
// retiring deletes keys no unexpired PlayAuth can still carry.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { PlayAuthKeyInfo } from '../../../services/aliyun-play-auth-keys.ts'
import type { Services } from '../../../services/container.ts'
import { ErrorResponses } from '../schemas.ts'

export const PlayAuthKey = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  signing: Type.Boolean({ description: 'Whether new PlayAuths are minted with it now.' }),
})

export const PlayAuthKeys = Type.Object({ items: Type.Array(PlayAuthKey) })

export const RetiredPlayAuthKeys = Type.Object({
  retired: Type.Array(Type.String(), { description: 'Ids of the keys deleted.' }),
})

const present = (keys: readonly PlayAuthKeyInfo[]) => ({
  items: keys.map((k) => ({ id: k.id, createdAt: k.createdAt.toISOString(), signing: k.signing })),
})

const tags = ['play-auth-keys']

export const playAuthKeyRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = (
  app,
  { services },
) => {
  const keys = services.playAuthKeys
  app.get(
    '/play-auth-keys',
    {
      schema: {
        tags,
        operationId: 'listPlayAuthKeys',
        summary: 'The Aliyun PlayAuth server keys (ids and ages, never key material)',
        response: { 200: PlayAuthKeys, ...ErrorResponses },
      },
    },
    async () => present(await keys.list()),
  )
  app.post(
    '/play-auth-keys/rotate',
    {
      schema: {
        tags,
        operationId: 'rotatePlayAuthKeys',
        summary: 'Store a new PlayAuth server key; it signs once every replica has loaded it',
        response: { 200: PlayAuthKeys, ...ErrorResponses },
      },
    },
    async () => {
      await keys.rotate()
      return present(await keys.list())
    },
  )
  app.post(
    '/play-auth-keys/retire',
    {
      schema: {
        tags,
        operationId: 'retirePlayAuthKeys',
        summary: 'Delete PlayAuth server keys that no unexpired PlayAuth can carry',
        response: { 200: RetiredPlayAuthKeys, ...ErrorResponses },
      },
    },
    async () => ({ retired: await keys.retireOld() }),
  )
  return Promise.resolve()
}
