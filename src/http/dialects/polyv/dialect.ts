// The Polyv VOD v2 API (play protection) as a dialect: REST routes at `/` and under `/polyv/`,
// the v2 SHA-1 sign, the token API's MD5 sign, Polyv's envelope with HTTP 200 and the per-IP
// limit. mount.ts runs the pipeline; this file only names the parts.
import type { Dialect, DialectAction } from '../contract.ts'
import { authplayCallback } from './actions/authplay-callback.ts'
import { authplayStatus, authplayStatusPost } from './actions/authplay-status.ts'
import { getPlaysafe } from './actions/get-playsafe.ts'
import { setPlaysafe } from './actions/set-playsafe.ts'
import { token } from './actions/token.ts'
import { videoSettingPage } from './actions/video-setting-page.ts'
import { videoSettingSave } from './actions/video-setting-save.ts'
import { authenticatePolyv, type PolyvAuth, type PolyvPrincipal } from './authenticate.ts'
import { sendJsonp, sendPolyvError, sendPolyvSuccess } from './envelope.ts'
import { POLYV_ERRORS, toPolyvError } from './errors.ts'
import { parsePolyvRequest, type PolyvRequest } from './parse.ts'
import type { PolyvOutput } from './schemas.ts'

export type PolyvAction = DialectAction<PolyvRequest, PolyvPrincipal>

const AUTH: Readonly<Record<string, PolyvAuth>> = {
  token: 'token',
  'authplay-callback': 'callback',
}

export const polyvDialect: Dialect<PolyvRequest, PolyvPrincipal> = {
  name: 'polyv',
  title: 'Polyv',
  mount: { prefix: '/polyv', ownedPaths: ['/v2/video/*', '/v2/setting/*', '/service/v1/*'] },
  body: 'form',
  actions: [
    videoSettingPage,
    videoSettingSave,
    authplayStatus,
    authplayStatusPost,
    setPlaysafe,
    getPlaysafe,
    token,
    authplayCallback,
  ],
  errors: POLYV_ERRORS,
  parse: parsePolyvRequest,
  authenticate: (request, action, ctx) =>
    authenticatePolyv(request, AUTH[action.name] ?? 'v2', ctx),
  envelope: {
    success(reply, { body }) {
      const out = body as PolyvOutput
      if (out.kind === 'data') return sendPolyvSuccess(reply, out.data)
      if (out.jsonp !== undefined) return sendJsonp(reply, out.jsonp, out.body)
      return reply
        .status(200)
        .header('content-type', 'application/json;charset=UTF-8')
        .send(JSON.stringify(out.body))
    },
    error(reply, { error, ctx }) {
      return sendPolyvError(reply, toPolyvError(error), ctx.config.polyv.mirrorCodeAsHttpStatus)
    },
  },
}
