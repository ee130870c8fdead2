// A card listing a resource's sub-items as data: the table, an "add" form, a per-row removal
// with a confirmation, and notices. Aliases, passwords, DingTalk apps, users and recordings are
// each one of these. A paged API's list gets a pager, its page kept in the address like a
// list page's (`?usersPage=2`), so several paged sections on one page page on their own.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { PageOf } from '../../../../src/http/native/schemas.ts'
import { navigate, useRoute } from '../router.ts'
import { Form, type Field, type Values } from './form.tsx'
import { useLoad } from './load.ts'
import { ItemTable, type ItemTableProps } from './table.tsx'
import { Confirm, ErrorNote, Notice, Pager } from './widgets.tsx'
import { useFocusBack } from './focus.ts'

/** Items a section shows per page of a paged API. */
export const SECTION_PAGE_SIZE = 20

export interface ItemsSectionProps<T> {
  /** Unique on the page: names the heading and the form's field ids. */
  readonly id: string
  readonly title: string
  readonly intro?: ComponentChildren
  /** The items, or one page of them (`page` is 1-based, `pageSize` is SECTION_PAGE_SIZE). */
  readonly load: (page: number, pageSize: number) => Promise<readonly T[] | PageOf<T>>
  /** When these change, the items are loaded again. */
  readonly deps: readonly unknown[]
  readonly columns: ItemTableProps<T>['columns']
  readonly rowKey: (item: T) => string
  readonly empty: string
  readonly add?: {
    readonly label: string
    /** The form's button (the `label` when absent). */
    readonly submitLabel?: string
    readonly fields: readonly Field[]
    readonly initial?: Values
    /** Saves; answers the notice to show. */
    readonly submit: (values: Values) => Promise<string>
  }
  readonly remove?: {
    readonly label: string
    readonly title: string
    readonly names: (item: T) => string
    /** What removing does; a function names the item it removes. */
    readonly warning: ComponentChildren | ((item: T) => ComponentChildren)
    /** Removes; answers the notice to show. */
    readonly run: (item: T) => Promise<string>
  }
  /** More row buttons; `done(notice)` reloads the list and shows the notice. */
  readonly extra?: (item: T, done: (notice: string) => void) => ComponentChildren
  /** Shown above the table (a secret shown once). */
  readonly children?: ComponentChildren
}

export function ItemsSection<T>(props: ItemsSectionProps<T>) {
  const route = useRoute()
  const pageParam = `${props.id}Page`
  const page = Math.max(1, Number(route.query.get(pageParam) ?? '1') || 1)
  const list = useLoad(() => props.load(page, SECTION_PAGE_SIZE), [...props.deps, page])
  const items = list.data && ('items' in list.data ? list.data.items : list.data)
  const paged = list.data && 'items' in list.data ? list.data : undefined
  const goTo = (p: number) =>
    navigate(route.path, { ...Object.fromEntries(route.query), [pageParam]: p > 1 ? p : undefined })
  const [adding, setAdding] = useState(false)
  const openButton = useFocusBack(adding)
  const [removing, setRemoving] = useState<T>()
  const [notice, setNotice] = useState<string>()
  const done = (text: string) => {
    setNotice(text)
    list.reload()
  }
  const { add, remove, extra } = props
  return (
    <section class="card" aria-labelledby={`${props.id}-heading`}>
      <header class="page-head">
        <h2 id={`${props.id}-heading`}>{props.title}</h2>
        {add && !adding && (
          <button ref={openButton} type="button" onClick={() => setAdding(true)}>
            {add.label}
          </button>
        )}
      </header>
      {props.intro}
      <Notice text={notice} />
      {props.children}
      {add && adding && (
        <Form
          id={props.id}
          fields={add.fields}
          initial={add.initial}
          submitLabel={add.submitLabel ?? add.label}
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            const text = await add.submit(values)
            setAdding(false)
            done(text)
          }}
        />
      )}
      <ErrorNote error={list.error} />
      {items && (
        <ItemTable<T>
          items={items}
          columns={props.columns}
          rowKey={props.rowKey}
          empty={props.empty}
          extra={extra && ((item) => extra(item, done))}
          action={remove && { label: remove.label, names: remove.names, run: setRemoving }}
        />
      )}
      {paged && (paged.total > paged.pageSize || paged.page > 1) && (
        <Pager
          label={`Pages of ${props.title.toLowerCase()}`}
          page={paged.page}
          pageSize={paged.pageSize}
          total={paged.total}
          onPage={goTo}
        />
      )}
      {remove && removing !== undefined && (
        <Confirm
          title={remove.title}
          confirmLabel={remove.label}
          danger
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => done(await remove.run(removing))}
        >
          {typeof remove.warning === 'function' ? remove.warning(removing) : remove.warning}
        </Confirm>
      )}
    </section>
  )
}
