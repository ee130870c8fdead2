// The DingTalk open platform as a dialect (dingtalk.md): the v1.0 token and conference-recording
// APIs at their own paths (at `/` and under `/dingtalk/`), JSON bodies (chunked accepted), the
// access token in `x-acs-dingtalk-access-token`, and the legacy `/gettoken`. mount.ts runs the
// pipeline; this file only names the parts.
import { AppError } from '../../../core/errors.ts'
import { DINGTALK_SCOPES } from '../../../core/model.ts'
import type { Dialect, DialectAction } from '../contract.ts'
import { closeVideoConference } from './actions/close-video-conference.ts'
import { startCloudRecord, stopCloudRecord } from './actions/cloud-record.ts'
import { createVideoConference } from './actions/create-video-conference.ts'
import { getAccessToken } from './actions/get-access-token.ts'
import { getToken } from './actions/get-token.ts'
import { queryCloudRecordText } from './actions/query-cloud-record-text.ts'
import { queryCloudRecordVideoPlayInfo } from './actions/query-cloud-record-video-play-info.ts'
import { queryCloudRecordVideo } from './actions/query-cloud-record-video.ts'
import { authenticateApp, authenticateToken, requireScope, type Principal } from './authenticate.ts'
import { dingtalkRequestId, sendError, sendSuccess } from './envelope.ts'
import { DINGTALK_ERRORS } from './errors.ts'
import { parseDingtalkRequest, type DingtalkRequest } from './parse.ts'

export type DingtalkAction = DialectAction<DingtalkRequest, Principal>

/** The permission each action needs (dingtalk.md §4; the unlisted ones as §6 recommends). */
const REQUIRED_SCOPES: Readonly<Record<string, string>> = {
  CreateVideoConference: DINGTALK_SCOPES.write,
  StartCloudRecord: DINGTALK_SCOPES.write,
  StopCloudRecord: DINGTALK_SCOPES.write,
  CloseVideoConference: DINGTALK_SCOPES.write,
  QueryCloudRecordVideo: DINGTALK_SCOPES.read,
  QueryCloudRecordVideoPlayInfo: DINGTALK_SCOPES.read,
  QueryCloudRecordText: DINGTALK_SCOPES.read,
}

/** The token APIs prove an app's key and secret instead of a token. */
const TOKEN_ACTIONS = new Set([getAccessToken.name, getToken.name])

export const dingtalkDialect: Dialect<DingtalkRequest, Principal> = {
  name: 'dingtalk',
  title: 'DingTalk',
  mount: {
    prefix: '/dingtalk',
    ownedPaths: ['/v1.0/oauth2/*', '/v1.0/conference/*'],
  },
  body: 'json',
  actions: [
    getAccessToken,
    getToken,
    createVideoConference,
    startCloudRecord,
    stopCloudRecord,
    closeVideoConference,
    queryCloudRecordVideo,
    queryCloudRecordVideoPlayInfo,
    queryCloudRecordText,
  ],
  errors: DINGTALK_ERRORS,
  parse: parseDingtalkRequest,
  authenticate(request, action, ctx) {
    if (action.name === getToken.name)
      return authenticateApp(request.query.appkey ?? '', request.query.appsecret ?? '', ctx)
    if (TOKEN_ACTIONS.has(action.name)) {
      // JSON only (§1.1): the credentials travel in a JSON object body.
      if (!request.hasBody) throw bodyMandatory()
      const { appKey, appSecret } = request.body
      return authenticateApp(credential(appKey, 'appKey'), credential(appSecret, 'appSecret'), ctx)
    }
    return authenticateToken(request, ctx)
  },
  scope: (principal, action) => requireScope(principal, REQUIRED_SCOPES[action.name]),
  envelope: {
    success: (reply, { request, body, ctx }) =>
      sendSuccess(reply, dingtalkRequestId(request.id, ctx.crypto), body),
    error: (reply, { request, error, ctx }) =>
      sendError(reply, request, error, dingtalkRequestId(request.id, ctx.crypto)),
  },
}

function bodyMandatory(): AppError {
  return new AppError('INVALID_PARAMETER', 'no JSON body', { details: { parameter: 'body' } })
}

/** An appKey or appSecret: a string, or absent (''). */
function credential(value: unknown, parameter: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  throw new AppError('INVALID_PARAMETER', `${parameter} is not a string`, {
    details: { parameter },
  })
}
