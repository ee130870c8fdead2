// Opens SQLite (embedded default) or PostgreSQL from a URL: the one place the dialect is chosen.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationResult,
  type SqliteDatabase,
} from 'kysely'
import pg from 'pg'
import { AppError } from '../core/errors.ts'
import { MIGRATIONS } from './migrations/index.ts'
import type { Database } from './tables.ts'

export type Db = Kysely<Database>
export type DialectName = 'sqlite' | 'postgres'

// int8 and numeric come back from pg as strings; every bigint we store (ms, bytes) fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

export interface OpenDbOptions {
  /** `postgres://…`, `postgresql://…`, `sqlite:<path>` or `sqlite::memory:`. */
  readonly url: string
  /** PostgreSQL schema to use (tests give each file its own). */
  readonly schema?: string
  readonly poolSize?: number
}

export function dialectOf(url: string): DialectName {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  if (url.startsWith('sqlite:')) return 'sqlite'
  throw new TypeError(`database.url must start with postgres:// or sqlite: (got ${redactUrl(url)})`)
}

/**
 * Creates the database file 0600 (and its directory 0700) before SQLite opens it: SQLite gives
 * its -wal and -shm files the database file's mode, so all three stay private. Files an older
 * version left readable are tightened.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  closeSync(openSync(path, 'a', 0o600))
  for (const file of [path, `${path}-wal`, `${path}-shm`])
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
}

export function openDb(options: OpenDbOptions): Db {
  if (dialectOf(options.url) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    })
    // An idle client's error would otherwise crash the process; queries still report theirs.
    pool.on('error', () => {})
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  }
  const path = options.url.slice('sqlite:'.length)
  if (path !== ':memory:') createPrivateFile(path)
  const database = new SQLite(path)
  database.pragma('journal_mode = WAL')
  // With WAL, NORMAL still never corrupts the database; a power cut may drop the last commits.
  database.pragma('synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
  })
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. Kysely's
 * SQLite driver runs one query at a time, so reusing a prepared statement per SQL text is safe.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => void database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (!statement) {
        if (cache.size >= 512) cache.clear()
        statement = database.prepare(sql)
        cache.set(sql, statement)
      }
      return statement
    },
  }
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'playgate_migrations',
    migrationLockTableName: 'playgate_migrations_lock',
    // Without a schema, Kysely looks for its tables in every schema of a PostgreSQL database, so
    // another PlayGate's schema would make this one look migrated already.
    migrationTableSchema: await currentPostgresSchema(db),
    // Numbers are handed out per area and land in any order (0005 before 0004): a database
    // that already ran a later number still takes an earlier one that arrives afterwards.
    allowUnorderedMigrations: true,
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed`, { cause: error })
  }
  return results
}

async function currentPostgresSchema(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  )
  return rows[0]?.schema ?? undefined
}

/** True when the database answers a trivial query (for /readyz). */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

/** Storage failures surface as UNAVAILABLE, never as a 500 with driver text. */
export function unavailable(cause: unknown): AppError {
  return new AppError('UNAVAILABLE', 'the database did not answer', { cause })
}

/** A URL with any password replaced, safe for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
}

/** True for a foreign-key violation (the row points at something missing) on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}
