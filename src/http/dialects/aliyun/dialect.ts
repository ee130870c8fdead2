// The Aliyun VOD RPC API (Version 2017-03-21) as a dialect: at `/` (by its protocol markers) and
// under `/aliyun/`, GET and POST, V1 and V3 signatures, errors and successes in JSON or XML, and
// CORS for browser players. mount.ts runs the pipeline; this file only names the parts.
import type { HTTPMethods } from 'fastify'
import type { Dialect, DialectAction } from '../contract.ts'
import { getPlayInfo } from './actions/get-play-info.ts'
import { getVideoInfo } from './actions/get-video-info.ts'
import { getVideoPlayAuth } from './actions/get-video-play-auth.ts'
import { API_VERSION, authenticate, checkScope, type Principal } from './authenticate.ts'
import { aliyunRequestId, hostIdOf, sendError, sendSuccess } from './envelope.ts'
import { ALIYUN_ERRORS, AliyunFault, toAliyunError } from './errors.ts'
import { parseRpcRequest, type RpcRequest } from './parse.ts'

export type AliyunAction = DialectAction<RpcRequest, Principal>

// Every method reaches the pipeline, which answers UnsupportedHTTPMethod in Aliyun's shape.
const METHODS: HTTPMethods[] = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']

export const aliyunDialect: Dialect<RpcRequest, Principal> = {
  name: 'aliyun',
  title: 'Aliyun',
  mount: {
    prefix: '/aliyun',
    root: {
      markers: { headers: ['x-acs-action'], sharedQueryNames: ['AccessKeyId', 'Action'] },
      methods: METHODS,
    },
  },
  // Bodies stay raw: V3 hashes the exact bytes, V1 parses forms itself (chunked or not).
  body: 'raw',
  // Browser players call from other origins, file pages with `Origin: null`.
  cors: {
    methods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['x-acs-request-id', 'x-acs-retry-after', 'retry-after', 'x-request-id'],
    maxAgeSeconds: 86400,
  },
  /** Action names are case-sensitive (aliyun-vod.md §1). */
  actions: [getVideoPlayAuth, getPlayInfo, getVideoInfo],
  errors: ALIYUN_ERRORS,
  parse: parseRpcRequest,
  actionName(rpc) {
    if (rpc.method !== 'GET' && rpc.method !== 'POST')
      throw new AliyunFault('UnsupportedHTTPMethod', `${rpc.method} is not supported`)
    if (!rpc.version)
      throw new AliyunFault('Missing{Param}', 'no Version', { details: { parameter: 'Version' } })
    if (rpc.version !== API_VERSION)
      throw new AliyunFault('Invalid{Param}', `Version ${rpc.version}`, {
        details: { parameter: 'Version' },
      })
    if (!rpc.action)
      throw new AliyunFault('Missing{Param}', 'no Action', { details: { parameter: 'Action' } })
    return rpc.action
  },
  authenticate: (rpc, _action, ctx) => authenticate(rpc, ctx),
  scope: checkScope,
  envelope: {
    success(reply, { request, parsed, action, body }) {
      return sendSuccess(reply, {
        format: parsed.format,
        action,
        requestId: aliyunRequestId(request.id),
        body,
      })
    },
    error(reply, { request, parsed, error }) {
      const wire = toAliyunError(error, {
        requestId: aliyunRequestId(request.id),
        hostId: hostIdOf(request),
      })
      // The format is known once parameters are read; earlier errors are JSON.
      return sendError(reply, parsed?.format ?? 'JSON', wire)
    },
  },
}
