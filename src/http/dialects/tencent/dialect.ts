// Tencent Cloud Live API 3.0 (Version 2018-08-01) as a dialect: at `/` (by its protocol markers)
// and under `/tencent/`, POST JSON and GET, TC3-HMAC-SHA256 and v1 signatures, every answer HTTP
// 200 in Tencent's envelope. mount.ts runs the pipeline; this file only names the parts.
import type { HTTPMethods } from 'fastify'
import type { Dialect, DialectAction } from '../contract.ts'
import { describeLiveDomain } from './actions/describe-live-domain.ts'
import { describeLiveDomains } from './actions/describe-live-domains.ts'
import { describeLivePlayAuthKey } from './actions/describe-live-play-auth-key.ts'
import { modifyLivePlayAuthKey } from './actions/modify-live-play-auth-key.ts'
import { API_VERSION, authenticate, type Principal } from './authenticate.ts'
import { languageOf, sendError, sendSuccess, tencentRequestId } from './envelope.ts'
import { TENCENT_ERRORS, TencentFault } from './errors.ts'
import { parseTencentRequest, type TencentRequest } from './parse.ts'

export type TencentAction = DialectAction<TencentRequest, Principal>

// Every method reaches the pipeline, which answers UnsupportedProtocol in Tencent's shape.
const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']

export const tencentDialect: Dialect<TencentRequest, Principal> = {
  name: 'tencent',
  title: 'Tencent',
  mount: {
    prefix: '/tencent',
    root: {
      markers: {
        // The Node SDK sends X-TC-TraceId with every signature method (a v1 POST carries
        // its SecretId only in the body, out of the router's sight).
        headers: ['x-tc-action', 'x-tc-traceid'],
        authorizationPrefixes: ['TC3-'],
        uniqueQueryNames: ['SecretId'],
      },
      methods: METHODS,
    },
  },
  // Bodies stay raw: TC3 hashes the exact bytes, v1 parses its form itself.
  body: 'raw',
  actions: [
    describeLivePlayAuthKey,
    modifyLivePlayAuthKey,
    describeLiveDomain,
    describeLiveDomains,
  ],
  errors: TENCENT_ERRORS,
  parse: (inbound) => parseTencentRequest(inbound),
  actionName(request) {
    if (request.method !== 'GET' && request.method !== 'POST')
      throw new TencentFault('UNSUPPORTED_OPERATION', 'UnsupportedProtocol', `${request.method}`)
    const actionParameter = request.style === 'tc3' ? 'X-TC-Action' : 'Action'
    if (!request.action)
      throw new TencentFault('MISSING_PARAMETER', 'MissingParameter', 'no Action', {
        details: { parameter: actionParameter },
      })
    if (!request.version)
      throw new TencentFault('MISSING_PARAMETER', 'MissingParameter', 'no Version', {
        details: { parameter: request.style === 'tc3' ? 'X-TC-Version' : 'Version' },
      })
    if (request.version !== API_VERSION)
      throw new TencentFault('UNSUPPORTED_OPERATION', 'NoSuchVersion', `Version ${request.version}`)
    return request.action
  },
  authenticate: (request, action, ctx) => authenticate(request, action.name, ctx),
  envelope: {
    success(reply, { request, body, ctx }) {
      return sendSuccess(reply, request, body, tencentRequestId(request.id, ctx.crypto))
    },
    error(reply, { request, parsed, error, ctx }) {
      const requestId = tencentRequestId(request.id, ctx.crypto)
      return sendError(reply, request, error, requestId, languageOf(request, parsed))
    },
  },
}
