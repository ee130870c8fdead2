// POST /v1/videos/:id/unlock: a viewer (the player page, an app) trades one of the video's play
// passwords for a short-lived play credential bound to their IP, and play URLs that carry it. The
// one native route without the admin token: the password check throttles and audits each attempt.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Config } from '../../../config/schema.ts'
import { clientIpResolver } from '../../../edge/client-ip.ts'
import { NO_INCOMING_LINE_CONFIG, unlogged } from '../../../edge/request-log.ts'
import type { Services } from '../../../services/container.ts'
import { toNativeError } from '../errors.ts'
import { ErrorResponses, IdParams, UnlockBody, Unlocked } from '../schemas.ts'

const REFUSED = { code: 'RATE_LIMITED', details: {} } as const

export const viewerUnlockRoutes: FastifyPluginAsyncTypebox<{
  services: Services
  config: Config
}> = (app, { services, config }) => {
  // The address the edge will see, so the credential it is bound to opens the media.
  const clientIp = clientIpResolver(config)
  app.post(
    '/videos/:id/unlock',
    {
      config: { viewer: true, ...NO_INCOMING_LINE_CONFIG },
      // A client this replica remembers refused (an attacker's repeats, thousands a second) is
      // answered before its body is read, parsed or validated, with no error object and no log
      // line; the refusal is counted in the audit log. The rest go through the password check.
      onRequest(request, reply, done) {
        const retryAfter = services.viewerUnlock.refused(request.params.id, clientIp(request))
        if (retryAfter === undefined) return done()
        unlogged(request)
        const { status, body } = toNativeError(REFUSED, request.id)
        void reply.status(status).header('retry-after', String(retryAfter)).send(body)
      },
      schema: {
        tags: ['play passwords'],
        operationId: 'unlockVideo',
        summary: 'Unlock a video with one of its play passwords (viewers; no admin token)',
        description:
          'Answers a play credential bound to the video and the caller’s IP, valid `passwords.unlockTtlSeconds`, and the edge URLs of the video’s streams carrying it (`?playsafe=`). Wrong passwords are 403 PASSWORD_INCORRECT; attempts are throttled per video and client (with a doubling backoff), per client and per video (429 RATE_LIMITED with Retry-After).',
        security: [],
        params: IdParams,
        body: UnlockBody,
        response: { 200: Unlocked, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const unlocked = await services.viewerUnlock.unlock({
        videoId: request.params.id,
        password: request.body.password,
        clientIp: clientIp(request),
      })
      void reply.header('cache-control', 'no-store')
      return {
        videoId: unlocked.videoId,
        credential: unlocked.token,
        expiresAt: new Date(unlocked.expiresAt).toISOString(),
        playUrls: [...unlocked.playUrls],
      }
    },
  )
  return Promise.resolve()
}
