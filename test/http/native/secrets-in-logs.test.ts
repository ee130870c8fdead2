// Nothing secret is ever logged (DESIGN.md "Security stance"): access-key secrets, domain keys,
// play passwords and admin tokens created or sent through the native API, in successes and in
// every kind of failure, never appear in the captured log lines.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TEST_ADMIN_TOKEN } from '../../helpers/build-app.ts'
import { nativeApp } from './native-app.ts'

describe('native API: secrets in logs', () => {
  it('logs none of the secrets created, read, rotated or sent in failing requests', async (t) => {
    const { call, tenant, video, logs } = await nativeApp(t)
    const secrets = new Set<string>([TEST_ADMIN_TOKEN])
    const keep = (value: unknown) => {
      assert.equal(typeof value, 'string')
      secrets.add(value as string)
    }
    const { id: tenantId } = await tenant()
    const keys = `/v1/tenants/${tenantId}/access-keys`

    // Access keys: generated and chosen secrets, every protocol.
    for (const protocol of ['aliyun', 'tencent', 'dingtalk', 'polyv', 'native'])
      keep((await call('POST', keys, { protocol })).body.secret)
    keep(
      (await call('POST', keys, { protocol: 'aliyun', secret: 'AkChosenSecret9x7' })).body.secret,
    )

    // Domains: generated and chosen keys, rotations, reads of the ring.
    const generated = (
      await call('POST', '/v1/play-domains', {
        tenantId,
        host: 'a.example.com',
        scheme: 'aliyun-a',
      })
    ).body
    keep(generated.keys.primary.secret)
    const chosen = (
      await call('POST', '/v1/play-domains', {
        tenantId,
        host: 'b.example.com',
        scheme: 'tencent-live',
        primaryKey: 'DomPrimary5r2',
        backupKey: 'DomBackup8q1',
      })
    ).body
    keep(chosen.keys.primary.secret)
    keep(chosen.keys.backup.secret)
    keep((await call('POST', `/v1/play-domains/${generated.id}/rotate`)).body.primary.secret)
    keep(
      (await call('POST', `/v1/play-domains/${chosen.id}/rotate`, { primaryKey: 'DomRotated3k8' }))
        .body.primary.secret,
    )
    await call('PATCH', `/v1/play-domains/${chosen.id}`, { backupKey: 'DomPatched6w4' })
    keep('DomPatched6w4')
    await call('GET', `/v1/play-domains/${chosen.id}/keys`)

    // Play passwords, set and read.
    const v = await video(tenantId)
    await call('PUT', `/v1/videos/${v.id}/password`, { password: 'PlayPass-4h9' })
    keep('PlayPass-4h9')
    await call('GET', `/v1/videos/${v.id}/password`)

    // Failures that carry a secret somewhere in the request.
    const failures = [
      // bad JSON (parsers like to quote the input)
      await call('POST', keys, '{"protocol":"aliyun","secret":"FailJson1a2b3', {
        'content-type': 'application/json',
      }),
      // validation failures with the secret as the offending or a neighbouring value
      await call('POST', keys, { protocol: 'aws', secret: 'FailValid2c3d4' }),
      await call('POST', keys, { protocol: 'aliyun', secret: 'Fail Spaced 3e4f' }),
      await call('PUT', `/v1/videos/${v.id}/password`, { password: 'FailPass4g5h', extra: 1 }),
      await call('PUT', `/v1/videos/${v.id}/password`, { password: 'FailLong5i6j'.repeat(20) }),
      await call('POST', `/v1/play-domains/${chosen.id}/rotate`, {
        primaryKey: 'DomRotated3k8',
      }),
      await call('POST', `/v1/play-domains/${chosen.id}/rotate`, { primaryKey: 'FailRot 6k7l' }),
      // a duplicate with a chosen secret
      await call('POST', keys, {
        protocol: 'aliyun',
        keyId: (await call('GET', keys)).body.items.find(
          (k: { protocol: string }) => k.protocol === 'aliyun',
        ).keyId,
        secret: 'FailDupe7m8n',
      }),
      // unknown resources with secrets in the body
      await call('PUT', '/v1/videos/ffffffffffffffffffffffffffffffff/password', {
        password: 'FailGhost8o9p',
      }),
      // secrets in credentials and in query strings
      await call('GET', '/v1/tenants', undefined, { authorization: 'Bearer FailToken1u2v3w4x5y' }),
      await call('GET', '/v1/tenants', undefined, { authorization: `Basic ${TEST_ADMIN_TOKEN}` }),
      await call('GET', '/v1/nowhere?secret=FailRoute2z3a'),
    ]
    for (const secret of [
      'FailJson1a2b3',
      'FailValid2c3d4',
      'Fail Spaced 3e4f',
      'FailPass4g5h',
      'FailLong5i6j',
      'FailRot 6k7l',
      'FailDupe7m8n',
      'FailGhost8o9p',
      'FailQuery9q0r',
      'FailQuery0s1t',
      'FailToken1u2v3w4x5y',
      'FailRoute2z3a',
    ])
      secrets.add(secret)
    for (const reply of failures) assert.ok(reply.status >= 400 && reply.status < 500, reply.text)
    // Unknown query parameters are ignored, but still reach the request log.
    const query = await call('GET', '/v1/tenants?token=FailQuery9q0r&password=FailQuery0s1t')
    assert.equal(query.status, 200)

    // The scan is not vacuous: requests and their failures were logged, at debug level.
    assert.ok(logs.length > 50)
    assert.ok(logs.some((line) => line.includes('"code":"INVALID_PARAMETER"')))
    assert.ok(logs.some((line) => line.includes('"code":"UNAUTHENTICATED"')))
    assert.ok(logs.some((line) => line.includes('/v1/tenants?token=***&password=***')))
    const leaks = [...secrets].flatMap((secret) =>
      logs.filter((line) => line.includes(secret)).map((line) => `${secret}: ${line}`),
    )
    assert.deepEqual(leaks, [])
  })
})
