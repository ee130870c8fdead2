// #12: a request that fails its schema is told why, in the rule's own words, next to the field it
// names: "(pageSize: must be an integer from 1 to 100)", not only "(pageSize)".
import { describe, it } from 'node:test'
import { ERROR_CODES } from '../../../src/core/errors.ts'
import { assertError, nativeApp } from './native-app.ts'

const invalid = (parameter: string, reason: string) =>
  `${ERROR_CODES.INVALID_PARAMETER} (${parameter}: ${reason})`

describe('native API: why a parameter is invalid', () => {
  it('names the rule of the field: range, length, choices, format, nullable, unknown field', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const tn = await tenant()
    const cases: [Promise<Parameters<typeof assertError>[0]>, string, string][] = [
      [call('GET', '/v1/tenants?pageSize=1000'), 'pageSize', 'must be an integer from 1 to 100'],
      [call('POST', '/v1/tenants', { name: 5 }), 'name', 'must be a string of 1 to 256 characters'],
      [
        call('POST', `/v1/tenants/${tn.id}/access-keys`, { protocol: 'ftp' }),
        'protocol',
        'must be one of aliyun, tencent, dingtalk, polyv, native',
      ],
      [
        call('PUT', `/v1/tenants/${tn.id}/accounts`, { aliyun: { region: 'Shanghai' } }),
        'aliyun.region',
        'must be a string matching ^[a-z]{2,}(-[a-z0-9]+){1,4}$',
      ],
      [
        call('POST', '/v1/play-domains', { tenantId: tn.id, host: 'a b', scheme: 'aliyun-a' }),
        'host',
        'must be a string of 1 to 253 characters in the format /openapi.json gives',
      ],
      [
        call('POST', `/v1/tenants/${tn.id}/dingtalk/conferences`, {
          title: 'x',
          hostUnionId: 'u',
          startedAt: 'yesterday',
        }),
        'startedAt',
        'must be an ISO 8601 date-time (2026-01-01T00:00:00Z)',
      ],
      [
        call('POST', '/v1/tenants', { name: 'Acme', colour: 'red' }),
        'colour',
        'is not a field of this request; the fields are: id, name, status',
      ],
    ]
    for (const [reply, parameter, reason] of cases)
      assertError(await reply, 400, 'INVALID_PARAMETER', parameter, invalid(parameter, reason))
  })

  it('says "or null" for a field that may be null, and nothing more for a missing one', async (t) => {
    const { call, tenant, domain } = await nativeApp(t)
    const pd = await domain((await tenant()).id)
    const live = { playDomainId: pd.id, streamName: 's', location: 'live/s.m3u8' }
    assertError(
      await call('POST', '/v1/live-streams', { ...live, pushKey: 'x' }),
      400,
      'INVALID_PARAMETER',
      'pushKey',
      invalid(
        'pushKey',
        'must be a string of 6 to 128 characters matching ^[\\x21-\\x7e]+$ or null',
      ),
    )
    assertError(
      await call('POST', '/v1/tenants', {}),
      400,
      'MISSING_PARAMETER',
      'name',
      `${ERROR_CODES.MISSING_PARAMETER} (name)`,
    )
  })
})
