// Golden Aliyun error bodies for every ErrorCode and every Aliyun-specific variant, in JSON and
// XML (aliyun-vod.md §8.1 shape; codes, statuses and messages from §8.2, §8.3, §14).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Fastify from 'fastify'
import {
  AppError,
  ERROR_CODE_LIST,
  type ErrorCode,
  type ErrorDetails,
} from '../../../../src/core/errors.ts'
import {
  renderXmlError,
  sendError,
  JSON_CONTENT_TYPE,
  XML_CONTENT_TYPE,
} from '../../../../src/http/dialects/aliyun/envelope.ts'
import {
  ALIYUN_VARIANTS,
  AliyunFault,
  toAliyunError,
  type AliyunVariant,
} from '../../../../src/http/dialects/aliyun/errors.ts'

const REQUEST_ID = '25818875-5F78-4A13-BEF6-D7393642CA58'
const HOST_ID = 'vod.cn-shanghai.aliyuncs.com'

interface Golden {
  readonly details?: ErrorDetails
  readonly status: number
  readonly code: string
  readonly message: string
}

const STS = 'GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetPlayInfo'

/** §8.2 / §8.3 rows; the UNCONFIRMED choices follow §14 (see docs/dialects/aliyun.md). */
const GOLDEN: Record<ErrorCode, Golden> = {
  INVALID_PARAMETER: {
    details: { parameter: 'authInfoTimeout' },
    status: 400,
    code: 'InvalidParameter',
    message: 'The specified parameter "AuthInfoTimeout" is not valid.',
  },
  MISSING_PARAMETER: {
    details: { parameter: 'videoId' },
    status: 400,
    code: 'MissingParameter',
    message:
      'The input parameter "VideoId" that is mandatory for processing this request is not supplied.',
  },
  UNSUPPORTED_OPERATION: {
    status: 404,
    code: 'InvalidAction.NotFound',
    message: 'Specified api is not found, please check your url and method.',
  },
  UNAUTHENTICATED: {
    status: 400,
    code: 'MissingAccessKeyId',
    message: 'AccessKeyId is mandatory for this action.',
  },
  ACCESS_KEY_NOT_FOUND: {
    status: 404,
    code: 'InvalidAccessKeyId.NotFound',
    message: 'Specified access key is not found.',
  },
  ACCESS_KEY_DISABLED: {
    status: 400,
    code: 'InvalidAccessKeyId.Inactive',
    message: 'Specified access key is disabled.',
  },
  SIGNATURE_MISMATCH: {
    details: { hint: STS },
    status: 400,
    code: 'SignatureDoesNotMatch',
    message: `Specified signature is not matched with our calculation. server string to sign is:${STS}`,
  },
  SIGNATURE_EXPIRED: {
    status: 400,
    code: 'InvalidTimeStamp.Expired',
    message: 'Specified time stamp or date value is expired.',
  },
  NONCE_REUSED: {
    status: 400,
    code: 'SignatureNonceUsed',
    message: 'Specified signature nonce was used already.',
  },
  TOKEN_INVALID: {
    status: 400,
    code: 'InvalidSecurityToken.Malformed',
    message: 'Specified SecurityToken is malformed.',
  },
  TOKEN_EXPIRED: {
    status: 400,
    code: 'InvalidSecurityToken.Expired',
    message: 'Specified SecurityToken is expired.',
  },
  TOKEN_NOT_YET_VALID: {
    status: 400,
    code: 'InvalidTimeStamp.Expired',
    message: 'Specified time stamp or date value is expired.',
  },
  TOKEN_REVOKED: {
    status: 400,
    code: 'InvalidSecurityToken.Expired',
    message: 'Specified SecurityToken is expired.',
  },
  SCOPE_MISMATCH: {
    status: 403,
    code: 'Forbidden',
    message: 'User not authorized to operate on the specified resource.',
  },
  TENANT_SUSPENDED: {
    status: 403,
    code: 'OperationDenied.Suspended',
    message: 'Your VOD service is suspended.',
  },
  FORBIDDEN: {
    status: 403,
    code: 'Forbidden',
    message: 'User not authorized to operate on the specified resource.',
  },
  PASSWORD_INCORRECT: {
    status: 403,
    code: 'Forbidden',
    message: 'User not authorized to operate on the specified resource.',
  },
  MEDIA_NOT_READY: {
    details: { hint: 'Video Status is Transcoding and AuditStatus is Init' },
    status: 403,
    code: 'Forbidden.IllegalStatus',
    message:
      'Status of the video is illegal. Currently Video Status is Transcoding and AuditStatus is Init.',
  },
  NO_STREAM: {
    details: { hint: 'Formats: mp4, Definition: LD, StreamType: video' },
    status: 404,
    code: 'InvalidVideo.NoneStream',
    message:
      "The video has no stream to play for the request parameter 'Formats: mp4, Definition: LD, StreamType: video'.",
  },
  NOT_FOUND: {
    details: { resource: 'video' },
    status: 404,
    code: 'InvalidVideo.NotFound',
    message: 'The video does not exist.',
  },
  CONFLICT: {
    status: 409,
    code: 'OperationConflict',
    message: 'The request conflicts with the current state of the resource.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 400,
    code: 'InvalidParameter',
    message: 'The specified parameter "body" is not valid.',
  },
  RATE_LIMITED: {
    details: { retryAfterSeconds: 1 },
    status: 400,
    code: 'Throttling.User',
    message: 'Request was denied due to user flow control.',
  },
  UNAVAILABLE: {
    status: 503,
    code: 'ServiceUnAvailable',
    message: 'The request has failed due to a temporary failure of the server.',
  },
  INTERNAL: {
    status: 500,
    code: 'InternalError',
    message: 'The request processing has failed due to some unknown error.',
  },
}

/** Each Aliyun-only code, with the parameter its template names. */
const VARIANTS: Record<AliyunVariant, Golden> = {
  'InvalidTimeStamp.Format': {
    status: 400,
    code: 'InvalidTimeStamp.Format',
    message: 'Specified time stamp or date value is not well formatted.',
  },
  'InvalidParameter.Format': {
    status: 400,
    code: 'InvalidParameter.Format',
    message: 'Specified parameter format is not valid.',
  },
  IncompleteSignature: {
    status: 400,
    code: 'IncompleteSignature',
    message: 'The request signature does not conform to Aliyun standards.',
  },
  InvalidSignatureMethod: {
    status: 400,
    code: 'InvalidSignatureMethod',
    message: 'Specified signature method is not valid.',
  },
  UnsupportedHTTPMethod: {
    status: 400,
    code: 'UnsupportedHTTPMethod',
    message: 'This http method is not supported.',
  },
  'Missing{Param}': {
    details: { parameter: 'SecurityToken' },
    status: 400,
    code: 'MissingSecurityToken',
    message: 'SecurityToken is mandatory for this action.',
  },
  'Invalid{Param}': {
    details: { parameter: 'Version' },
    status: 400,
    code: 'InvalidVersion',
    message: 'Specified parameter Version is not valid.',
  },
  'InvalidSecurityToken.MismatchWithAccessKey': {
    status: 400,
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    message: 'Specified SecurityToken mismatch with the AccessKey.',
  },
  'InvalidAccessKeyId.NotFound': {
    status: 404,
    code: 'InvalidAccessKeyId.NotFound',
    message: 'Specified access key is not found.',
  },
  'InvalidDomain.NotFound': {
    status: 404,
    code: 'InvalidDomain.NotFound',
    message: 'The domain does not exist.',
  },
}

const recommend = (code: string) =>
  `https://api.aliyun.com/troubleshoot?q=${code}&product=vod&requestId=${REQUEST_ID}`

function expectWire(error: AppError, golden: Golden) {
  const wire = toAliyunError(error, { requestId: REQUEST_ID, hostId: HOST_ID })
  assert.equal(wire.status, golden.status)
  assert.equal(
    JSON.stringify(wire.body),
    `{"RequestId":"${REQUEST_ID}","HostId":"${HOST_ID}","Code":"${golden.code}","Message":${JSON.stringify(golden.message)},"Recommend":"${recommend(golden.code)}"}`,
  )
  const xmlText = golden.message
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
  assert.equal(
    renderXmlError({ ...wire.body }),
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><RequestId>${REQUEST_ID}</RequestId><HostId>${HOST_ID}</HostId><Code>${golden.code}</Code><Message>${xmlText}</Message><Recommend>${recommend(golden.code).replace(/&/g, '&amp;')}</Recommend></Error>`,
  )
}

describe('aliyun dialect: error bodies', () => {
  for (const code of ERROR_CODE_LIST) {
    const golden = GOLDEN[code]
    it(`answers ${code} as ${golden.status} ${golden.code}, in JSON and XML`, () => {
      expectWire(new AppError(code, 'internal text', { details: golden.details ?? {} }), golden)
    })
  }

  for (const variant of Object.keys(ALIYUN_VARIANTS) as AliyunVariant[]) {
    const golden = VARIANTS[variant]
    it(`answers the ${variant} variant as ${golden.status} ${golden.code}`, () => {
      expectWire(
        new AliyunFault(variant, 'internal text', { details: golden.details ?? {} }),
        golden,
      )
    })
  }

  it('words a missing play domain and a vanished tenant by their resource', () => {
    const domain = new AppError('NOT_FOUND', 'x', { details: { resource: 'playDomain' } })
    expectWire(domain, VARIANTS['InvalidDomain.NotFound'])
    const tenant = new AppError('NOT_FOUND', 'x', { details: { resource: 'tenant' } })
    expectWire(tenant, VARIANTS['InvalidAccessKeyId.NotFound'])
  })

  it('never puts the internal message on the wire', () => {
    const wire = toAliyunError(new AppError('INTERNAL', 'db password=hunter2 leaked'), {
      requestId: REQUEST_ID,
      hostId: HOST_ID,
    })
    assert.doesNotMatch(JSON.stringify(wire), /hunter2/)
  })

  it('sends JSON as application/json;charset=utf-8, XML as text/xml;charset=utf-8, throttling with x-acs-retry-after (ms)', async (t) => {
    const app = Fastify()
    t.after(() => app.close())
    app.get('/:format', (request, reply) => {
      const format = (request.params as { format: string }).format === 'xml' ? 'XML' : 'JSON'
      const error = new AppError('RATE_LIMITED', 'x', { details: { retryAfterSeconds: 1 } })
      return sendError(
        reply,
        format,
        toAliyunError(error, { requestId: REQUEST_ID, hostId: HOST_ID }),
      )
    })
    const asJson = await app.inject('/json')
    assert.equal(asJson.statusCode, 400)
    assert.equal(asJson.headers['content-type'], JSON_CONTENT_TYPE)
    assert.equal(asJson.headers['x-acs-retry-after'], '1000')
    assert.equal(asJson.headers['retry-after'], '1')
    assert.equal(asJson.headers['x-acs-request-id'], REQUEST_ID)
    assert.equal(JSON.parse(asJson.body).Code, 'Throttling.User')
    const asXml = await app.inject('/xml')
    assert.equal(asXml.headers['content-type'], XML_CONTENT_TYPE)
    assert.match(asXml.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><RequestId>/)
  })
})
