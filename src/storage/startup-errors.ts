// Why the database could not be used at start-up, as one sentence naming database.url: not
// reachable (exit 69, retryable), credentials or name wrong, read-only, or a file that cannot be
// opened (exit 78). Anything else is left to the caller.
import { EXIT_CODES, settingNames, StartupError } from '../config/problems.ts'
import { redactUrl } from './db.ts'

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
])

/** The first `code` along an error's cause chain (migrations wrap driver errors). */
function codeOf(error: unknown): { code: string } {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e;) {
    if (typeof e.code === 'string') return { code: e.code }
    e = e.cause as typeof e
  }
  // pg's own connect timeout has no code, only its message.
  const message = error instanceof Error ? error.message : ''
  return { code: /timeout/i.test(message) ? 'ETIMEDOUT' : '' }
}

export function databaseStartupError(error: unknown, url: string): StartupError | undefined {
  const { code } = codeOf(error)
  const where = redactUrl(url)
  const setting = settingNames('database.url')
  const fail = (text: string, exitCode: number = EXIT_CODES.config) =>
    new StartupError('database.url', text, { exitCode, cause: error })
  if (UNREACHABLE.has(code))
    return fail(
      `cannot reach the database at ${where} (${code}); check ${setting} and that PostgreSQL is running`,
      EXIT_CODES.unavailable,
    )
  if (code === '28P01' || code === '28000')
    return fail(`the database at ${where} refused the user or password; fix ${setting}`)
  if (code === '3D000')
    return fail(`the database named in ${where} does not exist; create it or fix ${setting}`)
  if (code === '25006' || code.startsWith('SQLITE_READONLY') || code === 'EROFS')
    return fail(
      `the database at ${where} is read-only; PlayGate needs to write: point ${setting} at a writable primary`,
    )
  if (code.startsWith('SQLITE_CANTOPEN'))
    return fail(
      `cannot open the SQLite database ${where}; check ${setting} and the file's directory`,
    )
  return undefined
}
