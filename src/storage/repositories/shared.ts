// Small helpers every repository uses: JSON columns, pages, and driver errors mapped to AppError.
import type { SelectQueryBuilder } from 'kysely'
import { AppError } from '../../core/errors.ts'
import { isForeignKeyViolation, isUniqueViolation } from '../db.ts'

export interface Page {
  /** 1-based. */
  readonly page: number
  readonly pageSize: number
}

export interface PageOf<T> {
  readonly items: T[]
  readonly total: number
  readonly page: number
  readonly pageSize: number
}

export function offsetOf(page: Page): number {
  return (page.page - 1) * page.pageSize
}

/**
 * One page of what `base` matches, and how many it matches in all. `ordered` selects and orders the
 * rows; the count runs on `base` itself, so filters are written once and both queries agree.
 */
export async function selectPage<DB, TB extends keyof DB, Row, T>(
  base: SelectQueryBuilder<DB, TB, object>,
  ordered: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  page: Page,
  toItem: (row: Row) => T,
): Promise<PageOf<T>> {
  const [rows, count] = await Promise.all([
    ordered(base).limit(page.pageSize).offset(offsetOf(page)).execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      // tsc cannot resolve a selection over a generic table; this is the shape it has.
      .$castTo<{ n: number | string }>()
      .executeTakeFirstOrThrow(),
  ])
  // pg returns count(*) as a string.
  return { items: rows.map(toItem), total: Number(count.n), ...page }
}

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/**
 * Runs a write, turning a unique violation into CONFLICT (and nothing else into anything). `what`
 * names the record by the ids and names its writer chose, never a secret: the message is the
 * hint every API shows.
 */
export async function guardConflict<T>(
  what: string | ((violation: unknown) => string),
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const fail = (code: 'CONFLICT' | 'NOT_FOUND', how: string) => {
      const hint = `${typeof what === 'string' ? what : what(error)} ${how}`
      return new AppError(code, hint, { cause: error, details: { hint } })
    }
    if (isUniqueViolation(error)) throw fail('CONFLICT', 'already exists')
    // The tenant or video it belongs to vanished (or never existed): the caller's id is wrong.
    if (isForeignKeyViolation(error))
      throw fail('NOT_FOUND', 'refers to something that does not exist')
    throw error
  }
}
