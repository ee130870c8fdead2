import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, envName, listSettings, loadConfig } from '../../src/config/load.ts'

describe('config/load', () => {
  it('gives every setting its default with no input', () => {
    const config = loadConfig()
    assert.equal(config.http.port, 8080)
    assert.equal(config.http.host, '127.0.0.1')
    assert.equal(config.limits.passwordAttemptsPerMinute, 10)
    // Per-action dialect limits default in their dialect (test/http/dialects/limits.test.ts).
    assert.equal(config.limits.aliyunGetVideoPlayAuthQps, undefined)
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.http))
  })

  it('applies file < env < flags', () => {
    const files: Record<string, string> = {
      '/etc/pg.json': JSON.stringify({
        http: { port: 1000, host: '0.0.0.0' },
        log: { level: 'warn' },
      }),
    }
    const config = loadConfig({
      env: { PLAYGATE_CONFIG_FILE: '/etc/pg.json', PLAYGATE_HTTP_PORT: '2000' },
      argv: ['--http-port', '3000', '--demo.enabled=false'],
      readFile: (p) => files[p]!,
    })
    assert.equal(config.http.port, 3000)
    assert.equal(config.http.host, '0.0.0.0')
    assert.equal(config.log.level, 'warn')
    assert.equal(config.demo.enabled, false)
  })

  it('reads a secret from PLAYGATE_<NAME>_FILE', () => {
    const config = loadConfig({
      env: { PLAYGATE_ADMIN_TOKEN_FILE: '/run/secrets/token' },
      readFile: () => 'from-file-token\n',
    })
    assert.equal(config.admin.token, 'from-file-token')
  })

  it('reports every problem at once, naming the env variable', () => {
    assert.throws(
      () =>
        loadConfig({
          env: {
            PLAYGATE_HTTP_PORT: 'eighty',
            PLAYGATE_EDGE_SKEW_SECONDS: '-1',
            PLAYGATE_HTTP_PROT: '1',
            PLAYGATE_TEST_PG_URL: 'postgres://x',
          },
          argv: ['--no-such-flag', 'x', 'stray'],
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError)
        assert.deepEqual(e.problems, [
          'unexpected argument "stray"',
          'unknown setting PLAYGATE_HTTP_PROT',
          'unknown flag --no-such-flag',
          'http.port (PLAYGATE_HTTP_PORT): Expected integer',
          'edge.skewSeconds (PLAYGATE_EDGE_SKEW_SECONDS): Expected integer to be greater or equal to 0',
        ])
        return true
      },
    )
  })

  it('reports an unreadable or non-object config file', () => {
    assert.throws(
      () => loadConfig({ env: { PLAYGATE_CONFIG_FILE: 'x.json' }, readFile: () => '[1]' }),
      /must hold a JSON object/,
    )
    assert.throws(
      () => loadConfig({ argv: ['--config', 'x.json'], readFile: () => '{' }),
      /config file x.json/,
    )
  })

  it('maps names mechanically', () => {
    assert.equal(envName(['http', 'bodyLimitBytes']), 'PLAYGATE_HTTP_BODY_LIMIT_BYTES')
    assert.ok(listSettings().some((s) => s.env === 'PLAYGATE_REDIS_URL'))
  })
})
