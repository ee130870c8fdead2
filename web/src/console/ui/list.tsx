// A resource list as data: columns, the API's own filters (kept in the address, so a filtered
// list is shareable), pagination, "open by id" and a create form. Every list page is one of these.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../../shared/api.ts'
import { href, navigate, type Route } from '../router.ts'
import { Form, toBody, type Field, type Values } from './form.tsx'
import { useLoad } from './load.ts'
import { ErrorNote, Pager } from './widgets.tsx'
import { useFocusBack } from './focus.ts'

export interface Column<T> {
  readonly label: string
  readonly render: (item: T) => ComponentChildren
}

export interface Filter {
  readonly name: string
  readonly label: string
  /** A choice among these (and "All"); a text field when absent. */
  readonly options?: readonly string[]
  /** A local date and time, sent to the API as ISO 8601. */
  readonly datetime?: boolean
}

/** `2026-12-03T22:00` (local, from a datetime-local field) → ISO 8601 UTC; '' stays ''. */
const isoOf = (local: string) => {
  const time = local ? new Date(local).getTime() : NaN
  return Number.isNaN(time) ? '' : new Date(time).toISOString()
}

export interface ListPageProps<T> {
  readonly title: string
  readonly intro?: ComponentChildren
  readonly route: Route
  /** The console path of this list (`/videos`). */
  readonly path: string
  /** The API path of this list (`/videos`). */
  readonly apiPath: string
  readonly filters?: readonly Filter[]
  readonly columns: readonly Column<T>[]
  /** The console path of an item's detail page. */
  readonly itemPath?: (item: T) => string
  readonly openById?: { readonly label: string; readonly path: (id: string) => string }
  readonly create?: {
    readonly label: string
    readonly fields: readonly Field[]
    readonly initial?: Values
    readonly submit: (body: Record<string, unknown>) => Promise<T>
    readonly done: (created: T) => void
  }
  readonly pageSize?: number
}

export function ListPage<T>(props: ListPageProps<T>) {
  const { query } = props.route
  const page = Math.max(1, Number(query.get('page') ?? '1') || 1)
  const pageSize = props.pageSize ?? 20
  const filterValues = Object.fromEntries(
    (props.filters ?? []).map((f) => [f.name, query.get(f.name) ?? '']),
  )
  const apiFilters = Object.fromEntries(
    (props.filters ?? []).map((f) => {
      const value = filterValues[f.name] ?? ''
      return [f.name, f.datetime ? isoOf(value) : value]
    }),
  )
  const key = JSON.stringify([props.apiPath, page, apiFilters])
  const list = useLoad(() => api.list<T>(props.apiPath, { ...apiFilters, page, pageSize }), [key])
  const [creating, setCreating] = useState(false)
  const openButton = useFocusBack(creating)
  const [openId, setOpenId] = useState('')

  const go = (changes: Record<string, string | number | undefined>) =>
    navigate(props.path, { ...filterValues, page, ...changes })

  return (
    <section aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">{props.title}</h1>
        {props.create && !creating && (
          <button ref={openButton} type="button" class="primary" onClick={() => setCreating(true)}>
            {props.create.label}
          </button>
        )}
      </header>
      {props.intro}
      {props.create && creating && (
        <section class="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{props.create.label}</h2>
          <Form
            id="create"
            fields={props.create.fields}
            initial={props.create.initial}
            submitLabel="Create"
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const created = await props.create!.submit(toBody(props.create!.fields, values))
              setCreating(false)
              list.reload()
              props.create!.done(created)
            }}
          />
        </section>
      )}
      <div class="toolbar">
        {props.filters?.map((filter) => (
          <div class="field inline" key={filter.name}>
            <label for={`filter-${filter.name}`}>{filter.label}</label>
            {filter.options ? (
              <select
                id={`filter-${filter.name}`}
                value={filterValues[filter.name]}
                onChange={(e) => go({ [filter.name]: e.currentTarget.value, page: 1 })}
              >
                <option value="">All</option>
                {filter.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : filter.datetime ? (
              <input
                id={`filter-${filter.name}`}
                type="datetime-local"
                value={filterValues[filter.name]}
                onChange={(e) => go({ [filter.name]: e.currentTarget.value, page: 1 })}
              />
            ) : (
              <input
                id={`filter-${filter.name}`}
                value={filterValues[filter.name]}
                onChange={(e) => go({ [filter.name]: e.currentTarget.value.trim(), page: 1 })}
              />
            )}
          </div>
        ))}
        {props.openById && (
          <form
            class="field inline"
            role="search"
            onSubmit={(e) => {
              e.preventDefault()
              if (openId.trim()) navigate(props.openById!.path(openId.trim()))
            }}
          >
            <label for="open-id">{props.openById.label}</label>
            <input id="open-id" value={openId} onInput={(e) => setOpenId(e.currentTarget.value)} />
            <button type="submit">Open</button>
          </form>
        )}
      </div>
      <ErrorNote error={list.error} />
      {list.data && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {props.columns.map((c) => (
                    <th scope="col" key={c.label}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.items.length === 0 && (
                  <tr>
                    <td colSpan={props.columns.length} class="empty">
                      Nothing here yet.
                    </td>
                  </tr>
                )}
                {list.data.items.map((item, i) => (
                  <tr key={i}>
                    {props.columns.map((c, j) => (
                      <td key={c.label}>
                        {j === 0 && props.itemPath ? (
                          <a href={href(props.itemPath(item))}>{c.render(item)}</a>
                        ) : (
                          c.render(item)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => go({ page: p })}
          />
        </>
      )}
    </section>
  )
}
