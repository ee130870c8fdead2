// Hot queries compiled once per database: Kysely's builder costs about 45 µs a call (immutable
// nodes, a visitor, the SQL text), several times what SQLite spends finding a row by its key.
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely'
import type { Db } from '../db.ts'

/**
 * `build` with placeholder values gives the SQL (per database, so per dialect); each call runs it
 * with `parameters`, which must come in the order the placeholders had.
 */
export function compiledOnce<Row>(
  build: (db: Db) => Compilable<Row>,
): (db: Db, parameters: readonly unknown[]) => Promise<QueryResult<Row>> {
  const sqlOf = new WeakMap<Db, string>()
  return (db, parameters) => {
    let text = sqlOf.get(db)
    if (text === undefined) {
      text = build(db).compile().sql
      sqlOf.set(db, text)
    }
    return db.executeQuery<Row>(CompiledQuery.raw(text, [...parameters]))
  }
}
