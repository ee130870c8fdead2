// A card listing a resource's sub-items as data: the table, an "add" form, a per-row removal
// with a confirmation, and notices. Aliases, passwords, DingTalk apps, users and recordings are
// each one of these.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { Form, type Field, type Values } from './form.tsx'
import { useLoad } from './load.ts'
import { ItemTable, type ItemTableProps } from './table.tsx'
import { Confirm, ErrorNote, Notice } from './widgets.tsx'

export interface ItemsSectionProps<T> {
  /** Unique on the page: names the heading and the form's field ids. */
  readonly id: string
  readonly title: string
  readonly intro?: ComponentChildren
  readonly load: () => Promise<readonly T[]>
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
    readonly warning: ComponentChildren
    /** Removes; answers the notice to show. */
    readonly run: (item: T) => Promise<string>
  }
  /** More row buttons; `done(notice)` reloads the list and shows the notice. */
  readonly extra?: (item: T, done: (notice: string) => void) => ComponentChildren
  /** Shown above the table (a secret shown once). */
  readonly children?: ComponentChildren
}

export function ItemsSection<T>(props: ItemsSectionProps<T>) {
  const list = useLoad(props.load, props.deps)
  const [adding, setAdding] = useState(false)
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
          <button type="button" onClick={() => setAdding(true)}>
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
      {list.data && (
        <ItemTable<T>
          items={list.data}
          columns={props.columns}
          rowKey={props.rowKey}
          empty={props.empty}
          extra={extra && ((item) => extra(item, done))}
          action={remove && { label: remove.label, names: remove.names, run: setRemoving }}
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
          {remove.warning}
        </Confirm>
      )}
    </section>
  )
}
