// Per-dialect, per-action rate limits from the config: `limits.<dialect>.<Action>` (any `_`/case
// spelling), else a deprecated flat setting, else the action's default. Names under limits.* that
// no registered dialect has are start-up problems.
import { normalizeActionName } from '../../config/load.ts'
import { actionLimitDialects, actionLimitOverrides, type Config } from '../../config/schema.ts'
import type { Dialect, DialectAction } from './contract.ts'

/** The limit an action runs with under this config. */
export function resolveActionLimit(
  config: Config,
  dialect: Dialect,
  action: DialectAction,
): number {
  const wanted = normalizeActionName(action.name)
  for (const [name, limit] of Object.entries(actionLimitOverrides(config, dialect.name)))
    if (normalizeActionName(name) === wanted) return limit
  const deprecated = action.deprecatedLimitSetting
  return (deprecated && config.limits[deprecated]) || action.limit
}

/** Every `limits.<dialect>.<Action>` naming no registered dialect or action. */
export function actionLimitProblems(config: Config, dialects: readonly Dialect[]): string[] {
  const problems: string[] = []
  for (const name of actionLimitDialects(config)) {
    const dialect = dialects.find((d) => d.name === name)
    if (!dialect) {
      problems.push(`limits.${name}: no dialect is named ${name}`)
      continue
    }
    const known = new Set(dialect.actions.map((a) => normalizeActionName(a.name)))
    for (const action of Object.keys(actionLimitOverrides(config, name)))
      if (!known.has(normalizeActionName(action)))
        problems.push(
          `limits.${name}.${action}: ${dialect.title} has no action ${action} (it has ${dialect.actions.map((a) => a.name).join(', ')})`,
        )
  }
  return problems
}
