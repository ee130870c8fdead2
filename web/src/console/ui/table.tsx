// A table of items as data: columns, a line for none, and an optional action per row (delete,
// lift, kick) named for screen readers by the item it acts on.
import type { ComponentChildren } from 'preact'

export interface ItemTableProps<T> {
  readonly items: readonly T[]
  readonly columns: readonly (readonly [string, (item: T) => ComponentChildren])[]
  readonly rowKey: (item: T) => string
  /** Shown when there is no item. */
  readonly empty: string
  readonly action?: {
    readonly label: string
    /** What the action acts on, for screen readers ("stream hls/a.m3u8"). */
    readonly names: (item: T) => string
    readonly run: (item: T) => void
  }
  /** More buttons per row, before the action (enable / disable, change). */
  readonly extra?: (item: T) => ComponentChildren
}

export function ItemTable<T>(props: ItemTableProps<T>) {
  const { action, extra } = props
  const hasActions = action !== undefined || extra !== undefined
  const span = props.columns.length + (hasActions ? 1 : 0)
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.columns.map(([label]) => (
              <th scope="col" key={label}>
                {label}
              </th>
            ))}
            {hasActions && (
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.items.length === 0 && (
            <tr>
              <td colSpan={span} class="empty">
                {props.empty}
              </td>
            </tr>
          )}
          {props.items.map((item) => (
            <tr key={props.rowKey(item)}>
              {props.columns.map(([label, render]) => (
                <td key={label}>{render(item)}</td>
              ))}
              {hasActions && (
                <td class="row-actions">
                  {extra?.(item)}
                  {action && (
                    <button type="button" class="small danger" onClick={() => action.run(item)}>
                      {action.label}
                      <span class="sr-only"> {action.names(item)}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
