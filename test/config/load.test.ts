import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, envName, listSettings, loadConfig } from '../../src/config/load.ts'
import { ConfigSchema } from '../../src/config/schema.ts'

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
          'http.port = "eighty" (from PLAYGATE_HTTP_PORT): must be a whole number from 0 to 65535',
          'edge.skewSeconds = -1 (from PLAYGATE_EDGE_SKEW_SECONDS): must be a whole number from 0 to 3600',
        ])
        return true
      },
    )
  })

  // Regression #12: a database URL of another kind failed later as error[INTERNAL].
  it('refuses a database or Redis URL it cannot use, saying which forms it takes', () => {
    assert.throws(
      () =>
        loadConfig({
          env: {
            PLAYGATE_DATABASE_URL: 'mysql://app:hunter2@db/x',
            PLAYGATE_REDIS_URL: 'memcached://cache',
          },
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError)
        assert.deepEqual(e.problems, [
          'database.url = "mysql://app:***@db/x" (from PLAYGATE_DATABASE_URL): must be empty (SQLite in the data dir), postgres://… (or postgresql://…) or sqlite:<path>',
          'redis.url = "memcached://cache" (from PLAYGATE_REDIS_URL): must be empty (in-process shared state), redis://… or rediss://…',
        ])
        return true
      },
    )
  })

  // Regression #12: a URL of the right scheme that cannot be parsed ended in error[INTERNAL]:
  // Invalid URL at start-up (from the PostgreSQL driver and the Redis client).
  it('refuses a database or Redis URL that is not a valid URL, password masked', () => {
    assert.throws(
      () =>
        loadConfig({
          env: {
            PLAYGATE_DATABASE_URL: 'postgres://u:pw@[bad/x',
            PLAYGATE_REDIS_URL: 'redis://:s3cret@host:port',
          },
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError)
        assert.deepEqual(e.problems, [
          'database.url = "postgres://u:***@[bad/x" (from PLAYGATE_DATABASE_URL): is not a valid URL (percent-encode special characters in the user name and password, e.g. @ as %40); must be empty (SQLite in the data dir), postgres://… (or postgresql://…) or sqlite:<path>',
          'redis.url = "redis://:***@host:port" (from PLAYGATE_REDIS_URL): is not a valid URL (percent-encode special characters in the user name and password, e.g. @ as %40); must be empty (in-process shared state), redis://… or rediss://…',
        ])
        return true
      },
    )
    // What the PostgreSQL driver takes beyond plain URLs still loads: a socket host, spaces.
    const socket = loadConfig({
      env: { PLAYGATE_DATABASE_URL: 'postgres://u:pw@/db?host=/var/run/postgresql' },
    })
    assert.equal(socket.database.url, 'postgres://u:pw@/db?host=/var/run/postgresql')
  })

  // Regression #12: "Expected union value" named neither the bad value nor the allowed ones.
  it('names the bad value, where it came from and what is allowed; secrets masked', () => {
    assert.throws(
      () =>
        loadConfig({
          env: { PLAYGATE_LOG_LEVEL: 'verbose', PLAYGATE_CONFIG_FILE: 'pg.yaml' },
          argv: ['--demo-enabled=maybe'],
          readFile: () => 'secrets:\n  masterKey: 12\ndatabase:\n  url: 7\n',
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError)
        assert.deepEqual(e.problems, [
          'database.url = 7 (from file pg.yaml): must be empty (SQLite in the data dir), postgres://… (or postgresql://…) or sqlite:<path>',
          'secrets.masterKey = *** (from file pg.yaml): must be text',
          'demo.enabled = "maybe" (from --demo-enabled): must be true or false (also 1/0, yes/no, on/off)',
          'log.level = "verbose" (from PLAYGATE_LOG_LEVEL): must be one of fatal, error, warn, info, debug, trace, silent',
        ])
        return true
      },
    )
  })

  // Regression #12: a YAML config file failed with a JSON parse error.
  it('reads YAML and JSON config files', () => {
    const yaml = loadConfig({
      env: { PLAYGATE_CONFIG_FILE: 'playgate.yaml' },
      readFile: () =>
        'http:\n  port: 9090\nlog:\n  level: warn\nlimits:\n  aliyun:\n    GetPlayInfo: 5\n',
    })
    assert.equal(yaml.http.port, 9090)
    assert.equal(yaml.log.level, 'warn')
    const json = loadConfig({
      argv: ['--config', 'playgate.json'],
      readFile: () => '{"http": {"port": 9091}}',
    })
    assert.equal(json.http.port, 9091)
  })

  // Regression #12: unknown keys in a config file were ignored in silence.
  it('refuses unknown keys in a config file, listing the known ones', () => {
    assert.throws(
      () =>
        loadConfig({
          env: { PLAYGATE_CONFIG_FILE: 'x.yml' },
          readFile: () => 'http:\n  prot: 1\ndatabse:\n  url: x\n',
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError)
        assert.deepEqual(e.problems, [
          'config file x.yml: unknown setting http.prot (http has: host, port, publicUrl, bodyLimitBytes, trustProxy)',
          `config file x.yml: unknown setting databse (sections: ${Object.keys(ConfigSchema.properties).join(', ')})`,
        ])
        return true
      },
    )
  })

  it('reports an unreadable or non-object config file', () => {
    assert.throws(
      () => loadConfig({ env: { PLAYGATE_CONFIG_FILE: 'x.json' }, readFile: () => '[1]' }),
      /must hold an object of sections/,
    )
    assert.throws(
      () =>
        loadConfig({
          env: { PLAYGATE_CONFIG_FILE: 'gone.json' },
          readFile: () => {
            throw Object.assign(new Error('nope'), { code: 'ENOENT' })
          },
        }),
      /config file gone\.json: cannot read it \(ENOENT\)/,
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
