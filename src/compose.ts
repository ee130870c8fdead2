// Wires a runtime from a Config: master key, database, shared state, media root, services.
// Shared by the two composition roots (main.ts, cli/main.ts) and by tests.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Config } from './config/schema.ts'
import { AppError } from './core/errors.ts'
import { toHex } from './core/encoding/bytes.ts'
import type { MediaProbe } from './core/media.ts'
import type { Clock, Crypto } from './core/ports.ts'
import { createSecretBox, parseMasterKey, type SecretBox } from './core/secret-box.ts'
import { GENERATE_HINT, keyWeakness } from './core/secret-strength.ts'
import type { SharedState } from './core/shared-state.ts'
import { systemClock } from './platform/node/clock.ts'
import { nodeCrypto } from './platform/node/crypto.ts'
import { resolveUnderRoot } from './platform/node/media-path.ts'
import { createMediaProbe } from './platform/node/media-probe.ts'
import { createCachedMediaProbe } from './platform/node/probe-cache.ts'
import { createMemorySharedState } from './platform/node/memory-shared-state.ts'
import { createRedisSharedState } from './platform/redis/redis-shared-state.ts'
import { createServices, type Services } from './services/container.ts'
import { sql } from 'kysely'
import { EXIT_CODES, settingNames, StartupError } from './config/problems.ts'
import { migrate, openDb, pingDb, redactUrl, type Db } from './storage/db.ts'
import { databaseStartupError } from './storage/startup-errors.ts'
import { checkSealed } from './storage/sealed.ts'

export interface Runtime {
  readonly config: Config
  readonly db: Db
  readonly state: SharedState
  readonly services: Services
  readonly mediaRoot: string
  ready(): Promise<Record<string, boolean>>
  close(): Promise<void>
}

export interface RuntimeOverrides {
  readonly clock?: Clock
  readonly crypto?: Crypto
  readonly state?: SharedState
  readonly mediaProbe?: MediaProbe
}

export function dataPaths(config: Config) {
  const dataDir = resolve(config.data.dir)
  return {
    dataDir,
    mediaRoot: resolve(config.media.root || join(dataDir, 'media')),
    databaseUrl: config.database.url || `sqlite:${join(dataDir, 'playgate.db')}`,
    masterKeyFile: config.secrets.masterKeyFile || join(dataDir, 'master.key'),
  }
}

/**
 * The master key: configured, or read from its file, or (only for the default file in the data
 * directory) generated on first start with mode 0600. A missing configured file or a weak key
 * refuses to start.
 */
export function loadMasterKey(config: Config, crypto: Crypto): Uint8Array {
  const paths = dataPaths(config)
  let text = config.secrets.masterKey
  if (text === '') {
    if (!existsSync(paths.masterKeyFile)) {
      if (config.secrets.masterKeyFile !== '')
        throw new AppError(
          'INVALID_PARAMETER',
          `master key file ${paths.masterKeyFile} does not exist`,
        )
      ensureDataDir(paths.dataDir)
      writeFileSync(paths.masterKeyFile, toHex(crypto.randomBytes(32)) + '\n', {
        mode: 0o600,
        flag: 'wx',
      })
      chmodSync(paths.masterKeyFile, 0o600)
    }
    text = readFileSync(paths.masterKeyFile, 'utf8')
  }
  // PLAYGATE_SECRETS_MASTER_KEY_FILE fills both settings; the file is checked either way.
  if (config.secrets.masterKeyFile !== '' || config.secrets.masterKey === '')
    refuseLooseKeyFile(paths.masterKeyFile)
  return checkedMasterKey(text, 'the master key')
}

/** Like ssh with a private key: a key file others can read (or write) is refused, not used. */
function refuseLooseKeyFile(file: string): void {
  if (!existsSync(file)) return
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o027) === 0) return
  throw new AppError(
    'INVALID_PARAMETER',
    `the master key file ${file} can be read or written by other users ` +
      `(mode 0${mode.toString(8)}); run: chmod 600 ${file}`,
  )
}

/** The data directory holds the database and the master key: only its user may enter it. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

function checkedMasterKey(text: string, what: string): Uint8Array {
  const key = parseMasterKey(text)
  if (!key)
    throw new AppError(
      'INVALID_PARAMETER',
      `${what} must be 64 hex characters or base64 of 32 bytes`,
    )
  const weakness = keyWeakness(key)
  if (weakness)
    throw new AppError('INVALID_PARAMETER', `${what} is too weak (${weakness}); ${GENERATE_HINT}`)
  return key
}

/** A master key that cannot open what is stored would only serve 500s: refuse to start instead. */
async function refuseUnopenableSecrets(db: Db, box: SecretBox): Promise<void> {
  const { checked, failed, first } = await checkSealed(db, box)
  if (failed === 0) return
  throw new AppError(
    'INVALID_PARAMETER',
    `the master key cannot open ${failed} of ${checked} stored secrets (first: ${first}); ` +
      'start with the key they were sealed with, or, while rotating to a new key, give the old ' +
      'one as secrets.previousMasterKey and run `playgate master-key rotate` (docs/security.md)',
  )
}

export async function createRuntime(
  config: Config,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> {
  const crypto = overrides.crypto ?? nodeCrypto
  const clock = overrides.clock ?? systemClock
  const paths = dataPaths(config)
  const previous = config.secrets.previousMasterKey
  const box = createSecretBox(
    loadMasterKey(config, crypto),
    crypto,
    previous ? [checkedMasterKey(previous, 'the previous master key')] : [],
  )
  if (paths.databaseUrl.startsWith('sqlite:')) ensureDataDir(paths.dataDir)
  mkdirSync(paths.mediaRoot, { recursive: true })

  let db: Db
  try {
    db = openDb({ url: paths.databaseUrl })
  } catch (error) {
    throw databaseStartupError(error, paths.databaseUrl) ?? error
  }
  try {
    await migrate(db)
    // A read-only database (a replica, a read-only file) is found now, not at the first write.
    await sql`update playgate_migrations_lock set is_locked = is_locked`.execute(db)
    await refuseUnopenableSecrets(db, box)
  } catch (error) {
    await db.destroy()
    throw databaseStartupError(error, paths.databaseUrl) ?? error
  }
  const state =
    overrides.state ??
    (config.redis.url
      ? createRedisSharedState({ url: config.redis.url, keyPrefix: 'playgate:' })
      : createMemorySharedState({ clock }))
  if (!overrides.state && config.redis.url && !(await state.ping())) {
    await state.close()
    await db.destroy()
    throw new StartupError(
      'redis.url',
      `cannot reach Redis at ${redactUrl(config.redis.url)}; check ${settingNames('redis.url')} ` +
        'and that Redis is running (or leave it empty for in-process state on one replica)',
      { exitCode: EXIT_CODES.unavailable },
    )
  }

  const services = createServices({
    db,
    box,
    crypto,
    clock,
    state,
    config,
    mediaRoot: paths.mediaRoot,
    // Probe results are cached by path, size and mtime in the data dir (probe-cache.ts).
    mediaProbe: createCachedMediaProbe(overrides.mediaProbe ?? createMediaProbe(), {
      file: join(paths.dataDir, 'probe-cache.json'),
    }),
    async resolveMedia(relative) {
      const verdict = await resolveUnderRoot(paths.mediaRoot, relative)
      if (!verdict.ok)
        throw new AppError(
          'INVALID_PARAMETER',
          `media location ${JSON.stringify(relative)}: ${verdict.reason}`,
          {
            details: { parameter: 'location' },
          },
        )
      return verdict.value
    },
  })
  // Listening before serving, so no invalidation another replica publishes is missed.
  await services.caches.listening()

  return {
    config,
    db,
    state,
    services,
    mediaRoot: paths.mediaRoot,
    async ready() {
      const [database, sharedState] = await Promise.all([
        pingDb(db),
        state.ping().catch(() => false),
      ])
      return { database, sharedState }
    },
    async close() {
      await services.audit.flush()
      await state.close()
      await db.destroy()
    },
  }
}
