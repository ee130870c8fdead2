// Small helpers every repository uses: JSON columns, pages, and driver errors mapped to AppError.
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

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** Runs a write, turning a unique violation into CONFLICT (and nothing else into anything). */
export async function guardConflict<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `${what} already exists`, { cause: error })
    // The tenant or video it belongs to vanished (or never existed): the caller's id is wrong.
    if (isForeignKeyViolation(error))
      throw new AppError('NOT_FOUND', `${what} refers to something that does not exist`, {
        cause: error,
      })
    throw error
  }
}
