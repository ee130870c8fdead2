// Golden Tencent error bodies (tencent-live.md §4): one per ErrorCode, HTTP 200 always, English
// and Chinese messages, and the conditions Tencent words apart from their ErrorCode.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError, ERROR_CODE_LIST, type ErrorCode } from '../../../../src/core/errors.ts'
import {
  TENCENT_ERRORS,
  TencentFault,
  toTencentError,
} from '../../../../src/http/dialects/tencent/errors.ts'

const RID = '8e50cdb5-56dc-408b-89b0-31818958d424'

const GOLDEN: Readonly<Record<ErrorCode, readonly [string, string]>> = {
  INVALID_PARAMETER: ['InvalidParameter', 'Invalid parameter DomainName.'],
  MISSING_PARAMETER: ['MissingParameter', 'Missing parameter DomainName.'],
  UNSUPPORTED_OPERATION: ['InvalidAction', 'The API does not exist.'],
  UNAUTHENTICATED: ['AuthFailure.InvalidAuthorization', 'The Authorization header is invalid.'],
  ACCESS_KEY_NOT_FOUND: [
    'AuthFailure.SecretIdNotFound',
    'The SecretId does not exist or is disabled.',
  ],
  ACCESS_KEY_DISABLED: [
    'AuthFailure.SecretIdNotFound',
    'The SecretId does not exist or is disabled.',
  ],
  SIGNATURE_MISMATCH: [
    'AuthFailure.SignatureFailure',
    'The provided credentials could not be validated. Please check your signature is correct.',
  ],
  SIGNATURE_EXPIRED: [
    'AuthFailure.SignatureExpire',
    'Signature expired. Timestamp and server time cannot differ by more than five minutes.',
  ],
  NONCE_REUSED: [
    'AuthFailure.SignatureFailure',
    'The provided credentials could not be validated. Please check your signature is correct.',
  ],
  TOKEN_INVALID: ['AuthFailure.TokenFailure', 'Token error.'],
  TOKEN_EXPIRED: ['AuthFailure.TokenFailure', 'Token error.'],
  TOKEN_NOT_YET_VALID: ['AuthFailure.TokenFailure', 'Token error.'],
  TOKEN_REVOKED: ['AuthFailure.TokenFailure', 'Token error.'],
  SCOPE_MISMATCH: ['AuthFailure.UnauthorizedOperation', 'The request is not authorized.'],
  TENANT_SUSPENDED: ['ResourceNotFound.FreezeService', 'Service suspended.'],
  FORBIDDEN: ['AuthFailure.UnauthorizedOperation', 'The request is not authorized.'],
  PASSWORD_INCORRECT: ['AuthFailure.UnauthorizedOperation', 'The request is not authorized.'],
  MEDIA_NOT_READY: ['ResourceUnavailable', 'The resource is unavailable.'],
  NO_STREAM: ['ResourceNotFound', 'The resource does not exist.'],
  NOT_FOUND: ['ResourceNotFound', 'The resource does not exist.'],
  CONFLICT: ['ResourceInUse', 'The resource is in use.'],
  PAYLOAD_TOO_LARGE: ['RequestSizeLimitExceeded', 'The request is too large.'],
  RATE_LIMITED: ['RequestLimitExceeded', 'Your request frequency has exceeded the limit.'],
  UNAVAILABLE: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
  INTERNAL: ['InternalError', 'Internal error.'],
}

describe('tencent error bodies', () => {
  for (const code of ERROR_CODE_LIST) {
    it(`answers ${code} as ${GOLDEN[code][0]} with HTTP 200`, () => {
      assert.equal(TENCENT_ERRORS[code].status, 200)
      const error = new AppError(code, 'internal text, never shown', {
        details: { parameter: 'DomainName' },
      })
      assert.deepEqual(toTencentError(error, RID, 'en-US'), {
        Response: { Error: { Code: GOLDEN[code][0], Message: GOLDEN[code][1] }, RequestId: RID },
      })
    })
  }

  it('names a missing play domain PlayDomainNoRecord (§4.2)', () => {
    const error = new AppError('NOT_FOUND', 'x', { details: { resource: 'playDomain' } })
    assert.deepEqual(toTencentError(error, RID, 'en-US').Response.Error, {
      Code: 'ResourceNotFound.PlayDomainNoRecord',
      Message: 'The playback domain name does not exist.',
    })
  })

  it('speaks Chinese for zh-CN', () => {
    const error = new AppError('SIGNATURE_MISMATCH', 'x')
    assert.equal(
      toTencentError(error, RID, 'zh-CN').Response.Error.Message,
      '请求签名验证失败，请检查您的签名计算是否正确。',
    )
  })

  it('uses a fault code as given and keeps only a safe parameter name', () => {
    const fault = new TencentFault('INVALID_PARAMETER', 'UnknownParameter', 'x', {
      details: { parameter: 'Evil"<name>' },
    })
    assert.deepEqual(toTencentError(fault, RID, 'en-US').Response.Error, {
      Code: 'UnknownParameter',
      Message: 'Unknown parameter Evilname.',
    })
  })
})
