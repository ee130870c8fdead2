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

  it('makes a database that does not answer (down, restarting, disk full) UNAVAILABLE', () => {
    const unavailable = [
      { code: 'ECONNREFUSED' },
      { code: 'ECONNRESET' },
      { code: '57P01', message: 'terminating connection due to administrator command' },
      { code: '57P03', message: 'the database system is starting up' },
      { code: '08006' },
      { code: '53100', message: 'could not extend file: No space left on device' },
      { message: 'Connection terminated unexpectedly' },
      { message: 'timeout exceeded when trying to connect' },
      { code: 'SQLITE_FULL', message: 'database or disk is full' },
      { code: 'SQLITE_IOERR_WRITE' },
      { code: 'SQLITE_BUSY' },
    ]
    for (const error of unavailable)
      assert.equal(toAppError(error).code, 'UNAVAILABLE', JSON.stringify(error))
  })

  it('makes anything else INTERNAL, keeping the cause for the log', () => {
    const cause = new Error('boom')
    const error = toAppError(cause)
    assert.deepEqual([error.code, error.cause], ['INTERNAL', cause])
  })
})
