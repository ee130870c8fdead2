import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../src/core/errors.ts'
import { toAppError } from '../../src/http/shared/to-app-error.ts'

describe('http/shared/to-app-error', () => {
  it('passes AppErrors through unchanged', () => {
    const error = new AppError('NOT_FOUND', 'x')
    assert.equal(toAppError(error), error)
  })

  it('names the missing or invalid field of a validation error', () => {
    const missing = toAppError({
      validation: [{ keyword: 'required', params: { missingProperty: 'title' } }],
    })
    assert.deepEqual([missing.code, missing.details.parameter], ['MISSING_PARAMETER', 'title'])
    const invalid = toAppError({ validation: [{ keyword: 'type', instancePath: '/tags/1' }] })
    assert.deepEqual([invalid.code, invalid.details.parameter], ['INVALID_PARAMETER', 'tags.1'])
  })

  it('maps body problems and PostgreSQL text it cannot store to 4xx codes', () => {
    assert.equal(toAppError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).code, 'PAYLOAD_TOO_LARGE')
    assert.equal(toAppError({ code: 'FST_ERR_CTP_INVALID_JSON_BODY' }).code, 'INVALID_PARAMETER')
    // Regression: a NUL in any stored text reached PostgreSQL and answered 500.
    assert.equal(
      toAppError({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })
        .code,
      'INVALID_PARAMETER',
    )
  })

  it('makes anything else INTERNAL, keeping the cause for the log', () => {
    const cause = new Error('boom')
    const error = toAppError(cause)
    assert.deepEqual([error.code, error.cause], ['INTERNAL', cause])
  })
})
